"""The hub's queue of claims."""

from __future__ import annotations

from birge.orgs.claims.models import Claim
from birge.orgs.permissions import hub_country_ids


def pending_claims_for(user):
    claims = Claim.objects.filter(status=Claim.Status.PENDING).select_related(
        "organization", "organization__country", "claimant"
    )
    if not user.is_superuser:
        claims = claims.filter(organization__country_id__in=hub_country_ids(user))
    return claims.order_by("created_at")
