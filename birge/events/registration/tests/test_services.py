from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from birge.core.models import Event as AuditEntry
from birge.core.notifications.models import Notification
from birge.events.catalog.models import Audience
from birge.events.catalog.models import Status as EventStatus
from birge.events.conftest import make_event
from birge.events.events import Verb
from birge.events.registration.models import Registration, Status
from birge.events.registration.services import (
    cancel,
    fill_from_waitlist,
    mark_attendance,
    register,
    waitlist_position,
)
from conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def people(db):
    return [make_user(f"person{n}@example.org", display_name=f"Участник {n}") for n in range(6)]


def fill(event, people):
    return [register(person, event) for person in people]


def notices_of(person):
    return list(Notification.objects.filter(recipient=person, kind="events.registration").order_by("pk"))


def started(organizers, **fields):
    return make_event(organizers, starts_at=timezone.now() - timedelta(hours=1), **fields)


# Places and the waitlist ------------------------------------------------------------------------------------


def test_people_get_the_places_then_join_the_waitlist_in_the_order_they_asked(webinar, people):
    registrations = fill(webinar, people[:5])

    assert [r.status for r in registrations] == [Status.CONFIRMED] * 3 + [Status.WAITLISTED] * 2
    assert [waitlist_position(r) for r in registrations] == [None, None, None, 1, 2]
    assert all(r.confirmed_at for r in registrations[:3]) and registrations[3].confirmed_at is None
    verbs = list(
        AuditEntry.objects.filter(verb__startswith="events.").order_by("pk").values_list("verb", "new")
    )
    assert [verb for verb, _new in verbs] == [Verb.REGISTERED] * 3 + [Verb.WAITLISTED] * 2
    assert verbs[4][1] == {"event": webinar.pk, "status": "waitlisted", "position": 2}


def test_the_person_is_told_in_their_language_with_a_link_to_the_event(webinar, people, mailoutbox):
    register(people[0], webinar)
    webinar.capacity = 1
    webinar.save()
    register(people[1], webinar)

    [confirmed] = notices_of(people[0])
    assert webinar.title in confirmed.title and "подтверждено" in confirmed.title
    assert confirmed.url == f"/ru/events/{webinar.slug}/"
    local = timezone.localtime(webinar.starts_at)
    # The date is written the Russian way: the month's name in the genitive.
    months = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября"]
    months += ["октября", "ноября", "декабря"]
    assert f"{local.day} {months[local.month - 1]} {local.year}" in confirmed.body
    [waiting] = notices_of(people[1])
    assert "листе ожидания" in waiting.title and "под номером 1" in waiting.body
    # The link to join is on the page, never in a message read outside the platform.
    assert webinar.online_url not in confirmed.body + waiting.body


def test_a_cancelled_place_goes_to_the_first_on_the_waitlist(webinar, people):
    registrations = fill(webinar, people[:5])

    cancel(people[1], registrations[1])

    statuses = dict(Registration.objects.values_list("person_id", "status"))
    assert statuses[people[1].pk] == Status.CANCELLED
    assert statuses[people[3].pk] == Status.CONFIRMED and statuses[people[4].pk] == Status.WAITLISTED
    assert waitlist_position(Registration.objects.get(person=people[4])) == 1
    promoted = AuditEntry.objects.get(verb=Verb.PROMOTED)
    assert promoted.actor == people[1] and promoted.new["person"] == people[3].pk
    assert "освободилось место" in notices_of(people[3])[-1].title
    assert "отменена" in notices_of(people[1])[-1].title
    assert not [n for n in notices_of(people[4]) if "освободилось место" in n.title]


def test_leaving_the_waitlist_gives_nobody_a_place(webinar, people):
    registrations = fill(webinar, people[:5])

    cancel(people[3], registrations[3])

    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 3
    assert waitlist_position(Registration.objects.get(person=people[4])) == 1
    assert not AuditEntry.objects.filter(verb=Verb.PROMOTED).exists()


def test_registering_again_after_cancelling_reuses_the_row_at_the_end_of_the_queue(webinar, people):
    registrations = fill(webinar, people[:4])
    cancel(people[3], registrations[3])
    register(people[4], webinar)

    again = register(people[3], webinar, organization=None)

    assert again.pk == registrations[3].pk and again.cancelled_at is None
    assert again.status == Status.WAITLISTED and waitlist_position(again) == 2
    assert Registration.objects.filter(person=people[3]).count() == 1


