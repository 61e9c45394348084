"""What the inbox, the header and the settings page read."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import BooleanField, ExpressionWrapper, Q

from birge.core.notifications.models import FailingAddress, Notification
from birge.core.notifications.services import unread_key

UNREAD_SECONDS = 300


def unread_count(user) -> int:
    """The header's number: cached per person and forgotten whenever it changes, so most pages read it
    without a query."""
    key = unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


def inbox(user):
    """Unread first, then the newest."""
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return (
        Notification.objects.filter(recipient=user)
        .only("pk", "title", "created_at", "read_at")
        .annotate(unread=unread)
        .order_by("-unread", "-created_at", "-id")
    )


def failing_address(user) -> FailingAddress | None:
    return FailingAddress.objects.filter(email=user.email.lower()).first() if user.email else None
