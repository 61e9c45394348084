"""The members' pages take as many queries for an organization with many members and waiting invitations as
for one with a few: the list of members (for its owner, who also sees the invitations, and for a member)
and the page where an invited person joins."""

import pytest

from birge.core.testing import assert_same_queries, counted_get
from birge.orgs.members.models import Role
from birge.orgs.members.services import invitation_create
from birge.orgs.tests.factories import with_member
from conftest import make_user


def grow(org, owner, *, to: int) -> list[str]:
    """`to` members besides the owner and `to` waiting invitations; returns the invitations' tokens."""
    for n in range(org.memberships.count() - 1, to):
        with_member(org, make_user(f"m{n}@example.org"), Role.MEMBER)
    return [
        invitation_create(actor=owner, organization=org, email=f"invited{n}@example.org", role=Role.EDITOR)[1]
        for n in range(org.invitations.count(), to)
    ]


# The session and the user, the organization, the viewer's memberships, the members with their accounts;
# the owner's page lists the invitations too.
@pytest.mark.parametrize(("role", "at_most"), [("owner", 6), ("member", 5)])
def test_the_members_page_takes_as_many_queries_for_many_members_and_invitations_as_for_one(
    client, org, alice, member, role, at_most
):
    client.force_login(alice if role == "owner" else member)
    url = f"/en/orgs/{org.slug}/members/"
    client.get(url)
    grow(org, alice, to=1)
    few = counted_get(client, url)
    grow(org, alice, to=8)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert all(f"m{n}@example.org" in page for n in range(1, 8)) and "Madina" in page
    assert page.count("invited") == (8 if role == "owner" else 0)
    assert_same_queries(few, many, at_most=at_most)


def test_the_invitation_page_takes_as_many_queries_for_a_large_organization_as_for_a_small_one(
    client, org, alice, bob
):
    token = grow(org, alice, to=1)[0]
    client.force_login(bob)
    url = f"/en/orgs/invitations/{token}/"
    client.get(url)
    few = counted_get(client, url)
    grow(org, alice, to=8)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert "You are invited to join Argo as editor." in page and "<button" in page
    # The session and the user, and the invitation with its organization.
    assert_same_queries(few, many, at_most=3)