def test_one_cannot_register_twice(webinar, people):
    registrations = fill(webinar, people[:4])
    with pytest.raises(ValidationError, match="already registered"):
        register(people[0], webinar)
    with pytest.raises(ValidationError, match="already on the waitlist"):
        register(people[3], webinar)
    assert registrations[3].status == Status.WAITLISTED


def test_an_event_without_a_limit_confirms_everyone(kz_ngo, people):
    event = make_event([kz_ngo], capacity=None)
    assert {r.status for r in fill(event, people)} == {Status.CONFIRMED}


def test_a_newcomer_does_not_take_a_place_someone_on_the_waitlist_is_owed(webinar, people):
    fill(webinar, people[:4])
    # The capacity raised without filling from the waitlist (as a raw write would).
    webinar.capacity = 4
    webinar.save()

    newcomer = register(people[4], webinar)

    assert Registration.objects.get(person=people[3]).status == Status.CONFIRMED
    assert newcomer.status == Status.WAITLISTED and waitlist_position(newcomer) == 1


def test_raising_the_capacity_fills_places_from_the_waitlist_in_order(webinar, people, coordinator):
    fill(webinar, people[:6])
    webinar.capacity = 5
    webinar.save()

    promoted = fill_from_waitlist(webinar, actor=coordinator)

    assert [r.person for r in promoted] == people[3:5]
    assert Registration.objects.get(person=people[5]).status == Status.WAITLISTED
    assert AuditEntry.objects.filter(verb=Verb.PROMOTED, actor=coordinator).count() == 2
    webinar.capacity = None
    webinar.save()
    assert [r.person for r in fill_from_waitlist(webinar)] == [people[5]]
    assert fill_from_waitlist(webinar) == []


# Who may register, and when ---------------------------------------------------------------------------------


def test_only_a_signed_in_person_who_may_know_the_event_registers(kz_ngo, outsider, reader):
    from django.contrib.auth.models import AnonymousUser

    members_only = make_event([kz_ngo], audience=Audience.MEMBERS)
    for who in (AnonymousUser(), None, outsider):
        with pytest.raises(PermissionDenied):
            register(who, members_only)
    assert register(reader, members_only).status == Status.CONFIRMED


def test_a_secret_networks_event_is_for_its_members(secret_network, kg_owner, outsider, kg_ngo):
    event = make_event([], network=secret_network)
    with pytest.raises(PermissionDenied):
        register(outsider, event)
    assert register(kg_owner, event).status == Status.CONFIRMED


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": EventStatus.DRAFT}, "not published"),
        ({"status": EventStatus.CANCELLED}, "cancelled"),
        (
            {"registration_closes_at": timezone.now() - timedelta(minutes=1)},
            "Registration for this event is closed",
        ),
        ({"starts_at": timezone.now() - timedelta(minutes=1)}, "has begun"),
    ],
)
def test_registration_is_closed(kz_ngo, coordinator, fields, message):
    # The organizer may know even a draft; nobody registers for it.
    event = make_event([kz_ngo], **fields)
    with pytest.raises(ValidationError, match=message):
        register(coordinator, event)
    assert not Registration.objects.exists()


def test_registration_is_open_until_the_organizers_close_it(kz_ngo, reader):
    event = make_event([kz_ngo], registration_closes_at=timezone.now() + timedelta(minutes=5))
    assert register(reader, event).status == Status.CONFIRMED


# Answers ----------------------------------------------------------------------------------------------------


def test_the_answers_to_the_questions_asked_are_kept(kz_ngo, reader):
    event = make_event([kz_ngo], ask_dietary=True, ask_interpretation=True, ask_accessibility=True)

    registration = register(
        reader,
        event,
        organization=kz_ngo,
        dietary="  халяль  ",
        interpretation="ky",
        accessibility="Пандус у входа",
    )

    registration.refresh_from_db()
    assert (registration.dietary, registration.interpretation, registration.accessibility) == (
        "халяль",
        "ky",
        "Пандус у входа",
    )
    assert registration.organization == kz_ngo
    # Needs that may say something of a person's health stay out of the audit log.
    assert "халяль" not in str(AuditEntry.objects.get(verb=Verb.REGISTERED).new)


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"dietary": "вегетарианское"}, "dietary", "do not ask"),
        ({"interpretation": "fr"}, "interpretation", "languages offered"),
        ({"accessibility": "a" * 301}, "accessibility", "under 300"),
        ({"accessibility": "пандус\nи лифт"}, "accessibility", "one line"),
    ],
)
def test_answers_are_refused(kz_ngo, reader, answers, field, message):
    event = make_event([kz_ngo], ask_interpretation=True, ask_accessibility=True)
    with pytest.raises(ValidationError) as refused:
        register(reader, event, **answers)
    assert message in " ".join(refused.value.message_dict[field])
    assert not Registration.objects.exists()


