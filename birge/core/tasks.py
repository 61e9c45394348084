"""Background tasks of the core app."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.utils import timezone
from django_tasks import task

from .audit import record_event
from .emails import message_from_dict
from .events import Verb

logger = logging.getLogger(__name__)


def is_temporary(error: BaseException) -> bool:
    """Whether another attempt may succeed: the server could not be reached, timed out, hung up or answered
    4xx ("try again later"). A 5xx answer (address or sender refused, login refused) or a malformed
    message (a header with a line break) would fail the same way again."""
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _text in error.recipients.values())
    return isinstance(error, OSError)


@task()
def deliver_email(message: dict, attempt: int = 1) -> int:
    """Hand one queued message to the real mail backend (SMTP in production, files in the demo).

    A temporary failure is tried again, `BIRGE_EMAIL_RETRY_DELAYS` seconds apart: the database backend
    queues the next attempt for later (each attempt is one task result, failed ones with their traceback,
    in the admin's "Task results"); the immediate backend (demo, tests) cannot wait inside a request, so it
    tries again at once. When no attempt is left, or the failure is permanent, the audit log gets an
    `EMAIL_FAILED` entry for the site administrator — how many recipients, the error's class, the number of
    attempts; never the addresses or the text — and the task fails."""
    delays = settings.BIRGE_EMAIL_RETRY_DELAYS
    while True:
        try:
            connection = get_connection(settings.BIRGE_EMAIL_DELIVERY_BACKEND, fail_silently=False)
            return connection.send_messages([message_from_dict(message)])
        except Exception as error:
            if attempt > len(delays) or not is_temporary(error):
                _record_failure(message, error, attempt)
                _mark_refused_addresses(error)
                raise
            logger.warning("e-mail attempt %d failed (%s); trying again", attempt, type(error).__name__)
            if deliver_email.get_backend().supports_defer:
                later = timezone.now() + timedelta(seconds=delays[attempt - 1])
                deliver_email.using(run_after=later).enqueue(message, attempt + 1)
                raise
            attempt += 1


def _record_failure(message: dict, error: Exception, attempts: int) -> None:
    kind = type(error)
    record_event(
        None,
        Verb.EMAIL_FAILED,
        None,
        new={
            "recipients": len(message["to"]) + len(message["cc"]) + len(message["bcc"]),
            "error": f"{kind.__module__}.{kind.__qualname__}",
            # The server's answer code says why (550: no such mailbox, 554: refused); its text may name
            # the address, so it stays out of the log (a refused address is in "failing addresses").
            "code": getattr(error, "smtp_code", None),
            "attempts": attempts,
        },
    )


def _mark_refused_addresses(error: Exception) -> None:
    """A recipient the server refused for good (5xx) is a failing address: Birge stops e-mailing it and the
    person's settings page says why."""
    if not isinstance(error, smtplib.SMTPRecipientsRefused):
        return
    from .notifications.services import address_failing

    for address, (code, text) in error.recipients.items():
        if code >= 500:
            reason = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
            address_failing(email=address, reason=f"{code} {reason}")
