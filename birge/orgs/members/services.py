"""Who belongs to an organization: invitations by e-mail, roles, removal and leaving.

An organization always keeps an owner while anyone else belongs to it; when the last person leaves, the
profile stays listed without a manager and can be claimed again."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import Address, notify
from birge.orgs.events import Verb
from birge.orgs.members.models import Invitation, Membership, Role
from birge.orgs.permissions import can_manage_members
from birge.orgs.profiles.models import Organization

INVITATION_DAYS = 14


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def owners_of(organization: Organization):
    return [m.user for m in organization.memberships.filter(role=Role.OWNER).select_related("user")]


def invitation_create(*, actor, organization: Organization, email: str, role: str) -> tuple[Invitation, str]:
    """Invite someone by e-mail. Returns the invitation and the token, which exists only in the e-mail."""
    if not can_manage_members(actor, organization):
        raise PermissionDenied
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    if organization.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": [_("This person is already a member.")]})
    if organization.invitations.filter(
        email=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).exists():
        raise ValidationError({"email": [_("An invitation to this address is already waiting.")]})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            organization=organization,
            email=email,
            role=role,
            token_hash=hash_token(token),
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        record_event(actor, Verb.ORG_MEMBER_INVITED, organization, new={"email": email, "role": role})
        _send_invitation(invitation, token, actor)
    return invitation, token


def _send_invitation(invitation: Invitation, token: str, actor) -> None:
    # Someone without an account yet: the inviter's language is the best guess.
    notify(
        [Address(invitation.email, actor.language)],
        kind="orgs.invitation",
        subject=format_lazy(gettext_lazy("an invitation to join {name}"), name=invitation.organization),
        template="orgs/members/email/invitation.txt",
        context={"organization": invitation.organization, "inviter": actor, "days": INVITATION_DAYS},
        link=("orgs:invitation_accept", (token,)),
    )


def invitation_find(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organization").filter(token_hash=hash_token(token)).first()
        if token
        else None
    )


def invitation_accept(*, user, token: str) -> Membership:
    """Join with the invitation. It must be open and addressed to one of the user's confirmed e-mails, so a
    forwarded link does not let someone else in."""
    invitation = invitation_find(token)
    if invitation is None or not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid. Ask for a new one."))
    confirmed = EmailAddress.objects.filter(user=user, verified=True, email__iexact=invitation.email).exists()
    if not confirmed:
        raise PermissionDenied(_("This invitation was sent to another e-mail address."))
    organization = invitation.organization
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            organization=organization, user=user, defaults={"role": invitation.role}
        )
        invitation.accepted_at, invitation.accepted_by = timezone.now(), user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        if created:
            record_event(user, Verb.ORG_MEMBER_JOINED, organization, new={"role": membership.role})
            notify(
                owners_of(organization),
                kind="orgs.member_joined",
                about=organization,
                subject=gettext_lazy("a new member joined"),
                template="orgs/members/email/member_joined.txt",
                context={"organization": organization, "member": user},
                link=("orgs:members", (organization.slug,)),
            )
    return membership


def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    if not can_manage_members(actor, invitation.organization):
        raise PermissionDenied
    if not invitation.is_open:
        return invitation
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record_event(
            actor, Verb.ORG_INVITATION_REVOKED, invitation.organization, old={"email": invitation.email}
        )
    return invitation


def _would_leave_without_owner(membership: Membership, *, new_role: str | None) -> bool:
    """True if the change would leave other people in the organization with nobody to manage it."""
    if membership.role != Role.OWNER or new_role == Role.OWNER:
        return False
    others = membership.organization.memberships.exclude(pk=membership.pk)
    return others.exists() and not others.filter(role=Role.OWNER).exists()


def member_change_role(*, actor, membership: Membership, role: str) -> Membership:
    if not can_manage_members(actor, membership.organization):
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    if role == membership.role:
        return membership
    if _would_leave_without_owner(membership, new_role=role):
        raise ValidationError(_("Make someone else an owner first: the organization needs one."))
    old = membership.role
    with transaction.atomic():
        membership.role = role
        membership.save(update_fields=["role"])
        record_event(
            actor,
            Verb.ORG_MEMBER_ROLE_CHANGED,
            membership.organization,
            {"member": membership.user.email, "role": old},
            {"member": membership.user.email, "role": role},
        )
    return membership


def member_remove(*, actor, membership: Membership) -> None:
    organization = membership.organization
    if not can_manage_members(actor, organization):
        raise PermissionDenied
    if membership.user_id == actor.pk:
        raise ValidationError(_("To leave the organization yourself, use “Leave”."))
    if _would_leave_without_owner(membership, new_role=None):
        raise ValidationError(_("Make someone else an owner first: the organization needs one."))
    with transaction.atomic():
        membership.delete()
        record_event(actor, Verb.ORG_MEMBER_REMOVED, organization, old={"member": membership.user.email})
        notify(
            [membership.user],
            kind="orgs.member_removed",
            subject=format_lazy(gettext_lazy("you were removed from {name}"), name=organization),
            template="orgs/members/email/member_removed.txt",
            context={"organization": organization},
            link=("orgs:profile", (organization.slug,)),
        )


def member_leave(*, user, organization: Organization) -> None:
    membership = organization.memberships.filter(user=user).first()
    if membership is None:
        raise PermissionDenied
    if _would_leave_without_owner(membership, new_role=None):
        raise ValidationError(_("You are the last owner. Make someone else an owner before you leave."))
    with transaction.atomic():
        membership.delete()
        record_event(user, Verb.ORG_MEMBER_LEFT, organization, old={"role": membership.role})
