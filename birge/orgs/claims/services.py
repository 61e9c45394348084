"""Claims and recovery: a person asks to manage a listed profile, the hub admin of its country decides.

A claim is for a profile nobody manages (e.g. a ministry listed from public sources); a recovery is for a
profile whose managers have left the organization — on approval the hub hands ownership over and the
previous owners lose access."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.core.uploads import safe_filename, validate_document
from birge.orgs.claims.models import Claim
from birge.orgs.claims.permissions import can_claim, can_request_recovery
from birge.orgs.events import Verb
from birge.orgs.hubs.reads import hub_administrators_of
from birge.orgs.members.models import Membership, Role
from birge.orgs.members.services import owners_of
from birge.orgs.permissions import is_hub_admin_for
from birge.orgs.profiles.models import Organization


def hub_admins_of(organization: Organization):
    return list(hub_administrators_of(organization.country_id))


def claim_submit(
    *, actor, organization: Organization, kind: str, position: str, evidence: str, evidence_file=None
) -> Claim:
    allowed = can_claim if kind == Claim.Kind.CLAIM else can_request_recovery
    if kind not in Claim.Kind.values or not allowed(actor, organization):
        raise PermissionDenied
    if not position.strip() or not evidence.strip():
        raise ValidationError(_("Say what your position is and how the hub can check it."))
    if Claim.objects.filter(organization=organization, claimant=actor, status=Claim.Status.PENDING).exists():
        raise ValidationError(_("You already have a request waiting for this organization."))
    document_kind = validate_document(evidence_file) if evidence_file else None
    with transaction.atomic():
        claim = Claim(
            organization=organization,
            claimant=actor,
            kind=kind,
            position=position.strip(),
            evidence=evidence.strip(),
        )
        if evidence_file:
            claim.evidence_file.save(safe_filename(document_kind), evidence_file, save=False)
        claim.save()
        record_event(actor, Verb.ORG_CLAIMED, organization, new={"kind": kind, "claim": claim.pk})
        notify(
            hub_admins_of(organization),
            kind="orgs.claim_submitted",
            about=claim,
            subject=format_lazy(gettext_lazy("a request to manage {name}"), name=organization),
            template="orgs/claims/email/claim_submitted.txt",
            context={"organization": organization, "claim": claim},
            link=("orgs:hub_claims", ()),
        )
    return claim


def _decide(*, actor, claim: Claim, status: str, note: str) -> None:
    if not is_hub_admin_for(actor, claim.organization):
        raise PermissionDenied
    if claim.status != Claim.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    claim.status, claim.decided_by, claim.decided_at, claim.decision_note = (
        status,
        actor,
        timezone.now(),
        note,
    )
    claim.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


def claim_approve(*, actor, claim: Claim, note: str = "") -> Claim:
    organization = claim.organization
    with transaction.atomic():
        _decide(actor=actor, claim=claim, status=Claim.Status.APPROVED, note=note.strip())
        previous_owners = []
        if claim.kind == Claim.Kind.RECOVERY:
            # The people who managed the profile have left the organization: they lose access.
            previous_owners = owners_of(organization)
            organization.memberships.filter(role=Role.OWNER).exclude(user=claim.claimant).delete()
        Membership.objects.update_or_create(
            organization=organization, user=claim.claimant, defaults={"role": Role.OWNER}
        )
        if not organization.is_published and claim.kind == Claim.Kind.CLAIM:
            organization.published_at = timezone.now()
            organization.save(update_fields=["published_at"])
        record_event(
            actor,
            Verb.ORG_CLAIM_APPROVED,
            organization,
            new={
                "kind": claim.kind,
                "owner": claim.claimant.email,
                "removed_owners": [user.email for user in previous_owners if user != claim.claimant],
            },
        )
        notify(
            [claim.claimant],
            kind="orgs.claim_decided",
            about=claim,
            subject=format_lazy(gettext_lazy("you now manage {name}"), name=organization),
            template="orgs/claims/email/claim_approved.txt",
            context={"organization": organization, "claim": claim},
            link=("orgs:profile", (organization.slug,)),
        )
        notify(
            [user for user in previous_owners if user != claim.claimant],
            kind="orgs.ownership_transferred",
            about=organization,
            subject=format_lazy(gettext_lazy("ownership of {name} was handed over"), name=organization),
            template="orgs/members/email/ownership_transferred.txt",
            context={"organization": organization},
            link=("orgs:profile", (organization.slug,)),
        )
    return claim


def claim_reject(*, actor, claim: Claim, note: str) -> Claim:
    if not note.strip():
        raise ValidationError(
            {"note": [_("Tell the person why, so they can try again with better evidence.")]}
        )
    with transaction.atomic():
        _decide(actor=actor, claim=claim, status=Claim.Status.REJECTED, note=note.strip())
        record_event(actor, Verb.ORG_CLAIM_REJECTED, claim.organization, new={"claim": claim.pk})
        notify(
            [claim.claimant],
            kind="orgs.claim_decided",
            about=claim,
            subject=format_lazy(gettext_lazy("your request for {name}"), name=claim.organization),
            template="orgs/claims/email/claim_rejected.txt",
            context={"organization": claim.organization, "claim": claim},
            link=("orgs:profile", (claim.organization.slug,)),
        )
    return claim


def claim_withdraw(*, actor, claim: Claim) -> Claim:
    if actor is None or claim.claimant_id != actor.pk:
        raise PermissionDenied
    if claim.status != Claim.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    with transaction.atomic():
        claim.status = Claim.Status.WITHDRAWN
        claim.save(update_fields=["status"])
        record_event(actor, Verb.ORG_CLAIM_WITHDRAWN, claim.organization, new={"claim": claim.pk})
    return claim
