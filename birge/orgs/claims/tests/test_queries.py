"""The claim pages take as many queries for an organization with many owners and requests as for one with
few: the page where a person asks to manage a profile (a claim, or the recovery of a managed one), and the
hub's page of one request."""

import pytest

from birge.core.testing import assert_same_queries, counted_get
from birge.orgs.claims.models import Claim
from birge.orgs.members.models import Role
from birge.orgs.profiles.models import Kind, LegalForm
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user


def request_to_manage(organization, claimant, kind=Claim.Kind.CLAIM) -> Claim:
    return Claim.objects.create(
        organization=organization, claimant=claimant, kind=kind, position="Head of office", evidence="Order 5"
    )


def more_owners_and_requests(organization, *, to: int) -> None:
    """`to` owners besides the first, and `to` requests to manage `organization` from other people."""
    owners = organization.memberships.filter(role=Role.OWNER).count()
    for n in range(owners - 1 if owners else 0, to):
        with_member(organization, make_user(f"owner{n}@example.org"), Role.OWNER)
    for n in range(organization.claims.count(), to):
        request_to_manage(organization, make_user(f"claimant{n}@example.org"), Claim.Kind.RECOVERY)


@pytest.fixture
def ministry(reference):
    """A government body nobody manages yet."""
    return OrganizationFactory(kind=Kind.GOVERNMENT, legal_form=LegalForm.MINISTRY, name="Министерство")


def test_claiming_takes_as_many_queries_whatever_others_asked_before(client, ministry, bob):
    client.force_login(bob)
    url = f"/ru/orgs/{ministry.slug}/claim/"
    client.get(url)
    for n in range(2):
        request_to_manage(ministry, make_user(f"early{n}@example.org"))
    few = counted_get(client, url)
    for n in range(2, 9):
        request_to_manage(ministry, make_user(f"early{n}@example.org"))
    many = counted_get(client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert f'<a href="/ru/orgs/{ministry.slug}/">Министерство</a>' in page and 'name="position"' in page
    # The session and the user, the organization, bob's memberships, whether anyone owns it, and his
    # pending request.
    assert_same_queries(few, many, at_most=6)


def test_asking_for_a_recovery_takes_as_many_queries_for_many_owners_as_for_one(client, org, member):
    client.force_login(member)
    url = f"/ru/orgs/{org.slug}/claim/"
    client.get(url)
    more_owners_and_requests(org, to=1)
    few = counted_get(client, url)
    more_owners_and_requests(org, to=7)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    assert f'<a href="/ru/orgs/{org.slug}/">Арго</a>' in many.response.content.decode()
    # As for a claim, with the member's memberships read twice: once to see that they may not claim, once
    # to see that they may ask for a recovery.
    assert_same_queries(few, many, at_most=7)


def test_the_hubs_page_of_a_request_takes_as_many_queries_for_many_owners_as_for_one(
    client, org, bob, hub_kz
):
    claim = request_to_manage(org, bob, Claim.Kind.RECOVERY)
    client.force_login(hub_kz)
    url = f"/ru/orgs/hub/claims/{claim.pk}/"
    client.get(url)
    more_owners_and_requests(org, to=1)
    few = counted_get(client, url)
    more_owners_and_requests(org, to=7)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert "bob@example.org" in page and "Head of office" in page
    assert all(f"owner{n}@example.org" in page for n in range(7)) and "alice@example.org" in page
    # The session and the user, the request with its organization and person, the hub's countries, and
    # the organization's owners.
    assert_same_queries(few, many, at_most=5)
