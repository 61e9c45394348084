"""Every change to an account goes through here: permission, change, audit entry."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from birge.core.audit import changed_fields, record_event
from birge.core.events import Verb
from birge.core.models import Event

from .models import DELETED_USER_EMAIL, User
from .permissions import can_manage_account

PROFILE_FIELDS = ["display_name", "language", "time_zone"]


def deleted_user() -> User:
    """The placeholder that keeps authored content and audit facts after an account is deleted."""
    user, _created = User.objects.get_or_create(
        email=DELETED_USER_EMAIL,
        defaults={"display_name": "deleted user", "is_active": False, "password": "!"},
    )
    return user


def profile_update(*, actor: User, user: User, display_name: str, language: str, time_zone: str) -> User:
    if not can_manage_account(actor, user):
        raise PermissionDenied
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
    }
    record_event(actor, Verb.ACCOUNT_DATA_EXPORTED, user)
    return data


def account_delete(*, actor: User, user: User) -> None:
    """Delete the account. What the person wrote stays, credited to "deleted user"; the audit log keeps that
    things happened, but no longer who they were (e-mail, name) nor the values they entered about themself."""
    if not can_manage_account(actor, user):
        raise PermissionDenied
    with transaction.atomic():
        placeholder = deleted_user()
        Event.objects.filter(actor=user).update(actor=placeholder)
        Event.objects.filter(
            target_type=ContentType.objects.get_for_model(User), target_id=str(user.pk)
        ).update(target_repr="deleted user", old={}, new={})
        user_id = user.pk
        user.delete()
        record_event(placeholder, Verb.ACCOUNT_DELETED, None, new={"account_id": user_id})
