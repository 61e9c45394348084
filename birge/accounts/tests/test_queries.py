"""The account's data pages take as many queries for someone in many organizations as for someone in one:
the page that exports their data, and the page that deletes the account (which names each organization
the deletion would leave without an owner)."""

from birge.core.testing import assert_same_queries, counted_get
from birge.orgs.members.models import Role
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user, reauthenticate


def owned_with_others(owner, *, to: int) -> None:
    """`to` organizations `owner` alone owns while someone else belongs to them."""
    for n in range(owner.memberships.count(), to):
        organization = with_member(OrganizationFactory(name=f"Фонд {n}"), owner, Role.OWNER)
        with_member(organization, make_user(f"colleague{n}@example.org"), Role.MEMBER)


def test_the_delete_page_takes_as_many_queries_for_many_organizations_as_for_one(
    alice_client, reference, alice
):
    url = "/en/accounts/delete/"
    reauthenticate(alice_client, url)
    alice_client.get(url)
    owned_with_others(alice, to=1)
    few = counted_get(alice_client, url)
    owned_with_others(alice, to=8)
    many = counted_get(alice_client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert "Your account cannot be deleted yet" in page and "Delete my account" not in page
    assert all(f">Фонд {n}</a>" in page for n in range(8))
    # The session and the user, and the organizations the account is the last owner of.
    assert_same_queries(few, many, at_most=3)


def test_the_export_page_takes_as_many_queries_for_many_organizations_as_for_one(
    alice_client, reference, alice
):
    url = "/en/accounts/export/"
    reauthenticate(alice_client, url)
    alice_client.get(url)
    owned_with_others(alice, to=1)
    few = counted_get(alice_client, url)
    owned_with_others(alice, to=8)
    many = counted_get(alice_client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert "your memberships and requests to manage organizations" in page and "<form" in page
    # The session and the user.
    assert_same_queries(few, many, at_most=2)
