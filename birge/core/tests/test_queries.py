"""The shell's pages take as many queries for many rows as for few: the home page's counts as organizations
and people join, and the search of the reference data for a word many names hold."""

from birge.core.testing import assert_same_queries, counted_get
from birge.orgs.members.models import Role
from birge.orgs.search import index_organizations
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user


def joined(*, to: int) -> None:
    """`to` published organizations, each with a member of its own."""
    from birge.orgs.profiles.models import Organization

    for n in range(Organization.objects.count(), to):
        organization = with_member(OrganizationFactory(), make_user(f"m{n}@example.org"), Role.OWNER)
        index_organizations([organization.pk])


def test_the_home_page_takes_as_many_queries_for_many_organizations_and_people_as_for_one(client, reference):
    client.get("/en/")
    joined(to=1)
    few = counted_get(client, "/en/")
    joined(to=12)
    many = counted_get(client, "/en/")

    assert many.response.status_code == 200
    assert many.response.context["counts"]["members"] == 12
    # Countries, regions, themes and members, one count for each app's registered home counter (orgs'
    # published organizations, funding's open calls, networks' listed networks), and the activity feed's
    # window of the audit log (empty here: what fills it is tested with the apps that fill it).
    assert_same_queries(few, many, at_most=8)


def test_search_takes_as_many_queries_for_many_names_as_for_one(client, reference):
    client.get("/en/search/", {"q": "Khatlon"})
    few = counted_get(client, "/en/search/", q="Khatlon")
    many = counted_get(client, "/en/search/", q="Region")

    assert many.response.status_code == 200
    assert [row["name"] for row in few.response.context["links"].page.object_list] == ["Khatlon Region"]
    listed = many.response.context["links"].page.object_list
    assert len(listed) >= 10 and all("Region" in row["name"] for row in listed)
    # The countries with their number of regions, the regions with their countries, the thematic areas
    # with their broad areas.
    assert_same_queries(few, many, at_most=3)
