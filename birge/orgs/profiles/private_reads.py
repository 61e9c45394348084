"""A site administrator sees an organization's private fields only for a task that needs them (a complaint,
a court order, a data request), states that task, and the read is in the audit log. The admin's ordinary
pages show what a signed-in stranger would see."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from birge.core.audit import record_event
from birge.core.events import Verb
from birge.orgs.profiles.fields import GROUPS
from birge.orgs.profiles.models import Organization

MIN_REASON = 10


def private_fields_read(*, actor, organization: Organization, reason: str) -> dict[str, dict[str, Any]]:
    """Every private field of `organization` by group ({group: {field: value}}), after the audit entry that
    names the reader, the groups and the stated reason (never the values)."""
    if not (actor is not None and actor.is_authenticated and actor.is_superuser and actor.is_active):
        raise PermissionDenied
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON:
        raise ValidationError(
            {
                "reason": [
                    _("Say which task needs these fields (at least %(n)d characters).") % {"n": MIN_REASON}
                ]
            }
        )
    values = {
        group.key: {name: getattr(organization, name) for name in group.fields}
        for group in GROUPS
        if group.fields
    }
    record_event(
        actor, Verb.ADMIN_PRIVATE_READ, organization, new={"fields": sorted(values), "reason": reason}
    )
    return values
