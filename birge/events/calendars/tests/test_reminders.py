"""The reminder the day before: once per event, to its confirmed participants, in their language and time
zone, without the link to join (an e-mail is read outside the platform)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import dateformat, timezone, translation

from birge.core import registry
from birge.core.models import Event as AuditEntry
from birge.core.notifications.models import Notification
from birge.events.calendars import services
from birge.events.calendars.tests.helpers import register
from birge.events.catalog.models import Format, Status
from birge.events.conftest import make_event
from birge.events.events import Verb
from birge.events.registration.models import Status as RegistrationStatus

ONLINE = "https://meet.example.org/room-42"


def starting_in(hours: float, organizers, **fields):
    # Whole minutes, so that the time written in the e-mail is the time the test expects.
    start = (timezone.now() + dt.timedelta(hours=hours)).replace(second=0, microsecond=0)
    return make_event(organizers, starts_at=start, **fields)


def reminders():
    return Notification.objects.filter(kind="events.reminder")


@pytest.mark.django_db
def test_the_confirmed_participants_are_reminded_once(
    django_capture_on_commit_callbacks, kz_ngo, kg_owner, tj_owner, outsider, reader
):
    event = starting_in(24.5, [kz_ngo], title="Вебинар о визах")
    kg_owner.time_zone = "Asia/Bishkek"
    kg_owner.save()
    register(event, kg_owner)
    register(event, reader)
    register(event, tj_owner, RegistrationStatus.WAITLISTED)
    register(event, outsider, RegistrationStatus.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.events_remind() == 1
        assert services.events_remind() == 0

    assert sorted(reminders().values_list("recipient__email", flat=True)) == [
        "kg@example.org",
        "reader@example.org",
    ]
    event.refresh_from_db()
    assert event.reminded_at is not None
    [entry] = AuditEntry.objects.filter(verb=Verb.REMINDED)
    assert entry.target_id == str(event.pk) and entry.new == {"participants": 2}
    assert sorted(message.to[0] for message in mail.outbox) == ["kg@example.org", "reader@example.org"]

    notice = reminders().get(recipient=kg_owner)
    assert "Вебинар о визах" in notice.title
    assert notice.url == f"/ru/events/{event.slug}/"
    # In Russian and in the participant's own zone (Bishkek, UTC+6), not the event's (Almaty, UTC+5).
    with translation.override("ru"):
        when = dateformat.format(event.starts_at.astimezone(ZoneInfo("Asia/Bishkek")), "j E Y, H:i")
    assert when in notice.body and "Asia/Bishkek" in notice.body
    assert notice.url in notice.body
    assert ONLINE not in notice.body
    assert all(ONLINE not in message.body for message in mail.outbox)


@pytest.mark.django_db
def test_the_reminder_of_an_event_in_person_says_where(kz_ngo, kg_owner):
    event = starting_in(24.2, [kz_ngo], format=Format.OFFLINE, venue="Отель «Достык»", city="Алматы")
    register(event, kg_owner)

    services.events_remind()

    assert "Отель «Достык», Алматы" in reminders().get().body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hours, fields",
    [
        (24.5, {"status": Status.CANCELLED}),
        (24.5, {"status": Status.DRAFT, "published_at": None}),
        (30, {}),  # not yet: a later run reminds it
        (3, {}),  # too late for "tomorrow"
        (-1, {}),
    ],
)
def test_no_reminder_outside_the_day_before_or_for_an_event_not_taking_place(kz_ngo, kg_owner, hours, fields):
    event = starting_in(hours, [kz_ngo], **fields)
    register(event, kg_owner)

    assert services.events_remind() == 0

    assert not reminders().exists()
    assert not AuditEntry.objects.filter(verb=Verb.REMINDED).exists()


@pytest.mark.django_db
def test_each_hourly_run_of_a_day_reminds_the_event_once(kz_ngo, kg_owner):
    event = starting_in(30, [kz_ngo])
    register(event, kg_owner)
    now = timezone.now()

    reminded = [services.event_remind(event.pk, now=now + dt.timedelta(hours=hour)) for hour in range(10)]

    # Due from the run 5 hours on (25 hours before the start); the runs after it find it reminded.
    assert reminded.count(True) == 1
    assert reminders().count() == 1


@pytest.mark.django_db
def test_an_event_without_participants_is_marked_reminded_and_tells_nobody(kz_ngo):
    event = starting_in(24.5, [kz_ngo])
    assert services.events_remind() == 1
    event.refresh_from_db()
    assert event.reminded_at is not None and not reminders().exists()


def test_the_reminders_run_every_hour():
    assert registry.HOURLY["event reminders"] is services.events_remind
