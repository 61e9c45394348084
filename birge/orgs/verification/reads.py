"""The hub's queue of organizations to verify."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch

from birge.orgs.permissions import hub_country_ids
from birge.orgs.profiles.models import Organization
from birge.orgs.verification.models import Verification


def suspended_verifications():
    """Verifications suspended by a change of identity and not yet replaced, newest first."""
    return Verification.objects.filter(suspended_at__isnull=False, revoked_at__isnull=True)


def unverified_for(user):
    """The hub's queue: published organizations without a badge, each with `suspensions` (the verification
    a change of identity suspended, if any, for the "changed since verification" line)."""
    organizations = (
        Organization.objects.published()
        .filter(verified_at__isnull=True)
        .select_related("country")
        .prefetch_related(Prefetch("verifications", suspended_verifications(), to_attr="suspensions"))
        # A profile that changed after its check comes first: it was trusted, and may no longer deserve it.
        .annotate(changed=Exists(suspended_verifications().filter(organization=OuterRef("pk"))))
    )
    if not user.is_superuser:
        organizations = organizations.filter(country_id__in=hub_country_ids(user))
    return organizations.order_by("-changed", "-published_at")
