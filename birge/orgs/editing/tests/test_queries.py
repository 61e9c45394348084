"""The pages that create and edit a profile take as many queries for an organization with many thematic
areas, members and partners (and an editor who belongs to many organizations) as for a small one."""

import pytest

from birge.core.models import ThematicArea
from birge.core.testing import assert_same_queries, counted_get
from birge.orgs.members.models import Role
from birge.orgs.partners.models import Partnership
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user

# Each step, and the most queries it may take today (lower it as the page gets cheaper): the session and
# the user, the organization, the editor's memberships, and what the step's form reads.
STEPS = {
    "basics": 6,  # the countries and the regions to choose from
    "about": 6,  # the thematic areas to choose from, and the organization's
    "contacts": 5,  # a copy of the organization for the form to change
    "capacity": 5,
    "translations": 4,
    "logo": 4,
}


def grow(org, user, *, to: int) -> None:
    """`to` thematic areas, members and partners of `org`, and `to` other organizations `user` edits."""
    org.themes.set(ThematicArea.objects.order_by("slug")[:to])
    for n in range(org.memberships.count() - 2, to):
        with_member(org, make_user(f"m{n}@example.org"), Role.MEMBER)
    for _n in range(org.partnerships.count(), to):
        Partnership.objects.create(organization=org, partner=OrganizationFactory())
    for _n in range(user.memberships.count() - 1, to):
        with_member(OrganizationFactory(), user, Role.EDITOR)


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("role", ["owner", "editor"])
def test_each_step_takes_as_many_queries_for_a_large_organization_as_for_a_small_one(
    client, org, alice, editor, role, step
):
    user = alice if role == "owner" else editor
    client.force_login(user)
    url = f"/en/orgs/{org.slug}/edit/{step}/"
    client.get(url)
    grow(org, user, to=1)
    few = counted_get(client, url)
    grow(org, user, to=8)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert "<h1>Argo</h1>" in page and '<span aria-current="step">' in page
    if step == "about":
        assert page.count('name="themes"') > 8 and page.count("checked") == 8
    assert_same_queries(few, many, at_most=STEPS[step])


def test_the_new_organization_page_takes_as_many_queries_for_someone_in_many_organizations(
    client, reference, alice
):
    client.force_login(alice)
    url = "/en/orgs/new/"
    client.get(url)
    with_member(OrganizationFactory(), alice, Role.OWNER)
    few = counted_get(client, url)
    for _n in range(8):
        with_member(OrganizationFactory(), alice, Role.EDITOR)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert "<h1>Add an organization</h1>" in page and 'name="identifier"' in page
    # The session and the user, the countries and the regions to choose from.
    assert_same_queries(few, many, at_most=4)
