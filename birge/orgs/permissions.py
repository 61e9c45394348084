"""Who may do what to an organization. Plain functions, used by services, views, templates and queries alike.

The "partner" predicate lives here and only here: later issues (shared networks, joint projects) widen it
in `partner_organization_ids` and every page, list, export and e-mail follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Membership, Organization, Partnership, Role, Visibility

if TYPE_CHECKING:
    from birge.accounts.models import User

# From the widest audience to the narrowest; a viewer at level N sees fields set to level <= N.
LEVELS = [Visibility.PUBLIC, Visibility.SIGNED_IN, Visibility.PARTNERS, Visibility.MEMBERS]


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def role_in(user, organization: Organization) -> str | None:
    if not _signed_in(user):
        return None
    return (
        Membership.objects.filter(organization=organization, user=user).values_list("role", flat=True).first()
    )


def is_member(user, organization: Organization) -> bool:
    return role_in(user, organization) is not None


def can_edit(user, organization: Organization) -> bool:
    return role_in(user, organization) in (Role.OWNER, Role.EDITOR)


def can_manage_members(user, organization: Organization) -> bool:
    return role_in(user, organization) == Role.OWNER


def is_hub_admin_for(user, organization: Organization) -> bool:
    """The hub admin of the organization's country (or a site administrator) verifies and decides claims."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    return user.hub_admin_for.filter(pk=organization.country_id).exists()


def hub_country_ids(user) -> set[int]:
    if not _signed_in(user):
        return set()
    return set(user.hub_admin_for.values_list("pk", flat=True))


def is_hub_admin(user) -> bool:
    return _signed_in(user) and (user.is_superuser or bool(hub_country_ids(user)))


def can_claim(user, organization: Organization) -> bool:
    """A signed-in person who is not yet a member may claim a profile nobody manages."""
    return (
        _signed_in(user)
        and not organization.memberships.filter(role=Role.OWNER).exists()
        and not is_member(user, organization)
    )


def can_request_recovery(user, organization: Organization) -> bool:
    """When the owners have left, someone else from the organization asks the hub to hand the profile over."""
    return (
        _signed_in(user)
        and organization.memberships.filter(role=Role.OWNER).exists()
        and not (can_manage_members(user, organization))
    )


def partner_organization_ids(member_of: set[int]) -> set[int]:
    """Organizations that count someone belonging to `member_of` as a partner: for now, those that listed
    one of these organizations as a partner."""
    if not member_of:
        return set()
    return set(Partnership.objects.filter(partner_id__in=member_of).values_list("organization_id", flat=True))


@dataclass
class Viewer:
    """What one person is to every organization, read once (two queries) so that a list of any length
    decides visibility without further queries."""

    user: User | None
    member_of: set[int] = field(default_factory=set)
    partner_of: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, user) -> Viewer:
        if not _signed_in(user):
            return cls(user=None)
        member_of = set(Membership.objects.filter(user=user).values_list("organization_id", flat=True))
        return cls(user=user, member_of=member_of, partner_of=partner_organization_ids(member_of))

    def level(self, organization: Organization) -> Visibility:
        if self.user is None:
            return Visibility.PUBLIC
        # Site administrators get no special sight here: private fields are for members.
        if organization.pk in self.member_of:
            return Visibility.MEMBERS
        if organization.pk in self.partner_of:
            return Visibility.PARTNERS
        return Visibility.SIGNED_IN

    def may_see(self, organization: Organization, visibility: str) -> bool:
        return LEVELS.index(visibility) <= LEVELS.index(self.level(organization))


def is_partner(user, organization: Organization) -> bool:
    return Viewer.of(user).level(organization) in (Visibility.PARTNERS, Visibility.MEMBERS)
