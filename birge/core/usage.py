"""Counting what is not audited: reads and downloads by anyone, one number a day per kind."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import UsageCount


def count_usage(name: str, amount: int = 1) -> None:
    """Add `amount` to today's count of `name` (e.g. "orgs.export.csv"). Two requests counting at once
    both count: the row is created once and then incremented in the database."""
    today = timezone.localdate()
    if UsageCount.objects.filter(day=today, name=name).update(count=F("count") + amount):
        return
    try:
        with transaction.atomic():
            UsageCount.objects.create(day=today, name=name, count=amount)
    except IntegrityError:  # created by another request in between
        UsageCount.objects.filter(day=today, name=name).update(count=F("count") + amount)
