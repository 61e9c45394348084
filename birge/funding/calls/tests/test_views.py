"""The public pages of calls: the list and each of its filters, a call's page, the Atom feed. A draft is never
shown, linked or reachable, whoever asks."""

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from birge.core.testing import assert_within_budget
from birge.funding.calls.models import Call, Lot, Status
from birge.funding.calls.services import call_publish
from birge.funding.calls.views import FEED_SIZE
from birge.funding.programs.models import Applicant, Currency, Mechanism, Program
from birge.orgs.profiles.models import Kind
from birge.orgs.tests.factories import OrganizationFactory

LIST = "/ru/calls/"
FEED = "/ru/calls/feed.atom"
ATOM = "{http://www.w3.org/2005/Atom}"


def listed(client, **params) -> list[str]:
    """The titles the list shows for `params`, in its order (every call fits on one page here)."""
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [call.title for call in response.context["links"].page.object_list]


@pytest.fixture(params=["anonymous", "signed in"])
def visitor(request, client, manager):
    """The public pages look the same to an anonymous visitor and to someone signed in, even to the manager
    of the program whose drafts they are."""
    if request.param == "signed in":
        client.force_login(manager)
    return client


@pytest.fixture
def every_status(make_call):
    """One call in each status, named after it."""
    return {status: make_call(f"Call {status}", status=status) for status in Status.values}


@pytest.fixture
def donor_program(reference):
    donor = OrganizationFactory(kind=Kind.DONOR, name="Фонд Евразия", name_en="Eurasia Foundation")
    return Program.objects.create(
        operator=donor,
        slug="eurasia-grants",
        title="Eurasia grants",
        mechanism=Mechanism.DONOR_GRANT,
        currency=Currency.USD,
        applicants=[Applicant.ORGANIZATION],
    )


# Drafts -----------------------------------------------------------------------------------------------------


def test_drafts_are_never_listed_not_even_with_past_calls(visitor, every_status):
    assert set(listed(visitor)) == {"Call published", "Call open"}
    with_past = listed(visitor, past="1")
    assert set(with_past) == {f"Call {status}" for status in Status.values} - {"Call draft"}
    for params in ({}, {"past": "1"}):
        assert "Call draft" not in visitor.get(LIST, params).content.decode()


def test_a_draft_has_no_page(visitor, every_status):
    draft = every_status[Status.DRAFT]
    assert visitor.get(f"/ru/calls/{draft.slug}/").status_code == 404
    assert visitor.get(f"/en/calls/{draft.slug}/").status_code == 404
    assert visitor.get("/ru/calls/no-such-call/").status_code == 404


def test_drafts_are_never_in_the_feed(visitor, every_status):
    titles = [
        entry.findtext(f"{ATOM}title")
        for entry in ET.fromstring(visitor.get(FEED).content).iter(f"{ATOM}entry")
    ]
    assert "Call draft" not in titles and len(titles) == len(Status.values) - 1


# The list and its filters -----------------------------------------------------------------------------------


def test_the_list_shows_current_calls_soonest_closing_first(visitor, make_call, operator):
    now = timezone.now()
    later = make_call(
        "Закрывается позже", closes_at=now + dt.timedelta(days=40), grant_max=Decimal("3000000")
    )
    sooner = make_call("Закрывается раньше", status=Status.PUBLISHED, closes_at=now + dt.timedelta(days=9))

    response = visitor.get(LIST)

    assert_within_budget(response)
    assert [call.title for call in response.context["links"].page.object_list] == [sooner.title, later.title]
    page = response.content.decode()
    assert f'<a href="/ru/calls/{later.slug}/">Закрывается позже</a>' in page
    assert operator.name in page and "3 000 000 KZT" in page.replace("\xa0", " ")


def test_past_calls_are_shown_on_request(visitor, every_status):
    assert set(listed(visitor)) == {"Call published", "Call open"}
    assert set(listed(visitor, past="1")) == {
        "Call published",
        "Call open",
        "Call closed",
        "Call in_review",
        "Call decided",
        "Call archived",
    }


