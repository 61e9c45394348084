"""Every page of the directory beyond the list and the profile: it answers with what it is for, stays
within the byte budget, and a page that lists things takes as many queries for many as for few."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

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
    # Each request starts from a cold cache, so that the header's count of unread notifications (cached
    # between requests, forgotten when one arrives) is read by every request alike.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return response, len(captured.captured_queries)


def _ru(text: str) -> str:
    """`text` as the Russian pages show it."""
    with translation.override("ru"):
        return str(translation.gettext(text))


def _step(label: str) -> str:
    return f'<span aria-current="step">{_ru(label)}</span>'


def _government(**fields):
    return OrganizationFactory(kind=Kind.GOVERNMENT, legal_form=LegalForm.MINISTRY, **fields)


def _claims(count: int) -> None:
    for n in range(count):
        claimant = make_user(f"claimant{n}-{Claim.objects.count()}@example.org")
        Claim.objects.create(
            organization=_government(), claimant=claimant, position="Head of office", evidence="Order No. 5"
        )


def _owner_pages(slug: str) -> dict[str, list[str]]:
    """Each page alice (the owner of Арго) opens, and what it must show her: its heading, the organization,
    and the fields of its form with their stored values."""
    home = f'<a href="/ru/orgs/{slug}/">Арго</a>'
    see_profile = f'<a href="/ru/orgs/{slug}/">{_ru("See the profile")}</a>'
    return {
        "/ru/orgs/new/": [
            f"<h1>{_ru('Add an organization')}</h1>",
            _step("Basics"),
            'name="name"',
            'name="identifier"',
            'name="country"',
        ],
        "/ru/orgs/mine/": [
            f"<h1>{_ru('My organizations')}</h1>",
            f'<a href="/ru/orgs/{slug}/"><strong>Арго</strong></a>',
            f"· {_ru('owner')}</span>",
        ],
        "/ru/orgs/{slug}/members/": [
            f"<h1>{_ru('Members')}</h1>",
            home,
            "<td>Alice</td>",
            f"<h2>{_ru('Invite someone')}</h2>",
            'name="email"',
        ],
        "/ru/orgs/{slug}/partners/": [
            f"<h1>{_ru('Partners')}</h1>",
            home,
            _ru("No partners listed yet."),
            f"<h2>{_ru('Add a partner')}</h2>",
            'name="partner"',
        ],
        "/ru/orgs/{slug}/edit/basics/": [
            "<h1>Арго</h1>",
            _step("Basics"),
            'name="name" value="Арго"',
            '<option value="KZ" selected>',
            '<option value="cso" selected>',
        ],
        "/ru/orgs/{slug}/edit/about/": [
            "<h1>Арго</h1>",
            _step("Activities"),
            'name="description"',
            'name="themes"',
        ],
        "/ru/orgs/{slug}/edit/contacts/": [
            "<h1>Арго</h1>",
            _step("Contacts"),
            'name="phone" value="+7 727 111 2233"',
            'name="contact_name" value="Айгуль Серикова"',
            'name="phone_visibility"',
        ],
        "/ru/orgs/{slug}/edit/capacity/": [
            "<h1>Арго</h1>",
            _step("Capacity and funding"),
            'name="staff_count" value="12"',
            'name="funding_foreign" value="70"',
            '<option value="50k_200k" selected>',
        ],
        "/ru/orgs/{slug}/edit/translations/": [
            "<h1>Арго</h1>",
            see_profile,
            _step("Other languages"),
            'name="language"',
            'name="description"',
        ],
        "/ru/orgs/{slug}/edit/logo/": [
            "<h1>Арго</h1>",
            see_profile,
            _step("Logo"),
            'type="file" name="logo"',
        ],
    }


@pytest.mark.parametrize(
    "path",
    ["/ru/orgs/new/", "/ru/orgs/mine/", "/ru/orgs/{slug}/members/", "/ru/orgs/{slug}/partners/"]
    + [f"/ru/orgs/{{slug}}/edit/{step}/" for step in STEPS],
)
def test_owner_pages_show_what_they_are_for_within_budget(client, org, alice, path):
    client.force_login(alice)
    response, _queries = _get(client, path.format(slug=org.slug))
    page = response.content.decode()
    for shown in _owner_pages(org.slug)[path]:
        assert shown in page, shown
    assert_within_budget(response)


def test_claim_and_hub_pages_show_what_they_are_for_within_budget(client, org, bob, hub_kz):
    ministry = _government(name="Министерство юстиции")
    client.force_login(bob)
    response = _get(client, f"/ru/orgs/{ministry.slug}/claim/")[0]
    page = response.content.decode()
    assert f"<h1>{_ru('Claim a profile')}</h1>" in page
    assert f'<a href="/ru/orgs/{ministry.slug}/">Министерство юстиции</a>' in page
    assert 'name="position"' in page and 'name="evidence"' in page and 'name="evidence_file"' in page
    assert_within_budget(response)
    _claims(1)
    claim = Claim.objects.get()
    client.force_login(hub_kz)
    expected = {
        "/ru/orgs/hub/claims/": [
            f"<h1>{_ru('Requests to manage profiles')}</h1>",
            f'<a href="/ru/orgs/hub/claims/{claim.pk}/">{claim.organization.name}</a>',
            f"<td>{claim.claimant.email}</td>",
        ],
        f"/ru/orgs/hub/claims/{claim.pk}/": [
            f'<a href="/ru/orgs/{claim.organization.slug}/">{claim.organization.name}</a>',
            "Head of office",
            "Order No. 5",
            'name="approve"',
            'name="reject"',
        ],
        "/ru/orgs/hub/verification/": [
            f"<h1>{_ru('Waiting for verification')}</h1>",
            f'<a href="/ru/orgs/{org.slug}/verify/">Арго</a>',
            f'<a href="/ru/orgs/{ministry.slug}/verify/">Министерство юстиции</a>',
        ],
        f"/ru/orgs/{org.slug}/verify/": [
            f"<h1>{_ru('Verification')}</h1>",
            f'<a href="/ru/orgs/{org.slug}/">Арго</a>',
            'name="registration_document_seen"',
            'name="identifier_matches"',
            'name="contacts_confirmed"',
        ],
    }
    for path, fragments in expected.items():
        response = _get(client, path)[0]
        page = response.content.decode()
        for shown in fragments:
            assert shown in page, (path, shown)
        assert_within_budget(response)


def test_members_list_takes_constant_queries(client, org, alice):
    client.force_login(alice)
    few = _get(client, f"/ru/orgs/{org.slug}/members/")[1]
    for n in range(10):
        with_member(org, make_user(f"m{n}@example.org"), Role.MEMBER)
    response, many = _get(client, f"/ru/orgs/{org.slug}/members/")
    page = response.content.decode()
    assert all(page.count(f"<td>m{n}@example.org</td>") == 1 for n in range(10))
    assert page.count('name="role"') == 11 + 1  # a role to change per member, and the invitation's
    assert many == few


def test_partners_and_profile_take_constant_queries(client, org, alice):
    almaty = Region.objects.get(code="KZ-75")  # a card shows the region, so it must come with the partner
    client.force_login(alice)
    Partnership.objects.create(organization=org, partner=OrganizationFactory(region=almaty))
    few = [_get(client, f"/ru/orgs/{org.slug}/partners/")[1], _get(client, org.get_absolute_url())[1]]
    for _n in range(8):
        Partnership.objects.create(organization=org, partner=OrganizationFactory(region=almaty))
    (partners, many_partners), (profile, many_profile) = (
        _get(client, f"/ru/orgs/{org.slug}/partners/"),
        _get(client, org.get_absolute_url()),
    )
    assert partners.content.decode().count('class="org"') == 9
    assert profile.content.decode().count('class="org"') == 9
    assert profile.content.decode().count(f"Казахстан, {almaty.name_ru}</span>") == 9
    assert [many_partners, many_profile] == few


def _claimed_by(claimant) -> Claim:
    return Claim.objects.create(
        organization=_government(), claimant=claimant, position="Head of office", evidence="Order No. 5"
    )


def test_my_organizations_take_constant_queries(client, org, alice):
    client.force_login(alice)
    _claimed_by(alice)
    few = _get(client, "/ru/orgs/mine/")[1]
    for _n in range(6):
        with_member(OrganizationFactory(), alice, Role.EDITOR)
        _claimed_by(alice)
    response, many = _get(client, "/ru/orgs/mine/")
    page = response.content.decode()
    assert page.count('class="org"') == 7
    assert all(f'/ru/orgs/{claim.organization.slug}/claim/"' in page for claim in Claim.objects.all())
    assert many == few


def test_hub_queues_take_constant_queries(client, reference, hub_kz):
    client.force_login(hub_kz)
    _claims(1)
    few = [_get(client, "/ru/orgs/hub/claims/")[1], _get(client, "/ru/orgs/hub/verification/")[1]]
    _claims(7)
    claims, verification = _get(client, "/ru/orgs/hub/claims/"), _get(client, "/ru/orgs/hub/verification/")
    assert claims[0].content.decode().count('<a href="/ru/orgs/hub/claims/') == 8
    assert verification[0].content.decode().count('/verify/">') == 8  # the claimed ministries, unverified
    assert [claims[1], verification[1]] == few


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
