import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from birge.core.models import Event
from birge.orgs.claims.models import Claim
from birge.orgs.claims.services import claim_approve, claim_reject, claim_submit, claim_withdraw
from birge.orgs.events import Verb
from birge.orgs.members.models import Role
from birge.orgs.tests.factories import OrganizationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def ministry(reference):
    """A listed government body nobody manages."""
    return OrganizationFactory(kind="government", legal_form="ministry", name="Министерство информации")


def _claim(user, organization, kind=Claim.Kind.CLAIM, **extra):
    return claim_submit(
        actor=user,
        organization=organization,
        kind=kind,
        position="Пресс-секретарь",
        evidence="Приказ № 12",
        **extra,
    )


def test_claim_goes_to_the_hub_of_the_country_who_approves_it(
    ministry, bob, hub_kz, hub_tj, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim = _claim(bob, ministry, evidence_file=SimpleUploadedFile("order.pdf", PDF))
    assert [m.to for m in mail.outbox] == [[hub_kz.email]]
    assert claim.evidence_file.name.endswith(".pdf") and "order" not in claim.evidence_file.name
    with pytest.raises(PermissionDenied):
        claim_approve(actor=hub_tj, claim=claim)
    with django_capture_on_commit_callbacks(execute=True):
        claim_approve(actor=hub_kz, claim=claim)
    assert ministry.memberships.get().user == bob and ministry.memberships.get().role == Role.OWNER
    assert mail.outbox[-1].to == [bob.email]
    assert Event.objects.filter(verb=Verb.ORG_CLAIM_APPROVED, actor=hub_kz).exists()


def test_a_managed_profile_cannot_be_claimed_only_recovered(org, bob):
    with pytest.raises(PermissionDenied):
        _claim(bob, org)
    assert _claim(bob, org, kind=Claim.Kind.RECOVERY).status == Claim.Status.PENDING


def test_recovery_hands_ownership_over_and_previous_owners_lose_access(
    org, alice, bob, hub_kz, django_capture_on_commit_callbacks
):
    claim = _claim(bob, org, kind=Claim.Kind.RECOVERY)
    with django_capture_on_commit_callbacks(execute=True):
        claim_approve(actor=hub_kz, claim=claim, note="Письмо директора проверено")
    assert list(org.memberships.values_list("user__email", "role")) == [(bob.email, Role.OWNER)]
    assert {tuple(m.to) for m in mail.outbox} >= {(alice.email,), (bob.email,)}
    assert Event.objects.get(verb=Verb.ORG_CLAIM_APPROVED).new["removed_owners"] == [alice.email]


def test_rejection_needs_a_reason_and_tells_the_person(
    ministry, bob, hub_kz, django_capture_on_commit_callbacks
):
    claim = _claim(bob, ministry)
    with pytest.raises(ValidationError):
        claim_reject(actor=hub_kz, claim=claim, note=" ")
    with django_capture_on_commit_callbacks(execute=True):
        claim_reject(actor=hub_kz, claim=claim, note="Нет подтверждения должности")
    assert "Нет подтверждения должности" in mail.outbox[-1].body
    assert not ministry.memberships.exists()
    with pytest.raises(ValidationError):
        claim_approve(actor=hub_kz, claim=claim)  # decided already


def test_disguised_evidence_is_refused_and_nothing_is_saved(ministry, bob):
    with pytest.raises(ValidationError):
        _claim(bob, ministry, evidence_file=SimpleUploadedFile("x.pdf", b"<html><script>alert(1)</script>"))
    assert not Claim.objects.exists()


def test_one_pending_request_per_person_and_withdrawing(ministry, bob, alice):
    claim = _claim(bob, ministry)
    with pytest.raises(ValidationError):
        _claim(bob, ministry)
    with pytest.raises(PermissionDenied):
        claim_withdraw(actor=alice, claim=claim)
    claim_withdraw(actor=bob, claim=claim)
    assert Claim.objects.get().status == Claim.Status.WITHDRAWN
