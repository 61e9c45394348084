"""Who may ask to manage an organization."""

from __future__ import annotations

from birge.orgs.members.models import Role
from birge.orgs.permissions import Viewer, Who
from birge.orgs.profiles.models import Organization


def has_owner(organization: Organization) -> bool:
    return organization.memberships.filter(role=Role.OWNER).exists()


def can_claim(who: Who, organization: Organization, *, owned: bool | None = None) -> bool:
    """A signed-in person who is not yet a member may claim a profile nobody manages. A page that already
    knows whether the organization has an owner passes it as `owned`."""
    viewer = Viewer.of(who)
    if not viewer.is_signed_in or viewer.is_member(organization):
        return False
    return not (has_owner(organization) if owned is None else owned)


def can_request_recovery(who: Who, organization: Organization, *, owned: bool | None = None) -> bool:
    """When the owners have left, someone else from the organization asks the hub to hand the profile over."""
    viewer = Viewer.of(who)
    if not viewer.is_signed_in or viewer.can_manage_members(organization):
        return False
    return has_owner(organization) if owned is None else owned