def test_a_country_filter_keeps_the_calls_open_to_every_country(client, make_call):
    make_call("Kazakhstan", countries=["KZ"])
    make_call("Tajikistan", countries=["TJ"])
    make_call("Kazakhstan and Kyrgyzstan", countries=["KZ", "KG"])
    make_call("Anywhere")

    assert set(listed(client, country="KZ")) == {"Kazakhstan", "Kazakhstan and Kyrgyzstan", "Anywhere"}
    assert set(listed(client, country="kz")) == {"Kazakhstan", "Kazakhstan and Kyrgyzstan", "Anywhere"}
    assert set(listed(client, country="TJ")) == {"Tajikistan", "Anywhere"}
    assert set(listed(client, country="UZ")) == {"Anywhere"}


def test_a_mechanism_filter_keeps_the_calls_of_programs_of_that_mechanism(client, make_call, donor_program):
    make_call("State grant")
    make_call("Donor grant", in_program=donor_program)

    assert listed(client, mechanism=Mechanism.DONOR_GRANT) == ["Donor grant"]
    assert listed(client, mechanism=Mechanism.STATE_GRANT) == ["State grant"]
    assert listed(client, mechanism=Mechanism.AWARD) == []


def test_a_theme_filter_takes_in_its_sub_areas_and_calls_on_any_theme(client, make_call):
    make_call("Jobs", themes=["job-creation"])
    make_call("Economy", themes=["economic-development"])
    make_call("Climate", themes=["environment-climate"])
    make_call("Any theme")

    assert set(listed(client, theme="economic-development")) == {"Jobs", "Economy", "Any theme"}
    assert set(listed(client, theme="environment-climate")) == {"Climate", "Any theme"}


def test_an_applicant_filter_keeps_the_calls_open_to_that_kind_of_applicant(client, make_call):
    make_call("Organizations", applicants=[Applicant.ORGANIZATION])
    make_call("Groups", applicants=[Applicant.INITIATIVE_GROUP])
    make_call("Organizations and groups", applicants=[Applicant.ORGANIZATION, Applicant.INITIATIVE_GROUP])
    make_call("Individuals", applicants=[Applicant.INDIVIDUAL])

    assert set(listed(client, applicant=Applicant.ORGANIZATION)) == {
        "Organizations",
        "Organizations and groups",
    }
    assert set(listed(client, applicant=Applicant.INITIATIVE_GROUP)) == {"Groups", "Organizations and groups"}
    assert listed(client, applicant=Applicant.INDIVIDUAL) == ["Individuals"]


def test_an_amount_filter_keeps_the_calls_whose_grant_range_includes_it(client, make_call):
    make_call("Small", grant_min=Decimal(100_000), grant_max=Decimal(1_000_000))
    make_call("Large", grant_min=Decimal(1_000_000), grant_max=Decimal(10_000_000))
    make_call("From half a million", grant_min=Decimal(500_000))
    make_call("Any size")

    assert set(listed(client, amount="500000")) == {"Small", "From half a million", "Any size"}
    assert set(listed(client, amount="5000000")) == {"Large", "From half a million", "Any size"}
    assert set(listed(client, amount="50000")) == {"Any size"}
    # The ends of a range are in it; a number may be written with spaces between the thousands.
    both = {"Small", "Large", "From half a million", "Any size"}
    assert set(listed(client, amount="1000000")) == set(listed(client, amount="1 000 000")) == both


def test_a_closing_filter_keeps_the_calls_closing_by_that_day(client, make_call):
    now = timezone.now()
    make_call("In five days", closes_at=now + dt.timedelta(days=5))
    in_twenty = make_call("In twenty days", closes_at=now + dt.timedelta(days=20))
    make_call("In forty days", closes_at=now + dt.timedelta(days=40))

    day = timezone.localdate(in_twenty.closes_at)
    assert listed(client, closes_before=day.isoformat()) == ["In five days", "In twenty days"]
    assert listed(client, closes_before=(day - dt.timedelta(days=1)).isoformat()) == ["In five days"]


