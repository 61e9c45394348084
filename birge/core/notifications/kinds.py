"""The kinds of notification, declared by each app as it declares its audit verbs.

A kind says what a notification is about ("a request to manage an organization"), how it reaches a person
who has not chosen (at once, in the daily or weekly digest, or only in the inbox), whether they may choose
at all (security and account notices always go at once), and who may receive one: `may_see(user, about)`
applies the same rule as the pages, so nobody is told about something they may not see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("by e-mail at once")
    DAILY = "daily", _("in the daily digest")
    WEEKLY = "weekly", _("in the weekly digest")
    INBOX = "inbox", _("only in the inbox")


DIGESTS = (Delivery.DAILY, Delivery.WEEKLY)


def _nobody_else(user, about) -> bool:
    return about is None


def _everyone(user) -> bool:
    return True


@dataclass(frozen=True)
class NoticeKind:
    key: str  # "orgs.claim_submitted": the app's label, a dot, a name; stored with each notification
    description: Any  # what the settings page calls it (gettext_lazy)
    default: str = Delivery.IMMEDIATE
    # Security and account notices: always at once, no unsubscribe.
    locked: bool = False
    # Whether `user` may see `about` (the object the notification is about), by the pages' own rule.
    may_see: Callable[[Any, Any], bool] = _nobody_else
    # Whether the settings page offers the choice to `user` (a hub's kinds to hub administrators only).
    offered_to: Callable[[Any], bool] = _everyone

    @property
    def app_label(self) -> str:
        return self.key.split(".", 1)[0]


# key -> kind, in the order registered
NOTICE_KINDS: dict[str, NoticeKind] = {}


def register_notice_kind(
    key: str,
    description,
    *,
    default: str = Delivery.IMMEDIATE,
    locked: bool = False,
    may_see: Callable[[Any, Any], bool] | None = None,
    offered_to: Callable[[Any], bool] | None = None,
) -> NoticeKind:
    """Declare a kind of notification (in the app's AppConfig.ready()). `may_see` is required when the
    notifications are about an object; without it a kind can only be about nothing in particular."""
    if default not in Delivery.values:
        raise ImproperlyConfigured(f"Notice kind {key!r}: unknown delivery {default!r}.")
    known = NOTICE_KINDS.get(key)
    kind = NoticeKind(
        key,
        description,
        Delivery.IMMEDIATE if locked else default,
        locked,
        may_see or _nobody_else,
        offered_to or _everyone,
    )
    if known is not None and known != kind:
        raise ImproperlyConfigured(f"The notice kind {key!r} is registered already.")
    NOTICE_KINDS[key] = kind
    return kind


def kind_of(key: str) -> NoticeKind:
    try:
        return NOTICE_KINDS[key]
    except KeyError:
        raise ValueError(
            f"No app registers the notice kind {key!r} (see birge.core.notifications)."
        ) from None
