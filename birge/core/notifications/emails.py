"""E-mails of notifications: one at once, or a digest. Every message names how to stop it: a footer line
and the `List-Unsubscribe` / `List-Unsubscribe-Post` headers (RFC 8058), so that a mail program's
"unsubscribe" button works without the person opening anything."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from birge.core.notifications.unsubscribe import unsubscribe_path


def absolute_url(path: str) -> str:
    return f"{settings.BIRGE_SITE_URL}{path}"


def unsubscribe_headers(user, kind: str | None) -> dict[str, str]:
    if kind is None:
        return {}
    url = absolute_url(unsubscribe_path(user, kind))
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def message(
    to: str, subject: str, text: str, *, headers: dict[str, str], html: str | None = None
) -> EmailMultiAlternatives:
    mail = EmailMultiAlternatives(
        f"{settings.BIRGE_SITE_NAME}: {subject}", text.strip() + "\n", None, [to], headers=headers
    )
    if html is not None:
        mail.attach_alternative(html, "text/html")
    return mail
