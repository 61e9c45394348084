"""Every change to an account goes through here: permission, change, audit entry."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from birge.accounts.events import Verb
from birge.core.audit import FORGOTTEN, changed_fields, record_event
from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.core.notifications.services import deliveries_of
from birge.core.registry import ACCOUNT_HOOKS, DeletionBlocker
from birge.core.validators import validate_single_line

from . import erasure
from .models import DELETED_USER_EMAIL, User
from .permissions import can_manage_account

PROFILE_FIELDS = ["display_name", "language", "time_zone"]


def deleted_user() -> User:
    """The placeholder that keeps authored content and audit facts after an account is deleted."""
    user, _created = User.objects.get_or_create(
        email=DELETED_USER_EMAIL,
        defaults={"display_name": FORGOTTEN, "is_active": False, "password": "!"},
    )
    return user


def profile_update(*, actor: User, user: User, display_name: str, language: str, time_zone: str) -> User:
    if not can_manage_account(actor, user):
        raise PermissionDenied
    try:
        validate_single_line(display_name)
    except ValidationError as error:
        raise ValidationError({"display_name": error.error_list}) from None
    before = {name: getattr(user, name) for name in PROFILE_FIELDS}
    user.display_name, user.language, user.time_zone = display_name.strip(), language, time_zone
    old, new = changed_fields(user, before, PROFILE_FIELDS)
    if not new:
        return user
    with transaction.atomic():
        user.save(update_fields=list(new))
        record_event(actor, Verb.ACCOUNT_PROFILE_UPDATED, user, old, new)
    return user


def profile_set_language(*, actor: User, user: User, language: str) -> User:
    if language not in settings.LANGUAGE_CODES:
        raise ValueError(f"unknown language {language!r}")
    return profile_update(
        actor=actor, user=user, display_name=user.display_name, language=language, time_zone=user.time_zone
    )


def account_export(*, actor: User, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, as JSON-ready data. Secrets (password hash, TOTP seed,
    recovery codes) are named, never included."""
    if not can_manage_account(actor, user):
        raise PermissionDenied
    events = Event.objects.filter(actor=user).order_by("created_at", "id")
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "time_zone": user.time_zone,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "two_factor_methods": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        "activity": [
            {"when": e.created_at.isoformat(), "action": e.verb, "object": e.target_repr, "new": e.new}
            for e in events
        ],
        "notification_settings": deliveries_of(user),
        "notifications": [
            {
                "when": n.created_at.isoformat(),
                "kind": n.kind,
                "title": n.title,
                "read": n.read_at is not None,
            }
            for n in Notification.objects.filter(recipient=user).order_by("created_at", "id").iterator()
        ],
    }
    for app_label, hooks in ACCOUNT_HOOKS.items():
        if hooks.export:
            data[app_label] = hooks.export(user)
    record_event(actor, Verb.ACCOUNT_DATA_EXPORTED, user)
    return data


def exported_by_apps() -> list[str]:
    """What the apps add to a person's data export, as items of the export page's list."""
    return [hooks.exported for hooks in ACCOUNT_HOOKS.values() if hooks.exported]


def erased_by_apps() -> list[str]:
    """What the apps remove when an account is deleted, as items of the deletion page's list."""
    return [hooks.erased for hooks in ACCOUNT_HOOKS.values() if hooks.erased]


class AccountDeletionBlocked(Exception):
    """The account cannot go yet; `blockers` say why and where to fix it."""

    def __init__(self, blockers: list[DeletionBlocker]):
        super().__init__("; ".join(blocker.reason for blocker in blockers))
        self.blockers = blockers


def account_deletion_blockers(user: User) -> list[DeletionBlocker]:
    return [blocker for hooks in ACCOUNT_HOOKS.values() if hooks.blockers for blocker in hooks.blockers(user)]


def account_delete(*, actor: User, user: User) -> None:
    """Delete the account and everything that names the person. What they wrote stays, credited to
    "deleted user"; each app erases or anonymizes its own rows and files through its `erase` hook; the
    audit log keeps that things happened, not who they were (see `erasure`). Refused while an app reports
    a blocker (something that would be left without anyone in charge, say)."""
    if not can_manage_account(actor, user):
        raise PermissionDenied
    with transaction.atomic():
        blockers = account_deletion_blockers(user)
        if blockers:
            raise AccountDeletionBlocked(blockers)
        placeholder = deleted_user()
        addresses = erasure.addresses_of(user)
        for hooks in ACCOUNT_HOOKS.values():
            if hooks.erase:
                hooks.erase(user, addresses)
        erasure.forget_in_audit_log(user, addresses, placeholder)
        erasure.forget_in_notifications(user, addresses)
        erasure.forget_in_admin_log(user)
        erasure.forget_queued_email(user, addresses)
        user_id = user.pk
        user.delete()
        record_event(placeholder, Verb.ACCOUNT_DELETED, None, new={"account_id": user_id})
