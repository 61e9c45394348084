"""Who may do what to an organization, decided in one place for services, views, templates and lists.

A page builds one `Viewer` for the person looking (`Viewer.of(request.user)`) and passes it to every
predicate, list and visibility decision it makes: their roles, partners and hub countries are read once
(one query each, and only when asked), however many organizations and questions the page has. Services
pass the acting user instead; each predicate takes either, so a rule is written once.

The "partner" predicate lives here and only here: apps that bring organizations together (shared networks,
joint projects) widen it through `orgs.partners.sources`, read by `partner_organization_ids`, and every
page, list, export and e-mail follows.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Union

from django.core.exceptions import PermissionDenied

from birge.orgs.members.models import Membership, Role
from birge.orgs.partners.models import Partnership
from birge.orgs.partners.sources import PARTNER_SOURCES
from birge.orgs.profiles.fields import LEVELS
from birge.orgs.profiles.models import Organization, Visibility

if TYPE_CHECKING:
    from birge.accounts.models import User


def signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def hub_country_ids(user) -> set[int]:
    """The countries whose hub `user` administers (none for a site administrator who holds no hub)."""
    if not signed_in(user):
        return set()
    return set(user.hub_appointments.values_list("country_id", flat=True))


def partner_organization_ids(member_of: set[int]) -> set[int]:
    """Organizations that count someone belonging to `member_of` as a partner: those that listed one of
    these organizations as a partner, and those that other apps bring together with them (a shared
    network), through the sources registered in `orgs.partners.sources`."""
    if not member_of:
        return set()
    listed = Partnership.objects.filter(partner_id__in=member_of).values_list("organization_id", flat=True)
    # One query however many sources there are: each gives a query of organization ids, read as one union.
    sources = [source(member_of) for source in PARTNER_SOURCES.values()]
    partners = set(listed.union(*sources) if sources else listed)
    return partners - member_of


class Viewer:
    """What one person is to every organization: computed once, then asked any number of times."""

    def __init__(self, user: User | None):
        self.user = user if signed_in(user) else None

    @classmethod
    def of(cls, who: Who) -> Viewer:
        """The viewer for a user (or anonymous visitor, or None); a Viewer is returned as it is."""
        return who if isinstance(who, Viewer) else cls(who)

    @property
    def is_signed_in(self) -> bool:
        return self.user is not None

    @property
    def is_site_admin(self) -> bool:
        return self.user is not None and self.user.is_superuser

    @cached_property
    def roles(self) -> dict[int, str]:
        """Organization id -> this person's role in it (one query)."""
        if self.user is None:
            return {}
        # No ordering: a membership's default one joins the organizations to sort by name.
        memberships = Membership.objects.filter(user=self.user).order_by()
        return dict(memberships.values_list("organization_id", "role"))

    @property
    def member_of(self) -> set[int]:
        return set(self.roles)

    @cached_property
    def partner_of(self) -> set[int]:
        """Organizations that count this person as a partner (one query, if they belong anywhere)."""
        return partner_organization_ids(self.member_of)

    @cached_property
    def hub_countries(self) -> set[int]:
        """Countries whose hub this person administers (one query)."""
        return hub_country_ids(self.user)

    def role(self, organization: Organization) -> str | None:
        return self.roles.get(organization.pk)

    def is_member(self, organization: Organization) -> bool:
        return self.role(organization) is not None

    def can_edit(self, organization: Organization) -> bool:
        return self.role(organization) in (Role.OWNER, Role.EDITOR)

    def can_manage_members(self, organization: Organization) -> bool:
        return self.role(organization) == Role.OWNER

    def is_hub_admin_for(self, organization: Organization) -> bool:
        """The hub admin of the organization's country (or a site administrator) verifies and decides
        claims."""
        return self.is_site_admin or (self.user is not None and organization.country_id in self.hub_countries)

    @property
    def is_hub_admin(self) -> bool:
        return self.is_site_admin or bool(self.hub_countries)

    def level(self, organization: Organization) -> Visibility:
        """The widest audience this person belongs to for `organization`'s fields."""
        if self.user is None:
            return Visibility.PUBLIC
        # Site administrators get no special sight here: private fields are for members.
        if self.is_member(organization):
            return Visibility.MEMBERS
        if organization.pk in self.partner_of:
            return Visibility.PARTNERS
        return Visibility.SIGNED_IN

    def may_see(self, organization: Organization, visibility: str) -> bool:
        return LEVELS.index(visibility) <= LEVELS.index(self.level(organization))


# A user (or an anonymous visitor, or None for the system) or a Viewer already built for them.
Who = Union["User", None, Viewer]


def _single_role(who: Who, organization: Organization) -> str | None:
    # A service asks about one organization: one narrow query, rather than every membership of the actor.
    if isinstance(who, Viewer):
        return who.role(organization)
    if not signed_in(who):
        return None
    return (
        Membership.objects.filter(organization=organization, user=who).values_list("role", flat=True).first()
    )


def role_in(who: Who, organization: Organization) -> str | None:
    return _single_role(who, organization)


def is_member(who: Who, organization: Organization) -> bool:
    return _single_role(who, organization) is not None


def can_edit(who: Who, organization: Organization) -> bool:
    return _single_role(who, organization) in (Role.OWNER, Role.EDITOR)


def can_manage_members(who: Who, organization: Organization) -> bool:
    return _single_role(who, organization) == Role.OWNER


def is_hub_admin_for(who: Who, organization: Organization) -> bool:
    if isinstance(who, Viewer):
        return who.is_hub_admin_for(organization)
    if not signed_in(who):
        return False
    return who.is_superuser or organization.country_id in hub_country_ids(who)


def is_hub_admin(who: Who) -> bool:
    return Viewer.of(who).is_hub_admin


def require_hub_admin(who: Who) -> None:
    """The hub's queues are for hub administrators (of any country) and site administrators."""
    if not is_hub_admin(who):
        raise PermissionDenied


def is_partner(who: Who, organization: Organization) -> bool:
    return Viewer.of(who).level(organization) in (Visibility.PARTNERS, Visibility.MEMBERS)
