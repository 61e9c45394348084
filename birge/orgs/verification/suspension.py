"""A verification vouches for one identity: a change of name, kind, legal form, identifier or country
suspends it. The badge goes at once, and the hub of the organization's (new) country finds the profile in its
queue as "changed since verification", with the old and new values, until it verifies again."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.orgs.events import Verb
from birge.orgs.hubs.reads import hub_administrators_of
from birge.orgs.profiles.models import Organization
from birge.orgs.verification.models import Verification


def _plain(value: Any) -> Any:
    """A value as the audit log and the hub's queue keep it: a country by its code."""
    return getattr(value, "code", value)


def active_verification(organization: Organization) -> Verification | None:
    return organization.verifications.filter(revoked_at__isnull=True, suspended_at__isnull=True).first()


def suspend_verification(
    *, actor, organization: Organization, changes: dict[str, list]
) -> Verification | None:
    """Called by `organization_update` inside its transaction, with {field: [old, new]} of the identity
    fields it changed. Does nothing to an organization nobody verified; a suspended verification keeps
    collecting changes (the first old value and the latest new one), so the hub sees the whole distance."""
    plain = {name: [_plain(old), _plain(new)] for name, (old, new) in changes.items()}
    verification = active_verification(organization)
    if verification is None:
        verification = organization.verifications.filter(
            revoked_at__isnull=True, suspended_at__isnull=False
        ).first()
        if verification is None or organization.is_verified:
            return None
        merged = dict(verification.suspended_changes)
        for name, (old, new) in plain.items():
            first = merged.get(name, [old])[0]
            if first == new:
                merged.pop(name, None)
            else:
                merged[name] = [first, new]
        verification.suspended_changes = merged
        verification.save(update_fields=["suspended_changes"])
        return verification
    verification.suspended_at = timezone.now()
    verification.suspended_changes = plain
    verification.save(update_fields=["suspended_at", "suspended_changes"])
    organization.verified_at = None
    organization.save(update_fields=["verified_at"])
    record_event(
        actor,
        Verb.ORG_VERIFICATION_SUSPENDED,
        organization,
        {name: old for name, (old, _new) in plain.items()},
        {name: new for name, (_old, new) in plain.items()},
    )
    notify(
        hub_administrators_of(organization.country_id),
        kind="orgs.verification_suspended",
        about=organization,
        subject=gettext_lazy("a verified organization changed its name or registration"),
        template="orgs/verification/email/verification_suspended.txt",
        context={"organization": organization},
        link=("orgs:verify", (organization.slug,)),
    )
    return verification
