"""Who may ask to manage an organization."""

from __future__ import annotations

from birge.orgs.members.models import Role
from birge.orgs.permissions import can_manage_members, is_member, signed_in
from birge.orgs.profiles.models import Organization


def can_claim(user, organization: Organization) -> bool:
    """A signed-in person who is not yet a member may claim a profile nobody manages."""
    return (
        signed_in(user)
        and not organization.memberships.filter(role=Role.OWNER).exists()
        and not is_member(user, organization)
    )


def can_request_recovery(user, organization: Organization) -> bool:
    """When the owners have left, someone else from the organization asks the hub to hand the profile over."""
    return (
        signed_in(user)
        and organization.memberships.filter(role=Role.OWNER).exists()
        and not (can_manage_members(user, organization))
    )
