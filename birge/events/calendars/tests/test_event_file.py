"""One event's calendar file: what it says of the event, and who gets the link to join."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from birge.events.calendars.ics import site_domain
from birge.events.calendars.tests.helpers import parsed, register
from birge.events.catalog.models import Audience, Format, Status
from birge.events.conftest import make_event
from birge.events.registration.models import Status as RegistrationStatus

ONLINE = "https://meet.example.org/room-42"


def url(event) -> str:
    return f"/ru/events/{event.slug}/event.ics"


@pytest.mark.django_db
def test_the_file_carries_the_events_own_zone_sequence_and_status(client, webinar):
    starts = dt.datetime(2031, 3, 14, 4, 30, tzinfo=dt.UTC)
    webinar.starts_at, webinar.ends_at = starts, starts + dt.timedelta(hours=3)
    webinar.time_zone, webinar.sequence = "Asia/Bishkek", 3
    webinar.format, webinar.venue, webinar.city = Format.HYBRID, "Дом прессы,\nзал 2", "Бишкек"
    webinar.save()

    response = client.get(url(webinar))
    calendar = parsed(response)

    assert response["Content-Disposition"] == f'attachment; filename="{webinar.slug}.ics"'
    [event] = calendar.events
    assert event["DTSTART"].params["TZID"] == "Asia/Bishkek"
    # 04:30 UTC is 10:30 in Bishkek (UTC+6), and the file says so in the event's own zone.
    assert event.start == starts and event.start.tzinfo == ZoneInfo("Asia/Bishkek")
    assert (event.start.hour, event.start.minute) == (10, 30)
    assert event.end == starts + dt.timedelta(hours=3)
    assert [zone.tz_name for zone in calendar.timezones] == ["Asia/Bishkek"]
    assert event.sequence == 3
    assert event.status == "CONFIRMED"
    assert str(event["UID"]) == f"event-{webinar.pk}@{site_domain()}"
    assert str(event.summary) == webinar.title
    assert str(event.location).startswith("Дом прессы, зал 2, Бишкек")
    page = f"/ru/events/{webinar.slug}/"
    assert str(event["URL"]).endswith(page)
    description = str(event.description)
    assert "Программа: права трудовых мигрантов." in description and "**" not in description
    assert page in description and "Миграция и право" in description
    assert calendar.calendar_name is None  # a file, not a feed


@pytest.mark.django_db
def test_a_cancelled_event_says_so_and_its_uid_stays(client, webinar):
    first = parsed(client.get(url(webinar))).events[0]
    webinar.status, webinar.sequence = Status.CANCELLED, 1
    webinar.save()

    event = parsed(client.get(url(webinar))).events[0]

    assert event.status == "CANCELLED"
    assert event.sequence == 1
    assert str(event["UID"]) == str(first["UID"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who, registration, sees",
    [
        ("anonymous", None, False),
        ("outsider", None, False),
        ("outsider", RegistrationStatus.WAITLISTED, False),
        ("outsider", RegistrationStatus.CANCELLED, False),
        ("outsider", RegistrationStatus.CONFIRMED, True),
        ("reader", None, False),  # belongs to the organizer but does not speak for it
        ("coordinator", None, True),  # speaks for the organizing organization
    ],
)
def test_the_link_to_join_only_for_a_confirmed_participant_or_an_organizer(
    client, request, webinar, who, registration, sees
):
    if who != "anonymous":
        person = request.getfixturevalue(who)
        client.force_login(person)
        if registration:
            register(webinar, person, registration)

    response = client.get(url(webinar))
    event = parsed(response).events[0]

    assert (ONLINE in response.content.decode()) is sees
    assert (ONLINE in str(event.description)) is sees
    assert ([str(conference.uri) for conference in event.conferences] == [ONLINE]) is sees


@pytest.mark.django_db
def test_a_network_coordinator_gets_the_link_of_the_networks_event(client, network, coordinator):
    event = make_event([], network=network)
    client.force_login(coordinator)
    assert ONLINE in client.get(url(event)).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "outsider", "tj_owner", "coordinator"])
def test_an_event_of_a_secret_network_does_not_exist_for_outsiders(
    client, request, secret_network, kg_ngo, who
):
    event = make_event([kg_ngo], network=secret_network)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(url(event)).status_code == 404


@pytest.mark.django_db
def test_a_member_of_the_secret_network_gets_its_event(client, secret_network, kg_ngo, kg_owner):
    event = make_event([kg_ngo], network=secret_network, title="Тайная встреча")
    client.force_login(kg_owner)
    assert str(parsed(client.get(url(event))).events[0].summary) == "Тайная встреча"


@pytest.mark.django_db
def test_an_event_for_members_is_not_given_to_others(client, kz_ngo, reader, outsider):
    event = make_event([kz_ngo], audience=Audience.MEMBERS)
    assert client.get(url(event)).status_code == 404
    client.force_login(outsider)
    assert client.get(url(event)).status_code == 404
    client.force_login(reader)
    assert client.get(url(event)).status_code == 200


@pytest.mark.django_db
def test_a_draft_only_for_its_organizers_and_tentative(client, kz_ngo, coordinator, reader):
    event = make_event([kz_ngo], status=Status.DRAFT, published_at=None)
    assert client.get(url(event)).status_code == 404
    client.force_login(reader)
    assert client.get(url(event)).status_code == 404
    client.force_login(coordinator)
    assert parsed(client.get(url(event))).events[0].status == "TENTATIVE"


@pytest.mark.django_db
def test_the_file_answers_not_modified_while_the_event_is_unchanged(client, webinar):
    first = client.get(url(webinar))
    again = client.get(url(webinar), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304

    webinar.title = "Новое название"
    webinar.sequence = 1
    webinar.updated_at = timezone.now()
    webinar.save()
    changed = client.get(url(webinar), headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and "Новое название" in changed.content.decode()


@pytest.mark.django_db
def test_only_reading_is_allowed(client, webinar):
    assert client.post(url(webinar)).status_code == 405
