"""Tell people about a change by e-mail, each in their own language, once the change is committed.

Services call `notify(...)` inside their transaction; nothing is sent if it rolls back. The body is a plain
text template rendered with the recipient's language active, so the link (a view name and its arguments)
is reversed under that language's prefix too."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute_url(path: str) -> str:
    return f"{settings.BIRGE_SITE_URL}{path}"


def notify(
    recipients: Iterable[Any],
    *,
    subject: Any,
    template: str,
    context: dict[str, Any],
    link: tuple[str, tuple] | None = None,
) -> None:
    """E-mail every recipient (users) after commit. `subject` is a lazy translation; `link` is
    (view name, args). Keep private values out of `context`: the e-mail is read outside the platform."""
    people = [user for user in recipients if user.email and user.is_active]

    def send() -> None:
        for user in people:
            with translation.override(user.language):
                url = absolute_url(reverse(link[0], args=link[1])) if link else ""
                body = render_to_string(
                    template,
                    {**context, "recipient": user, "site_name": settings.BIRGE_SITE_NAME, "url": url},
                )
                send_mail(f"{settings.BIRGE_SITE_NAME}: {subject}", body.strip() + "\n", None, [user.email])

    transaction.on_commit(send)
