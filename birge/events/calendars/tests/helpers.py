"""What the calendars' tests share: registrations written as rows, and a calendar file read back."""

from django.utils import timezone
from icalendar import Calendar

from birge.events.registration.models import Registration, Status


def register(event, person, status: str = Status.CONFIRMED) -> Registration:
    """A registration row (nobody told): the registration services have their own tests."""
    now = timezone.now()
    return Registration.objects.create(
        event=event,
        person=person,
        status=status,
        queued_at=now,
        confirmed_at=now if status == Status.CONFIRMED else None,
    )


def parsed(response) -> Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(response) -> set[str]:
    return {str(event.summary) for event in parsed(response).events}
