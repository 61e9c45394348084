"""The public pages of calls take as many queries with many calls, each with many countries, themes,
criteria and lots, as with one call with one of each: for an anonymous visitor and for someone signed in."""

import pytest
from django.conf import settings

from birge.core.models import Country, Region, ThematicArea
from birge.core.testing import assert_same_queries, counted_get
from birge.funding.calls.models import Call, Criterion, Lot, Status
from birge.funding.calls.views import FEED_SIZE

COUNTRIES = ["KZ", "KG", "TJ", "TM", "AZ"]
THEMES = ["job-creation", "climate-adaptation", "migrant-rights", "child-protection", "economic-development"]


def more_calls(make_call, *, to: int, each: int) -> None:
    """`to` announced calls in all, each with `each` countries, themes and criteria."""
    for n in range(Call.objects.count(), to):
        make_call(
            f"Call {n}",
            status=Status.OPEN if n % 2 else Status.PUBLISHED,
            countries=COUNTRIES[:each],
            themes=THEMES[:each],
            criteria=each,
        )


def grow(call: Call, *, to: int) -> None:
    """`call` with `to` countries, regions, themes, criteria and lots."""
    call.countries.set(Country.objects.filter(code__in=COUNTRIES[:to]))
    call.regions.set(Region.objects.filter(country__code="KZ").order_by("code")[:to])
    call.themes.set(ThematicArea.objects.filter(slug__in=THEMES[:to]))
    call.criteria.all().delete()
    Criterion.objects.bulk_create(
        Criterion(call=call, title=f"Criterion {n}", weight=100 // to, position=n) for n in range(to)
    )
    call.lots.all().delete()
    Lot.objects.bulk_create(Lot(call=call, number=n + 1, title=f"District {n + 1}") for n in range(to))


@pytest.fixture(params=["anonymous", "signed in"])
def visitor(request, client, outsider):
    if request.param == "signed in":
        client.force_login(outsider)
    return client, request.param


def expected(visitor, anonymous: int) -> int:
    """A signed-in visitor's page reads two rows more: the session and the user (the header's count of
    unread notifications is cached)."""
    _client, who = visitor
    return anonymous if who == "anonymous" else anonymous + 2


def test_the_list_takes_as_many_queries_for_many_calls_as_for_one(visitor, make_call):
    client, _who = visitor
    url = "/ru/calls/"
    client.get(url)  # the reference choices of the filters are read once, then kept
    more_calls(make_call, to=1, each=1)
    few = counted_get(client, url, country="KZ", theme="economic-development")
    more_calls(make_call, to=settings.BIRGE_PAGE_SIZE, each=5)
    many = counted_get(client, url, country="KZ", theme="economic-development")

    assert many.response.status_code == 200
    assert len(many.response.context["links"].page.object_list) == settings.BIRGE_PAGE_SIZE
    # The number of calls for the pager, and the page of calls with their programs and operators.
    assert_same_queries(few, many, at_most=expected(visitor, 2))


def test_a_calls_page_takes_as_many_queries_for_many_countries_themes_criteria_and_lots_as_for_one(
    visitor, make_call
):
    client, _who = visitor
    call = make_call("Social contract", service_specification="Home care.", criteria=1)
    url = f"/ru/calls/{call.slug}/"
    client.get(url)
    grow(call, to=1)
    few = counted_get(client, url)
    grow(call, to=5)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert "Criterion 4" in page and "District 5" in page
    # The call with its program, operator and operator's country, then its countries, regions, themes,
    # criteria, lots, its current form and published questions (and, signed in, one's own applications to
    # it and one's roles in its program).
    signed_in = 2 if _who != "anonymous" else 0
    assert_same_queries(few, many, at_most=expected(visitor, 8 + signed_in))


def test_the_feed_takes_as_many_queries_for_many_calls_as_for_one(visitor, make_call):
    client, _who = visitor
    url = "/ru/calls/feed.atom"
    more_calls(make_call, to=1, each=1)
    few = counted_get(client, url)
    more_calls(make_call, to=FEED_SIZE + 5, each=3)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    assert many.response.content.decode().count("<entry>") == FEED_SIZE
    # The newest calls with their programs and operators.
    assert_same_queries(few, many, at_most=expected(visitor, 1))