def test_filters_combine(client, make_call, donor_program):
    make_call("Donor in Kazakhstan", in_program=donor_program, countries=["KZ"])
    make_call("Donor in Tajikistan", in_program=donor_program, countries=["TJ"])
    make_call("State in Kazakhstan", countries=["KZ"])

    assert listed(client, country="KZ", mechanism=Mechanism.DONOR_GRANT) == ["Donor in Kazakhstan"]


@pytest.mark.parametrize(
    "params",
    [
        {"mechanism": "lottery"},
        {"applicant": "company"},
        {"amount": "a lot"},
        {"amount": "-5"},
        {"amount": "NaN"},
        {"amount": "Infinity"},
        {"amount": "1e5x"},
        {"closes_before": "2027-02-30"},
        {"closes_before": "next week"},
        {"past": "maybe"},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
    ],
    ids=lambda params: "&".join(f"{k}={v}" for k, v in params.items()),
)
def test_a_bad_filter_value_is_ignored(client, make_call, params):
    make_call("Small", grant_min=Decimal(100), grant_max=Decimal(1000))
    make_call("Any size")
    make_call("Past", status=Status.CLOSED)
    assert set(listed(client, **params)) == {"Small", "Any size"}


@pytest.mark.parametrize("name", ["country", "theme", "region", "closes_before", "amount"])
@pytest.mark.parametrize(
    "value", ["<script>alert(1)</script>", "\x00", "%", "x" * 5000, "'; DROP TABLE x; --"]
)
def test_no_filter_value_breaks_the_list(client, make_call, name, value):
    make_call("Anywhere")
    response = client.get(LIST, {name: value})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_list_is_paged_keeping_the_filters(client, make_call):
    for n in range(settings.BIRGE_PAGE_SIZE + 3):
        make_call(f"Call {n:02}", countries=["KZ"])
    first = client.get(LIST, {"country": "KZ"})
    second = client.get(LIST, {"country": "KZ", "page": "2"})

    assert len(first.context["links"].page.object_list) == settings.BIRGE_PAGE_SIZE
    assert len(second.context["links"].page.object_list) == 3
    assert 'href="?country=KZ&amp;page=2"' in first.content.decode()


# A call's page ----------------------------------------------------------------------------------------------


@pytest.fixture
def announced(ready_call, manager):
    """The ready call, announced, opening on 1 February 2027 and closing on 15 March 2027 (mid-day in every
    time zone of the region)."""
    call_publish(actor=manager, call=ready_call)
    Call.objects.filter(pk=ready_call.pk).update(
        opens_at=dt.datetime(2027, 2, 1, 6, 0, tzinfo=dt.UTC),
        closes_at=dt.datetime(2027, 3, 15, 9, 0, tzinfo=dt.UTC),
    )
    ready_call.refresh_from_db()
    return ready_call


def test_a_calls_page_shows_its_operator_dates_money_and_criteria(visitor, announced, operator):
    response = visitor.get(f"/ru/calls/{announced.slug}/")

    assert_within_budget(response)
    page = response.content.decode().replace("\xa0", " ")
    assert f"<h1>{announced.title}</h1>" in page
    assert operator.name in page and announced.summary in page
    assert "1 февраля 2027" in page and "15 марта 2027" in page
    assert "50 000 000 KZT" in page and "1 000 000 – 5 000 000 KZT" in page
    for title, weight, _top in [
        ("Relevance to the youth policy", 40, 10),
        ("Team and experience", 35, 10),
        ("Budget", 25, 5),
    ]:
        assert f"<td>{title}</td><td>{weight} %</td>" in page


def test_a_calls_page_in_english_names_the_operator_in_english(client, announced):
    page = client.get(f"/en/calls/{announced.slug}/").content.decode()
    assert "Ministry of Culture" in page and "15 March 2027" in page


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.DRAFT])
def test_every_announced_call_keeps_its_page(client, make_call, status):
    call = make_call("Anything", status=status, criteria=2)
    assert_within_budget(client.get(f"/ru/calls/{call.slug}/"))