def test_one_comes_only_from_an_organization_one_belongs_to(webinar, reader, kg_ngo):
    with pytest.raises(ValidationError) as refused:
        register(reader, webinar, organization=kg_ngo)
    assert "organization" in refused.value.message_dict


# Cancelling -------------------------------------------------------------------------------------------------


def test_only_the_person_or_the_organizers_cancel(webinar, people, outsider, reader, coordinator):
    registrations = fill(webinar, people[:2])
    for who in (outsider, reader, people[1]):
        with pytest.raises(PermissionDenied):
            cancel(who, registrations[0])

    cancel(coordinator, registrations[0])

    assert "Организаторы отменили" in notices_of(people[0])[-1].body
    assert AuditEntry.objects.get(verb=Verb.REGISTRATION_CANCELLED).new["by_organizers"] is True
    with pytest.raises(ValidationError, match="already cancelled"):
        cancel(people[0], registrations[0])


def test_a_registration_is_not_cancelled_once_the_event_began(kz_ngo, people):
    event = started([kz_ngo])
    registration = Registration.objects.create(
        event=event, person=people[0], status=Status.CONFIRMED, queued_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="has begun"):
        cancel(people[0], registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


# Attendance -------------------------------------------------------------------------------------------------


def confirmed(event, person, **fields):
    return Registration.objects.create(
        event=event, person=person, status=Status.CONFIRMED, queued_at=timezone.now(), **fields
    )


def test_organizers_mark_who_attended_once_the_event_began(kz_ngo, coordinator, people):
    event = started([kz_ngo])
    came, missed = confirmed(event, people[0]), confirmed(event, people[1])

    assert mark_attendance(coordinator, event, {came.pk: True, missed.pk: False}) == 2
    assert mark_attendance(coordinator, event, {came.pk: True, missed.pk: False}) == 0

    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.attended, missed.attended) == (True, False)
    [entry] = AuditEntry.objects.filter(verb=Verb.ATTENDANCE_MARKED)
    assert entry.new == {"attended": [came.pk], "absent": [missed.pk]}


def test_attendance_is_for_the_organizers_after_the_start_and_for_confirmed_participants(
    kz_ngo, coordinator, reader, people, webinar
):
    event = started([kz_ngo])
    registration = confirmed(event, people[0])
    waiting = Registration.objects.create(
        event=event, person=people[1], status=Status.WAITLISTED, queued_at=timezone.now()
    )
    with pytest.raises(PermissionDenied):
        mark_attendance(reader, event, {registration.pk: True})
    with pytest.raises(ValidationError, match="once the event has begun"):
        mark_attendance(coordinator, webinar, {})
    with pytest.raises(ValidationError, match="confirmed participants"):
        mark_attendance(coordinator, event, {waiting.pk: True})
    other = confirmed(started([kz_ngo]), people[2])
    with pytest.raises(ValidationError, match="confirmed participants"):
        mark_attendance(coordinator, event, {other.pk: True})
    assert not Registration.objects.filter(attended__isnull=False).exists()


def test_a_network_coordinator_manages_the_networks_event(network, coordinator, kg_owner, people):
    event = started([], network=network)
    registration = confirmed(event, people[0])
    with pytest.raises(PermissionDenied):
        mark_attendance(kg_owner, event, {registration.pk: True})
    assert mark_attendance(coordinator, event, {registration.pk: True}) == 1


def test_a_persons_registrations_are_in_their_data_export(kz_ngo, reader):
    from birge.events.registration.reads import registrations_export

    event = make_event([kz_ngo], ask_dietary=True)
    register(reader, event, organization=kz_ngo, dietary="халяль")

    [row] = registrations_export(reader)

    assert row["event"] == event.title and row["status"] == "confirmed"
    assert row["organization"] == kz_ngo.name and row["dietary"] == "халяль"
    assert registrations_export(make_user("nobody@example.org")) == []
