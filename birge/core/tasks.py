"""Background tasks of the core app."""

from django.conf import settings
from django.core.mail import get_connection
from django_tasks import task

from .emails import message_from_dict


@task()
def deliver_email(message: dict) -> int:
    """Hand one queued message to the real mail backend (SMTP in production, files in the demo)."""
    connection = get_connection(settings.BIRGE_EMAIL_DELIVERY_BACKEND, fail_silently=False)
    return connection.send_messages([message_from_dict(message)])
