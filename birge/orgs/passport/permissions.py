"""Who may read, edit and share an organization's passport. Plain functions over the organization-wide
rules in `birge.orgs.permissions`; the passport adds one path of its own: an active share with a funder."""

from __future__ import annotations

from dataclasses import dataclass

from birge.orgs.members.models import Role
from birge.orgs.passport.models import PassportShare
from birge.orgs.permissions import Viewer, Who, role_in
from birge.orgs.profiles.models import Organization


@dataclass(frozen=True)
class PassportAccess:
    """What one person may do with one organization's passport, decided with a few queries, once per
    request, so that the view, the template and the read log agree."""

    role: str | None
    # Reading allowed by the organization's `passport_visibility` (members always are).
    by_visibility: bool
    # The active share through which this person reads as a member of a funder; such reads are logged.
    share: PassportShare | None

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def may_read(self) -> bool:
        return self.is_member or self.by_visibility or self.share is not None

    @property
    def may_edit(self) -> bool:
        return self.role in (Role.OWNER, Role.EDITOR)

    @property
    def may_share(self) -> bool:
        return self.role == Role.OWNER


def reading_share(user, organization: Organization) -> PassportShare | None:
    """The active share of `organization`'s passport with a funder `user` belongs to, if any."""
    if user is None or not user.is_authenticated:
        return None
    return (
        PassportShare.objects.active()
        .filter(passport__organization=organization, funder__memberships__user=user)
        # What logging the read needs: the funder, and the passport's organization for the audit entry.
        .select_related("funder", "passport__organization")
        .order_by("-expires_at")
        .first()
    )


def passport_access(who: Who, organization: Organization) -> PassportAccess:
    viewer = Viewer.of(who)
    role = viewer.role(organization)
    if role is not None:
        # Members read as members: their reads are not a funder's and are not logged.
        return PassportAccess(role=role, by_visibility=True, share=None)
    # A draft organization shows nothing to outsiders, whatever its visibility says; a share still counts,
    # since the owner chose it.
    by_visibility = organization.is_published and viewer.may_see(
        organization, organization.passport_visibility
    )
    return PassportAccess(
        role=None, by_visibility=by_visibility, share=reading_share(viewer.user, organization)
    )


def can_read_passport(who: Who, organization: Organization) -> bool:
    viewer = Viewer.of(who)
    # The cheap answers first: a member, or a passport open to this person's audience, needs no look at
    # the shares (the profile asks this of every signed-in visitor).
    if viewer.is_member(organization) or (
        organization.is_published and viewer.may_see(organization, organization.passport_visibility)
    ):
        return True
    return reading_share(viewer.user, organization) is not None


def can_edit_passport(who: Who, organization: Organization) -> bool:
    return role_in(who, organization) in (Role.OWNER, Role.EDITOR)


def can_share_passport(who: Who, organization: Organization) -> bool:
    return role_in(who, organization) == Role.OWNER
