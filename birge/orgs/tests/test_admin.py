"""The admin reads organizations, members, claims and verifications; every change goes through services."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from birge.core.events import Verb
from birge.core.models import Event
from birge.orgs.claims.models import Claim
from birge.orgs.members.models import Membership, Role
from birge.orgs.profiles.private_reads import private_fields_read
from birge.orgs.verification.models import Verification


def _row(model: str, org, claimant, verifier):
    """One stored row of `model`, and what a POST to its admin page would change in it."""
    if model == "organization":
        return org, {"name": "Renamed", "name_ru": "Renamed", "kind": org.kind}
    if model == "membership":
        return Membership.objects.get(organization=org), {"role": Role.MEMBER, "organization": org.pk}
    if model == "claim":
        claim = Claim.objects.create(
            organization=org, claimant=claimant, position="Director", evidence="Order No. 5"
        )
        return claim, {"status": Claim.Status.APPROVED, "position": "Nobody"}
    verification = Verification.objects.create(
        organization=org,
        verifier=verifier,
        registration_document_seen=True,
        identifier_matches=True,
        contacts_confirmed=True,
    )
    return verification, {"note": "Changed in the admin", "revoke_reason": "Because"}


@pytest.mark.parametrize("model", ["organization", "membership", "claim", "verification"])
def test_site_admin_reads_but_cannot_add_change_or_delete(client, site_admin, org, bob, model):
    row, changes = _row(model, org, bob, site_admin)
    table = type(row).objects
    stored = table.filter(pk=row.pk).values().get()
    base = f"/admin/orgs/{model}/"
    client.force_login(site_admin)

    listing = client.get(base)
    assert listing.status_code == 200
    assert f"{base}{row.pk}/change/" in listing.content.decode()  # the row is listed, to be read
    assert f'href="{base}add/"' not in listing.content.decode()
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}add/", changes).status_code == 403
    assert table.count() == 1

    page = client.get(f"{base}{row.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html and 'name="_continue"' not in html
    assert f"{base}{row.pk}/delete/" not in html
    assert client.post(f"{base}{row.pk}/change/", changes).status_code == 403
    assert table.filter(pk=row.pk).values().get() == stored

    assert client.get(f"{base}{row.pk}/delete/").status_code == 403
    assert client.post(f"{base}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"}
    assert client.post(base, bulk).status_code == 200  # no such action: the list again
    assert table.filter(pk=row.pk).values().get() == stored


def test_an_organization_opens_read_only_in_the_admin(client, site_admin, org):
    client.force_login(site_admin)
    page = client.get(f"/admin/orgs/organization/{org.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(f"/admin/orgs/organization/{org.pk}/delete/", {"post": "yes"}).status_code == 403


def _private_org(org):
    org.phone, org.budget_band, org.contact_name = "+7 701 555 0101", "50k_200k", "Gulnara Sapargali"
    org.phone_visibility = org.staff_contacts_visibility = "members"
    org.save()
    return org


def test_the_admin_pages_show_no_private_field(client, site_admin, org):
    _private_org(org)
    client.force_login(site_admin)
    for path in [f"/admin/orgs/organization/{org.pk}/change/", "/admin/orgs/organization/"]:
        page = client.get(path).content.decode()
        assert "+7 701 555 0101" not in page and "Gulnara" not in page and "50,000" not in page
    assert not Event.objects.filter(verb=Verb.ADMIN_PRIVATE_READ).exists()


def test_reading_private_fields_needs_a_task_and_is_audited(client, site_admin, org):
    _private_org(org)
    client.force_login(site_admin)
    url = f"/admin/orgs/organization/{org.pk}/private/"
    form = client.get(url).content.decode()
    assert "+7 701 555 0101" not in form and 'name="reason"' in form
    refused = client.post(url, {"reason": "look"}).content.decode()
    assert "+7 701 555 0101" not in refused
    assert not Event.objects.filter(verb=Verb.ADMIN_PRIVATE_READ).exists()
    shown = client.post(url, {"reason": "Complaint No. 12 about fraud"}).content.decode()
    assert "+7 701 555 0101" in shown and "Gulnara Sapargali" in shown
    assert "50k_200k" not in shown  # a choice shows by its label, not its code
    event = Event.objects.get(verb=Verb.ADMIN_PRIVATE_READ)
    assert event.actor == site_admin and event.target_id == str(org.pk)
    assert event.new["reason"] == "Complaint No. 12 about fraud"
    assert "+7 701 555 0101" not in str(event.new)


def test_only_a_site_administrator_reads_private_fields(org, alice):
    alice.is_staff = True  # staff, not superuser: may be given the admin for other tasks
    with pytest.raises(PermissionDenied):
        private_fields_read(actor=alice, organization=org, reason="Complaint No. 12 about fraud")
    with pytest.raises(PermissionDenied):
        private_fields_read(actor=AnonymousUser(), organization=org, reason="Complaint No. 12 about fraud")


def test_claim_evidence_has_no_link_in_the_admin(client, site_admin, org, bob):
    claim = Claim(organization=org, claimant=bob, position="Director", evidence="Order No. 5")
    claim.evidence_file.save("order-no-5.pdf", ContentFile(b"%PDF-1.4 evidence"), save=False)
    claim.save()
    client.force_login(site_admin)
    page = client.get(f"/admin/orgs/claim/{claim.pk}/change/").content.decode()
    assert "Order No. 5" in page  # the page is the claim's
    assert "order-no-5" not in page
