"""Signed one-click unsubscribe links: a person leaves a kind of notification from the e-mail itself,
without logging in. The token names the account and the kind, and is signed with the site's secret, so it
cannot be forged for anyone else; it does not expire, as an old e-mail's link must still work."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "birge.notifications.unsubscribe"


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """(user id, kind) from a token, or None if it was not made here."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), str):
        return None
    return data["u"], data["k"]


def unsubscribe_path(user, kind: str) -> str:
    """The page's address under the person's language prefix."""
    with translation.override(user.language):
        return reverse("core:unsubscribe", args=[unsubscribe_token(user, kind)])
