"""What the catalog's tests share: an event's values as a form would give them, and registrants."""

from datetime import timedelta

from django.utils import timezone

from birge.core.models import Country
from birge.events.catalog.models import Audience, Format, Kind
from birge.events.registration.models import Registration
from conftest import make_user


def values(**changes) -> dict:
    """A training in person in Almaty three weeks from now, as `event_create` takes it."""
    start = (timezone.now() + timedelta(days=21)).replace(microsecond=0)
    return {
        "title": "Тренинг по адвокации",
        "description": "Для юристов **НКО**.",
        "language": "ru",
        "kind": Kind.TRAINING,
        "format": Format.OFFLINE,
        "audience": Audience.ANYONE,
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "time_zone": "Asia/Almaty",
        "country": Country.objects.get(code="KZ"),
        "city": "Алматы",
        "venue": "ул. Абая 1, зал 2",
        "languages": ["ru", "kk"],
        **changes,
    }


def register(event, status: str, email: str, **fields) -> Registration:
    """A person registered for `event` (a row only: nobody is told)."""
    person = make_user(email, **fields)
    return Registration.objects.create(event=event, person=person, status=status, queued_at=timezone.now())
