"""Every page of the directory beyond the list and the profile: it answers, stays within the byte budget,
and a page that lists things takes as many queries for many as for few."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from birge.core.models import Region
from birge.core.testing import assert_within_budget
from birge.orgs.claims.models import Claim
from birge.orgs.members.models import Role
from birge.orgs.partners.models import Partnership
from birge.orgs.profiles.models import Kind, LegalForm
from birge.orgs.profiles.services import organization_update
from birge.orgs.tests.factories import OrganizationFactory, with_member
from birge.orgs.verification.services import organization_verify
from conftest import make_user

STEPS = ["basics", "about", "contacts", "capacity", "translations", "logo"]


def _get(client, path: str):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return response, len(captured.captured_queries)


def _government(**fields):
    return OrganizationFactory(kind=Kind.GOVERNMENT, legal_form=LegalForm.MINISTRY, **fields)


def _claims(count: int) -> None:
    for n in range(count):
        claimant = make_user(f"claimant{n}-{Claim.objects.count()}@example.org")
        Claim.objects.create(
            organization=_government(), claimant=claimant, position="Head of office", evidence="Order No. 5"
        )


@pytest.mark.parametrize(
    "path",
    ["/ru/orgs/new/", "/ru/orgs/mine/", "/ru/orgs/{slug}/members/", "/ru/orgs/{slug}/partners/"]
    + [f"/ru/orgs/{{slug}}/edit/{step}/" for step in STEPS],
)
def test_owner_pages_stay_within_budget(client, org, alice, path):
    client.force_login(alice)
    response, _queries = _get(client, path.format(slug=org.slug))
    assert_within_budget(response)


def test_claim_and_hub_pages_stay_within_budget(client, org, bob, hub_kz):
    ministry = _government()
    client.force_login(bob)
    assert_within_budget(_get(client, f"/ru/orgs/{ministry.slug}/claim/")[0])
    _claims(1)
    client.force_login(hub_kz)
    for path in [
        "/ru/orgs/hub/claims/",
        f"/ru/orgs/hub/claims/{Claim.objects.get().pk}/",
        "/ru/orgs/hub/verification/",
        f"/ru/orgs/{org.slug}/verify/",
    ]:
        assert_within_budget(_get(client, path)[0])


def test_members_list_takes_constant_queries(client, org, alice):
    client.force_login(alice)
    few = _get(client, f"/ru/orgs/{org.slug}/members/")[1]
    for n in range(10):
        with_member(org, make_user(f"m{n}@example.org"), Role.MEMBER)
    response, many = _get(client, f"/ru/orgs/{org.slug}/members/")
    assert response.content.decode().count("m9@example.org") >= 1
    assert many == few


def test_partners_and_profile_take_constant_queries(client, org, alice):
    almaty = Region.objects.get(code="KZ-75")  # a card shows the region, so it must come with the partner
    client.force_login(alice)
    Partnership.objects.create(organization=org, partner=OrganizationFactory(region=almaty))
    few = [_get(client, f"/ru/orgs/{org.slug}/partners/")[1], _get(client, org.get_absolute_url())[1]]
    for _n in range(8):
        Partnership.objects.create(organization=org, partner=OrganizationFactory(region=almaty))
    many = [_get(client, f"/ru/orgs/{org.slug}/partners/")[1], _get(client, org.get_absolute_url())[1]]
    assert many == few


def test_my_organizations_take_constant_queries(client, org, alice):
    client.force_login(alice)
    few = _get(client, "/ru/orgs/mine/")[1]
    for _n in range(6):
        with_member(OrganizationFactory(), alice, Role.EDITOR)
    response, many = _get(client, "/ru/orgs/mine/")
    assert response.content.decode().count('class="org"') >= 7
    assert many == few


def test_hub_queues_take_constant_queries(client, reference, hub_kz):
    client.force_login(hub_kz)
    _claims(1)
    few = [_get(client, "/ru/orgs/hub/claims/")[1], _get(client, "/ru/orgs/hub/verification/")[1]]
    _claims(7)
    many = [_get(client, "/ru/orgs/hub/claims/")[1], _get(client, "/ru/orgs/hub/verification/")[1]]
    assert many == few


def _verified_then_renamed(hub, owner, n: int):
    organization = with_member(OrganizationFactory(name_ru=f"Фонд {n}"), owner, Role.OWNER)
    checks = {"registration_document_seen": True, "identifier_matches": True, "contacts_confirmed": True}
    organization_verify(actor=hub, organization=organization, **checks)
    organization_update(actor=owner, organization=organization, name_ru=f"Министерство {n}")
    return organization


def test_hub_queue_shows_what_changed_since_verification_in_constant_queries(
    client, reference, hub_kz, alice
):
    client.force_login(hub_kz)
    _verified_then_renamed(hub_kz, alice, 0)
    response, few = _get(client, "/en/orgs/hub/verification/")
    page = response.content.decode()
    assert "Changed since verification" in page
    assert "<del>Фонд 0</del> → <ins>Министерство 0</ins>" in page
    for n in range(1, 6):
        _verified_then_renamed(hub_kz, alice, n)
    response, many = _get(client, "/en/orgs/hub/verification/")
    assert response.content.decode().count("Changed since verification") == 6
    assert many == few
    assert_within_budget(response)


def test_profiles_changed_since_verification_come_first_in_the_queue(client, reference, hub_kz, alice):
    renamed = _verified_then_renamed(hub_kz, alice, 0)
    later = OrganizationFactory()  # published later, never verified
    client.force_login(hub_kz)
    page = client.get("/en/orgs/hub/verification/").content.decode()
    assert page.index(f"/orgs/{renamed.slug}/verify/") < page.index(f"/orgs/{later.slug}/verify/")
