"""The directory takes as many queries for a full page of organizations as for a few, for everyone who opens
it, with words or without, on the first page or a later one."""

import pytest
from django.utils import timezone

from birge.core.models import Region, ThematicArea
from birge.core.testing import assert_same_queries, counted_get
from birge.orgs.profiles.models import Organization
from birge.orgs.search import index_organizations
from birge.orgs.tests.factories import OrganizationFactory

URL = "/ru/orgs/"
PER_PAGE = 20

# The most queries the page without words or filters may take (today's counts; lower them as the page
# gets cheaper): the search and the page's organizations; a signed-in person's session, user and
# memberships besides; a member's partners too.
AT_MOST = {"anonymous": 2, "member": 6, "outsider": 5, "hub_admin": 5}


def grow(org, *, to: int) -> None:
    """Publish and index organizations until the directory lists `to` besides `org`: every other one
    verified, each with a region, a thematic area and a description with the word "Помощь"."""
    almaty = Region.objects.get(code="KZ-75")
    themes = list(ThematicArea.objects.order_by("slug")[:3])
    listed = Organization.objects.exclude(pk=org.pk).count()
    added = []
    for n in range(listed, to):
        organization = OrganizationFactory(
            description_ru="Помощь детям",
            region=almaty,
            verified_at=timezone.now() if n % 2 else None,
        )
        organization.themes.set([themes[n % len(themes)]])
        added.append(organization.pk)
    index_organizations(added)


@pytest.fixture
def people(member, bob, hub_kz):
    return {"anonymous": None, "member": member, "outsider": bob, "hub_admin": hub_kz}


@pytest.mark.parametrize("role", AT_MOST)
@pytest.mark.parametrize(
    ("params", "page_two", "extra"),
    [
        ({}, False, 0),
        ({"q": "Помощь"}, False, 1),  # the indexed words one letter away from the typed one
        ({"q": "Помощь"}, True, 1),
        ({"country": "KZ", "sort": "name"}, False, 1),  # that the country exists
    ],
    ids=["all", "words", "words-page-2", "filtered"],
)
def test_directory_takes_as_many_queries_for_a_full_page_as_for_a_few(
    client, org, people, role, params, page_two, extra
):
    grow(org, to=2)
    if people[role]:
        client.force_login(people[role])
    client.get(URL)  # the reference choices of the filters are cached from the first request on
    few = counted_get(client, URL, **params)
    grow(org, to=PER_PAGE + 10 if not page_two else 2 * PER_PAGE + 5)
    many = counted_get(client, URL, **params, **({"page": 2} if page_two else {}))

    for counted, cards in [(few, 2 if params.get("q") else 3), (many, PER_PAGE)]:
        assert counted.response.status_code == 200
        assert counted.response.content.decode().count('class="org"') == cards
    assert_same_queries(few, many, at_most=AT_MOST[role] + extra)


# The search, the organizations with their thematic areas, and the download's usage count.
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_export_takes_as_many_queries_for_many_organizations_as_for_a_few(client, org, file_format):
    url = f"/ru/orgs/export.{file_format}"
    client.get(url)
    grow(org, to=2)
    few = counted_get(client, url)
    grow(org, to=2 * PER_PAGE + 5)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    if file_format == "csv":
        rows = many.response.content.decode("utf-8-sig").strip().splitlines()
        assert len(rows) == 1 + 2 * PER_PAGE + 6  # the heading, `org` and the others
        assert sum("Помощь детям" in row for row in rows) == 2 * PER_PAGE + 5
    assert_same_queries(few, many, at_most=4)
