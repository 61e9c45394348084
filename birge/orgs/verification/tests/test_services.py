import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Country, Event
from birge.orgs.events import Verb
from birge.orgs.profiles.services import organization_update
from birge.orgs.verification.services import organization_verify, verification_revoke

CHECKS = {"registration_document_seen": True, "identifier_matches": True, "contacts_confirmed": True}


def test_hub_admin_of_the_country_verifies_with_the_full_checklist(org, hub_kz, hub_tj, alice):
    with pytest.raises(PermissionDenied):
        organization_verify(actor=hub_tj, organization=org, **CHECKS)
    with pytest.raises(PermissionDenied):
        organization_verify(actor=alice, organization=org, **CHECKS)
    with pytest.raises(ValidationError):
        organization_verify(actor=hub_kz, organization=org, **{**CHECKS, "contacts_confirmed": False})
    verification = organization_verify(actor=hub_kz, organization=org, note="Свидетельство видел", **CHECKS)
    org.refresh_from_db()
    assert org.is_verified and org.verified_at == verification.created_at and verification.verifier == hub_kz


def test_revoking_needs_a_reason_and_removes_the_badge(org, hub_kz):
    organization_verify(actor=hub_kz, organization=org, **CHECKS)
    with pytest.raises(ValidationError):
        verification_revoke(actor=hub_kz, organization=org, reason="")
    verification_revoke(actor=hub_kz, organization=org, reason="Организация ликвидирована")
    org.refresh_from_db()
    assert not org.is_verified
    assert Event.objects.get(verb=Verb.ORG_VERIFICATION_REVOKED).new == {
        "reason": "Организация ликвидирована"
    }


IDENTITY_CHANGES = [
    {"name_ru": "Министерство труда"},
    {"kind": "government", "legal_form": "ministry"},
    {"identifier": "KZ-BIN-990240001234"},
]


@pytest.mark.parametrize("changes", IDENTITY_CHANGES)
def test_a_change_of_identity_suspends_the_verification(org, hub_kz, alice, changes):
    organization_verify(actor=hub_kz, organization=org, **CHECKS)
    organization_update(actor=alice, organization=org, **changes)
    org.refresh_from_db()
    assert not org.is_verified
    verification = org.verifications.get()
    assert verification.suspended_at is not None and verification.revoked_at is None
    assert set(verification.suspended_changes) == set(changes)
    event = Event.objects.get(verb=Verb.ORG_VERIFICATION_SUSPENDED)
    assert set(event.old) == set(changes) and event.new == changes


def test_a_change_of_country_suspends_and_keeps_old_and_new_values(org, hub_kz, alice):
    organization_verify(actor=hub_kz, organization=org, **CHECKS)
    kyrgyzstan = Country.objects.get(code="KG")
    organization_update(actor=alice, organization=org, country=kyrgyzstan, region=None, identifier=None)
    event = Event.objects.get(verb=Verb.ORG_VERIFICATION_SUSPENDED)
    assert event.old["country"] == "KZ" and event.new["country"] == "KG"
    assert org.verifications.get().suspended_changes["country"] == ["KZ", "KG"]


def test_other_edits_keep_the_badge(org, hub_kz, alice):
    organization_verify(actor=hub_kz, organization=org, **CHECKS)
    organization_update(
        actor=alice, organization=org, description_ru="Новое описание", website="https://a.kz"
    )
    org.refresh_from_db()
    assert org.is_verified
    assert not Event.objects.filter(verb=Verb.ORG_VERIFICATION_SUSPENDED).exists()


def test_a_suspended_verification_gathers_later_changes_and_the_hub_verifies_again(org, hub_kz, alice):
    organization_verify(actor=hub_kz, organization=org, **CHECKS)
    organization_update(actor=alice, organization=org, name_ru="Арго-2")
    organization_update(actor=alice, organization=org, name_ru="Арго-3", kind="donor", legal_form="")
    suspended = org.verifications.get()
    assert suspended.suspended_changes == {
        "name_ru": ["Арго", "Арго-3"],
        "kind": ["cso", "donor"],
        "legal_form": ["public_association", ""],
    }
    assert Event.objects.filter(verb=Verb.ORG_VERIFICATION_SUSPENDED).count() == 1
    organization_verify(actor=hub_kz, organization=org, **CHECKS)
    org.refresh_from_db()
    assert org.is_verified and org.verifications.count() == 2


def test_the_hub_is_told_by_email_in_its_language(
    org, hub_kz, alice, mailoutbox, django_capture_on_commit_callbacks
):
    hub_kz.language = "en"
    hub_kz.save(update_fields=["language"])
    organization_verify(actor=hub_kz, organization=org, **CHECKS)
    with django_capture_on_commit_callbacks(execute=True):
        organization_update(actor=alice, organization=org, name_ru="Министерство")
    assert [message.to for message in mailoutbox] == [[hub_kz.email]]
    assert f"/en/orgs/{org.slug}/verify/" in mailoutbox[0].body
    assert "suspended" in mailoutbox[0].body
