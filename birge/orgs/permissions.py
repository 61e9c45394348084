from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from birge.orgs.members.models import Membership, Role
from birge.orgs.partners.models import Partnership
from birge.orgs.profiles.models import Organization, Visibility

if TYPE_CHECKING:
    from birge.accounts.models import User


# From the widest audience to the narrowest; a viewer at level N sees fields set to level <= N.
LEVELS = [Visibility.PUBLIC, Visibility.SIGNED_IN, Visibility.PARTNERS, Visibility.MEMBERS]


def signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def role_in(user, organization: Organization) -> str | None:
    if not signed_in(user):
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
    if not signed_in(user):
        return False
    if user.is_superuser:
        return True
    return user.hub_appointments.filter(country_id=organization.country_id).exists()


def hub_country_ids(user) -> set[int]:
    if not signed_in(user):
        return set()
    return set(user.hub_appointments.values_list("country_id", flat=True))


def is_hub_admin(user) -> bool:
    return signed_in(user) and (user.is_superuser or bool(hub_country_ids(user)))


def require_hub_admin(user) -> None:
    """The hub's queues are for hub administrators (of any country) and site administrators."""
    if not is_hub_admin(user):
        raise PermissionDenied


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
        if not signed_in(user):
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
