"""Verification by the hub admin of the organization's country: a checklist, a date and a name, shown as a
badge; revocable with a reason. Who the hub admins are is `birge.orgs.hubs`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.orgs.events import Verb
from birge.orgs.members.services import owners_of
from birge.orgs.permissions import is_hub_admin_for
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.services import reindex_on_commit
from birge.orgs.verification.models import Verification


def organization_verify(
    *,
    actor,
    organization: Organization,
    registration_document_seen: bool,
    identifier_matches: bool,
    contacts_confirmed: bool,
    note: str = "",
) -> Verification:
    if not is_hub_admin_for(actor, organization):
        raise PermissionDenied
    if not organization.is_published:
        raise ValidationError(_("Only a published profile can be verified."))
    if organization.is_verified:
        raise ValidationError(_("This organization is already verified."))
    if not (registration_document_seen and identifier_matches and contacts_confirmed):
        raise ValidationError(_("Verify only when every item of the checklist is done."))
    with transaction.atomic():
        verification = Verification.objects.create(
            organization=organization,
            verifier=actor,
            registration_document_seen=True,
            identifier_matches=True,
            contacts_confirmed=True,
            note=note.strip(),
        )
        organization.verified_at = organization.public_updated_at = verification.created_at
        organization.save(update_fields=["verified_at", "updated_at", "public_updated_at"])
        record_event(actor, Verb.ORG_VERIFIED, organization, new={"verification": verification.pk})
        notify(
            owners_of(organization),
            kind="orgs.verification",
            about=organization,
            subject=gettext_lazy("your organization is verified"),
            template="orgs/verification/email/verified.txt",
            context={"organization": organization},
            link=("orgs:profile", (organization.slug,)),
        )
        reindex_on_commit(organization)
    return verification


def verification_revoke(*, actor, organization: Organization, reason: str) -> Verification:
    if not is_hub_admin_for(actor, organization):
        raise PermissionDenied
    verification = organization.verifications.filter(revoked_at__isnull=True).first()
    if verification is None:
        raise ValidationError(_("This organization is not verified."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason: the organization will read it.")]})
    with transaction.atomic():
        verification.revoked_at, verification.revoked_by = timezone.now(), actor
        verification.revoke_reason = reason.strip()
        verification.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        organization.verified_at, organization.public_updated_at = None, timezone.now()
        organization.save(update_fields=["verified_at", "updated_at", "public_updated_at"])
        record_event(
            actor, Verb.ORG_VERIFICATION_REVOKED, organization, new={"reason": verification.revoke_reason}
        )
        notify(
            owners_of(organization),
            kind="orgs.verification",
            about=organization,
            subject=gettext_lazy("the verification of your organization was revoked"),
            template="orgs/verification/email/verification_revoked.txt",
            context={"organization": organization, "reason": verification.revoke_reason},
            link=("orgs:profile", (organization.slug,)),
        )
        reindex_on_commit(organization)
    return verification
