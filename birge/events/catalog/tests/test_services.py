"""Creating, changing, publishing and cancelling an event, and its follow-up: who may, what is checked,
what the audit log keeps, and who is told."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from birge.core.models import ActivityScope, ThematicArea
from birge.core.models import Event as AuditEvent
from birge.core.notifications.models import Notification
from birge.events.catalog.models import Format, Status
from birge.events.catalog.services import (
    event_cancel,
    event_create,
    event_publish,
    event_update,
    follow_up_write,
)
from birge.events.catalog.tests.helpers import register, values
from birge.events.conftest import make_event
from birge.events.events import Verb
from birge.events.registration.models import Status as RegistrationStatus

pytestmark = pytest.mark.usefixtures("in_english")


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    return error.value.message_dict


# Creating ---------------------------------------------------------------------------------------------------


def test_an_owner_creates_a_draft_for_their_organization(coordinator, kz_ngo):
    event = event_create(coordinator, organizers=[kz_ngo], **values())

    assert event.status == Status.DRAFT and event.published_at is None
    assert event.slug == "trening-po-advokatsii"
    assert list(event.organizers.all()) == [kz_ngo]
    assert (event.created_by, event.city, event.languages) == (coordinator, "Алматы", ["ru", "kk"])
    entry = AuditEvent.objects.get(verb=Verb.CREATED)
    assert (entry.actor, entry.target_id, entry.new["organizers"]) == (
        coordinator,
        str(event.pk),
        [kz_ngo.pk],
    )
    # A second event of the same title gets an address of its own.
    assert event_create(coordinator, organizers=[kz_ngo], **values()).slug == "trening-po-advokatsii-2"


def test_a_coordinator_creates_an_event_of_the_network_alone(coordinator, network):
    event = event_create(
        coordinator,
        network=network,
        **values(format=Format.ONLINE, venue="", city="", online_url="https://meet.example.org/x"),
    )
    assert event.network == network and not event.organizers.exists()


@pytest.mark.parametrize("who", ["reader", "outsider", "kg_owner"])
def test_only_those_who_speak_for_an_organization_name_it_as_organizer(request, kz_ngo, who):
    with pytest.raises(PermissionDenied):
        event_create(request.getfixturevalue(who), organizers=[kz_ngo], **values())


def test_every_named_organization_must_be_spoken_for(coordinator, kz_ngo, kg_ngo):
    with pytest.raises(PermissionDenied):
        event_create(coordinator, organizers=[kz_ngo, kg_ngo], **values())


def test_a_network_is_named_by_its_coordinators_only(kg_owner, kg_ngo, network):
    with pytest.raises(PermissionDenied):
        event_create(kg_owner, organizers=[kg_ngo], network=network, **values())


def test_an_event_needs_an_organizer(coordinator, reference):
    with pytest.raises(ValidationError) as error:
        event_create(coordinator, **values())
    assert messages_of(error) == {
        "organizers": ["Name an organizer: an organization you speak for, or a network you coordinate."]
    }


def test_an_unpublished_organization_organizes_nothing(coordinator, kz_ngo):
    kz_ngo.published_at = None
    kz_ngo.save()
    with pytest.raises(ValidationError) as error:
        event_create(coordinator, organizers=[kz_ngo], **values())
    assert messages_of(error) == {
        "organizers": ["Publish the organization's profile before it organizes an event."]
    }


def test_a_secret_networks_event_has_an_address_that_says_nothing(kg_owner, secret_network):
    event = event_create(kg_owner, network=secret_network, **values())
    assert event.slug.startswith("e-") and "trening" not in event.slug


def _later(days: int = 21, hours: int = 0):
    return (timezone.now() + timedelta(days=days, hours=hours)).replace(microsecond=0)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Give the event a title."),
        ({"title": "Тренинг\nпо адвокации"}, "title", "Write this on one line: remove the line break."),
        (
            {"description": "Текст\x00"},
            "description",
            "Remove the control character U+0000: it cannot be stored or shown.",
        ),
        ({"starts_at": None}, "starts_at", "Give the date and time the event starts."),
        ({"ends_at": _later(20)}, "ends_at", "The event must end after it starts."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose the time zone of the event from the list."),
        ({"venue": ""}, "venue", "Say where the event takes place: an event in person needs a venue."),
        ({"format": Format.HYBRID}, "online_url", "Give the link to join: an online event needs one."),
        (
            {"format": Format.ONLINE, "venue": "", "online_url": "http://meet.example.org/room"},
            "online_url",
            "Give a link that starts with https://.",
        ),
        ({"capacity": 0}, "capacity", "Give at least one place, or leave the number empty for no limit."),
        ({"languages": ["ru", "fr"]}, "languages", "Choose the working languages from the list."),
        (
            {"registration_closes_at": _later(22)},
            "registration_closes_at",
            "Registration must close before the event ends.",
        ),
        ({"kind": "party"}, "kind", "Choose a kind of event."),
    ],
)
def test_each_check_says_what_is_wrong(coordinator, kz_ngo, changes, field, message):
    with pytest.raises(ValidationError) as error:
        event_create(coordinator, organizers=[kz_ngo], **values(**changes))
    assert messages_of(error) == {field: [message]}


def test_an_online_event_needs_no_venue_and_an_in_person_one_no_link(coordinator, kz_ngo):
    online = event_create(
        coordinator,
        organizers=[kz_ngo],
        **values(format=Format.ONLINE, venue="", online_url="https://meet.example.org/room"),
    )
    in_person = event_create(coordinator, organizers=[kz_ngo], **values(capacity=25))
    assert online.online_url and in_person.capacity == 25


# Publishing -----------------------------------------------------------------------------------------------


def test_publishing_announces_the_draft_and_indexes_it_for_the_feeds(coordinator, kz_ngo, network):
    event = event_create(coordinator, organizers=[kz_ngo], network=network, **values())

    event_publish(coordinator, event)

    event.refresh_from_db()
    assert event.status == Status.PUBLISHED and event.published_at is not None
    assert event.sequence == 1
    entry = AuditEvent.objects.get(verb=Verb.PUBLISHED)
    assert entry.old == {"status": "draft"} and entry.new["status"] == "published"
    keys = set(ActivityScope.objects.filter(event=entry).values_list("key", flat=True))
    assert keys == {f"orgs.organization:{kz_ngo.pk}", f"networks.network:{network.pk}"}


def test_an_event_starting_in_the_past_is_not_published(coordinator, kz_ngo):
    event = event_create(coordinator, organizers=[kz_ngo], **values(starts_at=_later(-1)))
    with pytest.raises(ValidationError) as error:
        event_publish(coordinator, event)
    assert messages_of(error) == {"starts_at": ["The event cannot start in the past: give a later date."]}
    event.refresh_from_db()
    assert event.status == Status.DRAFT


def test_a_published_event_is_not_published_again(coordinator, webinar):
    with pytest.raises(ValidationError) as error:
        event_publish(coordinator, webinar)
    assert error.value.messages == ["Only a draft can be published."]


@pytest.mark.parametrize("who", ["reader", "outsider", "kg_owner"])
def test_only_organizers_publish_change_and_cancel(request, coordinator, kz_ngo, webinar, who):
    draft = event_create(coordinator, organizers=[kz_ngo], **values())
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        event_publish(person, draft)
    with pytest.raises(PermissionDenied):
        event_update(person, webinar, title="Чужое")
    with pytest.raises(PermissionDenied):
        event_cancel(person, webinar, "Нет")
    with pytest.raises(PermissionDenied):
        follow_up_write(person, webinar, "Итоги")


def test_a_network_coordinator_manages_the_networks_event(coordinator, kg_ngo, kg_owner, network):
    event = make_event([kg_ngo], network=network, status=Status.DRAFT)
    event_publish(coordinator, event)
    assert event.status == Status.PUBLISHED


# Changing -------------------------------------------------------------------------------------------------


@pytest.fixture
def registrants(webinar):
    return {
        status: register(webinar, status, f"{status}@example.org")
        for status in (
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITLISTED,
            RegistrationStatus.CANCELLED,
        )
    }


def test_a_new_date_is_told_to_those_holding_or_awaiting_a_place(coordinator, webinar, registrants):
    start = timezone.now().replace(microsecond=0) + timedelta(days=30)

    event_update(coordinator, webinar, starts_at=start, ends_at=start + timedelta(hours=1))

    webinar.refresh_from_db()
    assert webinar.starts_at == start and webinar.sequence == 1
    entry = AuditEvent.objects.get(verb=Verb.CHANGED)
    assert set(entry.new) == {"starts_at", "ends_at"} and entry.new["starts_at"] == start.isoformat()
    notices = Notification.objects.filter(kind="events.registration")
    told = {notice.recipient for notice in notices}
    assert told == {registrants["confirmed"].person, registrants["waitlisted"].person}
    notice = notices.first()
    local = timezone.localtime(start, timezone.get_fixed_timezone(5 * 60))
    assert webinar.title in notice.title and webinar.title in notice.body
    assert local.strftime("%H:%M") in notice.body
    assert notice.url == f"/ru/events/{webinar.slug}/" and notice.event == entry
    assert webinar.online_url not in notice.body


def test_a_new_link_is_told_without_the_link(coordinator, webinar, registrants):
    event_update(coordinator, webinar, online_url="https://meet.example.org/new-room")
    notice = Notification.objects.filter(kind="events.registration").first()
    assert "new-room" not in notice.body and "Ссылка для подключения изменилась" in notice.body


def test_a_change_of_words_is_nobodys_news(coordinator, webinar, registrants):
    event_update(coordinator, webinar, description="Новая **программа**.")

    webinar.refresh_from_db()
    assert webinar.sequence == 0
    assert not Notification.objects.exists()
    entry = AuditEvent.objects.get(verb=Verb.CHANGED)
    assert entry.old == {"description": "**Программа**: права трудовых мигрантов."}


def test_more_places_go_to_the_waitlist_in_turn_and_only_those_given_one_are_told(
    coordinator, webinar, registrants
):
    event_update(coordinator, webinar, capacity=40)

    webinar.refresh_from_db()
    waiting = registrants[RegistrationStatus.WAITLISTED]
    waiting.refresh_from_db()
    assert (webinar.capacity, webinar.sequence, waiting.status) == (40, 0, RegistrationStatus.CONFIRMED)
    assert [notice.recipient for notice in Notification.objects.all()] == [waiting.person]


def test_a_new_date_is_reminded_again(coordinator, webinar):
    webinar.reminded_at = timezone.now()
    webinar.save(update_fields=["reminded_at"])
    start = webinar.starts_at + timedelta(days=2)

    event_update(coordinator, webinar, starts_at=start, ends_at=start + timedelta(hours=2))

    webinar.refresh_from_db()
    assert webinar.reminded_at is None


def test_themes_are_recorded_and_an_unchanged_form_records_nothing(coordinator, webinar, reference):
    before = sorted(theme.slug for theme in webinar.themes.all())
    theme = ThematicArea.objects.exclude(slug__in=before).first()

    event_update(coordinator, webinar, themes=list(webinar.themes.all()), title=webinar.title)
    assert not AuditEvent.objects.filter(verb=Verb.CHANGED).exists()
    event_update(coordinator, webinar, themes=[theme])

    entry = AuditEvent.objects.get(verb=Verb.CHANGED)
    assert entry.old == {"themes": before} and entry.new == {"themes": [theme.slug]}
    assert list(webinar.themes.all()) == [theme]


def test_a_published_event_is_not_moved_into_the_past(coordinator, webinar):
    with pytest.raises(ValidationError) as error:
        event_update(coordinator, webinar, starts_at=_later(-2), ends_at=_later(-2, 2))
    assert "starts_at" in messages_of(error)


def test_a_change_is_checked_like_a_new_event(coordinator, webinar):
    with pytest.raises(ValidationError) as error:
        event_update(coordinator, webinar, online_url="")
    assert messages_of(error) == {"online_url": ["Give the link to join: an online event needs one."]}


# Cancelling -----------------------------------------------------------------------------------------------


def test_cancelling_tells_everyone_registered_why(coordinator, webinar, registrants):
    event_cancel(coordinator, webinar, "Спикер заболел.")

    webinar.refresh_from_db()
    assert webinar.status == Status.CANCELLED and webinar.sequence == 1
    entry = AuditEvent.objects.get(verb=Verb.CANCELLED)
    assert entry.new == {"status": "cancelled", "reason": "Спикер заболел."}
    notices = Notification.objects.filter(kind="events.registration")
    assert {notice.recipient.email for notice in notices} == {
        "confirmed@example.org",
        "waitlisted@example.org",
    }
    assert all("Спикер заболел." in notice.body for notice in notices)


def test_a_cancellation_needs_a_reason(coordinator, webinar):
    with pytest.raises(ValidationError) as error:
        event_cancel(coordinator, webinar, "  ")
    assert messages_of(error) == {
        "reason": ["Say why the event is cancelled: those who registered are told."]
    }


def test_a_draft_or_a_past_event_is_not_cancelled(coordinator, kz_ngo):
    draft = make_event([kz_ngo], status=Status.DRAFT)
    over = make_event([kz_ngo], starts_at=timezone.now() - timedelta(days=3))
    with pytest.raises(ValidationError, match="Only a published event can be cancelled."):
        event_cancel(coordinator, draft, "Нет")
    with pytest.raises(ValidationError, match="The event is over"):
        event_cancel(coordinator, over, "Нет")


def test_a_cancelled_event_is_not_changed(coordinator, webinar):
    event_cancel(coordinator, webinar, "Спикер заболел.")
    with pytest.raises(ValidationError, match="A cancelled event cannot be changed."):
        event_update(coordinator, webinar, title="Снова")


# Follow-up ------------------------------------------------------------------------------------------------


def test_the_follow_up_is_written_once_the_event_has_begun(coordinator, kz_ngo, webinar):
    with pytest.raises(ValidationError, match="once the event has begun"):
        follow_up_write(coordinator, webinar, "Итоги")
    held = make_event([kz_ngo], starts_at=timezone.now() - timedelta(days=2))

    follow_up_write(coordinator, held, "  Приняли **резолюцию**.  ")

    held.refresh_from_db()
    assert held.follow_up == "Приняли **резолюцию**."
    entry = AuditEvent.objects.get(verb=Verb.FOLLOW_UP_WRITTEN)
    assert entry.target_id == str(held.pk) and entry.new["length"] == len(held.follow_up)
    assert ActivityScope.objects.filter(event=entry, key=f"orgs.organization:{kz_ngo.pk}").exists()
