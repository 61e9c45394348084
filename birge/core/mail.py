"""E-mail goes out through a background task, so a slow or failing mail server never holds a request."""

from django.core.mail.backends.base import BaseEmailBackend

from .emails import message_to_dict
from .tasks import deliver_email


class TaskEmailBackend(BaseEmailBackend):
    """Queues each message as a `deliver_email` task. Attachments are not carried; Birge sends links."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            deliver_email.enqueue(message_to_dict(message))
        return len(email_messages)
