"""The profile page takes as many queries for an organization with many partners, members, verifications
and thematic areas as for one with a few, for everyone who opens it."""

import pytest

from birge.core.models import Region, ThematicArea
from birge.core.testing import assert_same_queries, counted_get
from birge.orgs.members.models import Role
from birge.orgs.partners.models import Partnership
from birge.orgs.tests.factories import OrganizationFactory, with_member
from birge.orgs.verification.services import organization_verify, verification_revoke
from conftest import make_user

# The most queries the page may take (today's counts; lower them as the page gets cheaper). The sections
# other apps add take one query each (events, joint projects, the activity feed), the networks' two.
AT_MOST = {"anonymous": 8, "member": 15, "outsider": 13, "hub_admin": 13}

CHECKED = {"registration_document_seen": True, "identifier_matches": True, "contacts_confirmed": True}


def grow(org, hub, *, to: int) -> None:
    """Give `org` `to` partners (each with a region, as a card shows it), `to` members besides its owner,
    `to` verifications (all but the latest revoked) and `to` thematic areas."""
    almaty = Region.objects.get(code="KZ-75")
    for _n in range(org.partnerships.count(), to):
        Partnership.objects.create(organization=org, partner=OrganizationFactory(region=almaty))
    for n in range(org.memberships.count() - 1, to):
        with_member(org, make_user(f"grown-{n}@example.org"), Role.MEMBER)
    for _n in range(org.verifications.count(), to):
        if org.is_verified:
            verification_revoke(actor=hub, organization=org, reason="Checked again")
        organization_verify(actor=hub, organization=org, **CHECKED)
    org.themes.set(ThematicArea.objects.order_by("slug")[:to])


@pytest.fixture
def people(member, bob, hub_kz):
    return {"anonymous": None, "member": member, "outsider": bob, "hub_admin": hub_kz}


@pytest.mark.parametrize("role", AT_MOST)
def test_profile_takes_as_many_queries_for_a_large_organization_as_for_a_small_one(
    client, org, hub_kz, people, role
):
    grow(org, hub_kz, to=1)
    if people[role]:
        client.force_login(people[role])
    url = org.get_absolute_url()
    client.get(url)  # the reference choices are cached from the first request on
    few = counted_get(client, url)
    grow(org, hub_kz, to=7)
    many = counted_get(client, url)

    assert many.response.status_code == 200
    page = many.response.content.decode()
    assert "<h1" in page and "Арго" in page
    assert page.count("?theme=") == 7
    assert org.verifications.count() == 7 and org.is_verified
    # Only members see the partners.
    assert page.count('class="org"') == (7 if role == "member" else 0)
    assert_same_queries(few, many, at_most=AT_MOST[role])
