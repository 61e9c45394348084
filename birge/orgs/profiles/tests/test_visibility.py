"""Each visibility level, through every path a field could take: profile, lists, search, export, e-mail."""

import pytest
from django.core import mail

from birge.orgs.permissions import Viewer
from birge.orgs.profiles.models import Visibility
from birge.orgs.profiles.visibility import present
from birge.orgs.verification.services import organization_verify

MARKERS = {
    "phone": ("phone", "+992 555 000 111"),
    "address": ("address", "Секретная улица 7"),
    "staff_contacts": ("contact_email", "hidden.person@example.tj"),
    "funding": ("funding_foreign", 37),
}


@pytest.fixture
def secret_org(org):
    org.phone, org.address, org.contact_email, org.funding_foreign = (value for _f, value in MARKERS.values())
    org.save()
    return org


def _set(org, group: str, level: str) -> None:
    setattr(org, f"{group}_visibility", level)
    org.save(update_fields=[f"{group}_visibility"])


def _outputs(client, org) -> str:
    """Everything but the profile that could show this client something about `org`, concatenated."""
    pages = [
        client.get("/ru/orgs/", {"q": "Арго"}),
        client.get("/ru/orgs/"),
        client.get("/ru/orgs/export.csv", {"q": "Арго"}),
        client.get("/ru/orgs/export.xlsx", {"q": "Арго"}),
    ]
    assert all(page.status_code == 200 for page in pages)
    return "".join(page.content.decode(errors="replace") for page in pages[:3])


def _shown(text: str, value) -> bool:
    return (f"{value}%" if isinstance(value, int) else str(value)) in text


@pytest.mark.parametrize("group", list(MARKERS))
@pytest.mark.parametrize(
    ("level", "who_sees"),
    [
        (Visibility.PUBLIC, {"anonymous", "outsider", "partner", "member"}),
        (Visibility.SIGNED_IN, {"outsider", "partner", "member"}),
        (Visibility.PARTNERS, {"partner", "member"}),
        (Visibility.MEMBERS, {"member"}),
    ],
)
def test_each_level_shows_a_field_to_exactly_its_audience(
    client, secret_org, member, partner, bob, group, level, who_sees
):
    _set(secret_org, group, level)
    _field, value = MARKERS[group]
    people = {"anonymous": None, "outsider": bob, "partner": partner, "member": member}
    for name, person in people.items():
        client.logout()
        if person:
            client.force_login(person)
        profile = client.get(secret_org.get_absolute_url()).content.decode()
        assert _shown(profile, value) == (name in who_sees), f"{group}={level}: {name}"
        others = _outputs(client, secret_org)
        assert not _shown(others, value), f"{group} leaked to {name} outside the profile"


def test_funding_and_budget_are_members_only_by_default(reference, alice, bob):
    from birge.orgs.tests.factories import OrganizationFactory, with_member

    org = with_member(OrganizationFactory(), alice)
    view = present(org, bob)
    assert org.funding_visibility == org.budget_visibility == Visibility.MEMBERS
    assert view.funding_foreign is None and view.budget_band is None
    assert present(org, alice).funding_foreign == org.funding_foreign


def test_site_administrators_do_not_see_members_only_fields(secret_org, site_admin):
    assert present(secret_org, site_admin).funding_foreign is None


def test_data_for_exports_and_email_omits_hidden_groups(secret_org, bob):
    data = present(secret_org, bob).data()
    assert "funding_foreign" not in data and "phone" in data  # phone is signed-in by default
    assert "phone" not in present(secret_org, None).data()


def test_fields_outside_the_lists_are_unreachable(secret_org):
    with pytest.raises(AttributeError):
        present(secret_org, None).memberships  # noqa: B018


def test_viewer_reads_memberships_and_partners_in_two_queries(secret_org, partner, django_assert_num_queries):
    viewer = Viewer.of(partner)
    with django_assert_num_queries(2):
        assert viewer.level(secret_org) == Visibility.PARTNERS
        assert viewer.may_see(secret_org, Visibility.PARTNERS)
        assert not viewer.may_see(secret_org, Visibility.MEMBERS)
    with django_assert_num_queries(0):  # asked again, for any organization: already known
        assert viewer.level(secret_org) == Visibility.PARTNERS


def test_a_viewer_reads_each_thing_only_when_asked(secret_org, partner, django_assert_num_queries):
    viewer = Viewer.of(partner)
    with django_assert_num_queries(1):
        assert not viewer.can_edit(secret_org)
        assert not viewer.is_member(secret_org)
    with django_assert_num_queries(1):
        assert not viewer.is_hub_admin_for(secret_org)
        assert not viewer.is_hub_admin
    assert Viewer.of(viewer) is viewer


def test_verification_email_carries_no_private_values(
    secret_org, hub_kz, alice, django_capture_on_commit_callbacks
):
    _set(secret_org, "phone", Visibility.MEMBERS)
    with django_capture_on_commit_callbacks(execute=True):
        organization_verify(
            actor=hub_kz,
            organization=secret_org,
            registration_document_seen=True,
            identifier_matches=True,
            contacts_confirmed=True,
        )
    assert [m.to for m in mail.outbox] == [[alice.email]]
    body = mail.outbox[0].body
    assert secret_org.name in body
    assert all(not _shown(body, value) for _f, value in MARKERS.values())


def test_drafts_are_seen_by_members_only(reference, alice, bob, client):
    from birge.orgs.tests.factories import OrganizationFactory, with_member

    draft = with_member(OrganizationFactory(draft=True, name="Черновик"), alice)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(bob)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.logout()
    client.force_login(alice)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert draft.get_absolute_url() not in client.get("/ru/orgs/", {"q": "Черновик"}).content.decode()