def test_a_closed_call_is_not_said_to_have_ceased_operating(client, make_call):
    """A call's "closed" is not an organization's "closed" (which Russian renders as "прекратила
    деятельность"): the status needs its own translation context."""
    call = make_call("Закрытый конкурс", status=Status.CLOSED)
    for url in (f"/ru/calls/{call.slug}/", f"{LIST}?past=1"):
        assert "прекратила деятельность" not in client.get(url).content.decode()


def test_a_social_contracts_page_shows_the_service_and_its_lots(client, make_call, program):
    Program.objects.filter(pk=program.pk).update(mechanism=Mechanism.SOCIAL_CONTRACT)
    call = make_call(
        "Уход на дому",
        service_specification="Социальные услуги на дому пожилым людям.",
        price_ceiling=Decimal(12_000_000),
    )
    Lot.objects.create(call=call, number=1, title="Алматы", price_ceiling=Decimal(7_000_000))
    Lot.objects.create(call=call, number=2, title="Шымкент")

    response = client.get(f"/ru/calls/{call.slug}/")

    assert_within_budget(response)
    page = response.content.decode().replace("\xa0", " ")
    assert "Социальные услуги на дому пожилым людям." in page and "12 000 000 KZT" in page
    assert "<li>Алматы — 7 000 000 KZT</li><li>Шымкент</li>" in page


# The feed ---------------------------------------------------------------------------------------------------


def entries(response) -> list[ET.Element]:
    return list(ET.fromstring(response.content).iter(f"{ATOM}entry"))


def test_the_feed_is_atom_listing_announced_calls_newest_first(client, make_call, operator):
    now = timezone.now()
    oldest = make_call("Oldest", status=Status.CLOSED, published_at=now - dt.timedelta(days=30))
    newest = make_call("Newest", published_at=now - dt.timedelta(hours=1))
    middle = make_call("Middle", status=Status.PUBLISHED, published_at=now - dt.timedelta(days=2))
    make_call("Draft", status=Status.DRAFT)

    response = client.get(FEED)

    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert settings.BIRGE_SITE_NAME in feed.findtext(f"{ATOM}title")
    assert [entry.findtext(f"{ATOM}title") for entry in entries(response)] == ["Newest", "Middle", "Oldest"]
    first = entries(response)[0]
    assert first.findtext(f"{ATOM}id") == f"{settings.BIRGE_SITE_URL}/ru/calls/{newest.slug}/"
    assert first.find(f"{ATOM}link").get("href") == f"{settings.BIRGE_SITE_URL}/ru/calls/{newest.slug}/"
    assert first.findtext(f"{ATOM}author/{ATOM}name") == operator.name
    assert dt.datetime.fromisoformat(first.findtext(f"{ATOM}updated")) == newest.published_at
    assert dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == newest.published_at
    assert {middle.slug, oldest.slug} <= {
        entry.findtext(f"{ATOM}id").rsplit("/", 2)[1] for entry in entries(response)
    }


def test_the_feed_stays_valid_xml_whatever_the_texts_hold(client, make_call):
    make_call('Grants & "awards" <2027>', summary="Budget < 5 000 & more > less; it's ‘quoted’ — and Юникод.")
    entry = entries(client.get(FEED))[0]
    assert entry.findtext(f"{ATOM}title") == 'Grants & "awards" <2027>'
    assert entry.findtext(f"{ATOM}summary") == "Budget < 5 000 & more > less; it's ‘quoted’ — and Юникод."


def test_an_empty_feed_is_valid(client, db):
    response = client.get(FEED)
    assert ET.fromstring(response.content).tag == f"{ATOM}feed" and entries(response) == []


def test_the_feed_holds_the_newest_calls_only(client, make_call):
    for n in range(FEED_SIZE + 2):
        make_call(f"Call {n}")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries(client.get(FEED))]
    assert len(titles) == FEED_SIZE and titles[0] == f"Call {FEED_SIZE + 1}" and "Call 0" not in titles


def test_the_list_links_the_feed(client, db):
    assert '<link rel="alternate" type="application/atom+xml" href="/ru/calls/feed.atom"' in (
        client.get(LIST).content.decode()
    )
