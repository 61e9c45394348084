"""The registration pages: the panel of an event's page, registering (with its questions and refusals),
cancelling, one's own registrations, and the participants' page with attendance, for its organizers only."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from birge.core.testing import assert_within_budget
from birge.events.catalog.models import Audience, Kind
from birge.events.conftest import make_event
from birge.events.registration.models import Registration, Status
from birge.events.registration.services import register
from conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def url(event, name=""):
    return f"/en/events/{event.slug}/{name}"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def panel_html(event, user=None) -> str:
    """The event's page, where the panel shows, as `user` (or a visitor) reads it."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url(event)).content.decode()


@pytest.fixture
def people(db):
    return [make_user(f"p{n}@example.org", display_name=f"Person {n}") for n in range(4)]


def past_training(organizers, **fields):
    start = timezone.now() - timedelta(days=3)
    values = {
        "kind": Kind.TRAINING,
        "certificates": True,
        "starts_at": start,
        "ends_at": start + timedelta(days=1),
    }
    return make_event(organizers, **(values | fields))


def confirmed(event, person, **fields):
    return Registration.objects.create(
        event=event, person=person, status=Status.CONFIRMED, queued_at=timezone.now(), **fields
    )


# The panel --------------------------------------------------------------------------------------------------


def test_a_visitor_is_asked_to_log_in_and_sees_the_places_left(webinar):
    html = panel_html(webinar)
    assert "3 places left" in html
    assert "/accounts/login/?next=" in html and 'name="csrfmiddlewaretoken"' not in html
    assert webinar.online_url not in html


def test_a_signed_in_person_gets_the_form_with_the_questions_asked(kz_ngo, reader):
    event = make_event([kz_ngo], ask_dietary=True)
    html = panel_html(event, reader)
    assert f'action="{url(event, "register/")}"' in html
    assert 'name="dietary"' in html and 'name="accessibility"' not in html
    # The reader belongs to the Kazakh organization: they may say they come from it.
    assert 'name="organization"' in html and kz_ngo.name in html
    assert ">Register</button>" in html


def test_a_confirmed_participant_sees_the_link_to_join_and_may_cancel(webinar, reader):
    register(reader, webinar)
    html = panel_html(webinar, reader)
    assert "your place is confirmed" in html and webinar.online_url in html
    assert url(webinar, "register/cancel/") in html and "Cancel my registration" in html
    assert 'name="dietary"' not in html and "2 places left" in html


def test_when_the_places_are_taken_one_joins_the_waitlist_and_sees_ones_number(webinar, people, reader):
    for person in people[:4]:
        register(person, webinar)
    assert "All places are taken." in panel_html(webinar, reader)
    assert "Join the waitlist</button>" in panel_html(webinar, reader)
    html = panel_html(webinar, people[3])
    assert "You are on the waitlist: number 1." in html and "Leave the waitlist" in html
    assert webinar.online_url not in html


def test_the_organizers_see_the_counts_the_link_and_the_participants_page(webinar, people, coordinator):
    for person in people:
        register(person, webinar)
    html = panel_html(webinar, coordinator)
    assert "Confirmed: 3. On the waitlist: 1." in html
    assert url(webinar, "participants/") in html and webinar.online_url in html
    # Nobody else's name is on the event's page.
    assert all(person.display_name not in html for person in people)


def test_a_closed_registration_says_why(kz_ngo, reader):
    event = make_event([kz_ngo], registration_closes_at=timezone.now() - timedelta(hours=1))
    html = panel_html(event, reader)
    assert "Registration for this event is closed." in html and url(event, "register/") not in html


def test_the_certificate_link_is_for_an_attended_training(kz_ngo, reader):
    event = past_training([kz_ngo])
    registration = confirmed(event, reader)
    assert "certificate.pdf" not in panel_html(event, reader)
    registration.attended = True
    registration.save()
    assert url(event, "certificate.pdf") in panel_html(event, reader)


# Registering ------------------------------------------------------------------------------------------------


def test_registering_confirms_a_place_and_returns_to_the_event(client, kz_ngo, reader):
    event = make_event([kz_ngo], ask_interpretation=True, capacity=2)
    client.force_login(reader)
    response = client.get(url(event, "register/"))
    assert_within_budget(response)
    assert 'name="interpretation"' in response.content.decode()

    response = client.post(url(event, "register/"), {"organization": kz_ngo.pk, "interpretation": "kk"})

    assert response.status_code == 302 and response["Location"] == url(event)
    registration = Registration.objects.get(event=event, person=reader)
    assert (registration.status, registration.organization, registration.interpretation) == (
        Status.CONFIRMED,
        kz_ngo,
        "kk",
    )
    assert messages_of(response) == ["You are registered: your place is confirmed."]


def test_refused_answers_come_back_with_what_was_typed(client, kz_ngo, reader, kg_ngo):
    event = make_event([kz_ngo], ask_dietary=True, ask_accessibility=True)
    client.force_login(reader)
    response = client.post(
        url(event, "register/"),
        {"dietary": "без глютена", "accessibility": "пандус\u202eи лифт", "organization": kg_ngo.pk},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Remove the invisible or control character U+202E" in page
    assert 'value="без глютена"' in page
    assert "Select a valid choice" in page  # an organization the reader does not belong to
    assert not Registration.objects.exists()


def test_a_full_event_puts_the_person_on_the_waitlist(client, webinar, people, reader):
    for person in people[:3]:
        register(person, webinar)
    client.force_login(reader)
    assert "you will be put on the waitlist" in client.get(url(webinar, "register/")).content.decode()
    response = client.post(url(webinar, "register/"))
    assert messages_of(response) == ["All places are taken: you are on the waitlist, number 1."]


def test_registering_after_registration_closed_is_refused_on_the_page(client, kz_ngo, reader):
    event = make_event([kz_ngo], registration_closes_at=timezone.now() - timedelta(minutes=1))
    client.force_login(reader)
    assert "Registration for this event is closed." in client.get(url(event, "register/")).content.decode()
    response = client.post(url(event, "register/"))
    assert (
        response.status_code == 200 and "Registration for this event is closed." in response.content.decode()
    )
    assert not Registration.objects.exists()


def test_a_cancelled_event_says_so_and_a_draft_is_refused(client, kz_ngo, coordinator):
    from birge.events.catalog.models import Status as EventStatus

    client.force_login(coordinator)
    cancelled = make_event([kz_ngo], status=EventStatus.CANCELLED)
    assert "The event is cancelled." in client.get(url(cancelled, "register/")).content.decode()
    assert client.post(url(cancelled, "register/")).status_code == 200
    draft = make_event([kz_ngo], status=EventStatus.DRAFT)
    assert client.get(url(draft, "register/")).status_code == 403
    assert not Registration.objects.exists()


def test_one_registered_already_is_sent_back_to_the_event(client, webinar, reader):
    register(reader, webinar)
    client.force_login(reader)
    response = client.post(url(webinar, "register/"))
    assert response.status_code == 302 and Registration.objects.count() == 1


def test_who_may_not_register(client, kz_ngo, outsider):
    members_only = make_event([kz_ngo], audience=Audience.MEMBERS)
    response = client.get(url(members_only, "register/"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(outsider)
    assert client.post(url(members_only, "register/")).status_code == 404
    assert client.get("/en/events/no-such-event/register/").status_code == 404
    assert not Registration.objects.exists()


# Cancelling -------------------------------------------------------------------------------------------------


def test_a_person_cancels_their_registration_and_the_first_waiting_gets_it(client, webinar, people):
    for person in people:
        register(person, webinar)
    client.force_login(people[0])
    assert client.get(url(webinar, "register/cancel/")).status_code == 405

    response = client.post(url(webinar, "register/cancel/"))

    assert response["Location"] == url(webinar)
    assert Registration.objects.get(person=people[0]).status == Status.CANCELLED
    assert Registration.objects.get(person=people[3]).status == Status.CONFIRMED


def test_an_organizer_cancels_someones_registration_from_the_participants_page(
    client, webinar, people, coordinator, reader
):
    registration = register(people[0], webinar)
    client.force_login(reader)
    assert client.post(url(webinar, "register/cancel/"), {"registration": registration.pk}).status_code == 403

    client.force_login(coordinator)
    response = client.post(url(webinar, "register/cancel/"), {"registration": registration.pk})

    assert response["Location"] == url(webinar, "participants/")
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_cancelling_without_a_registration_is_not_found(client, webinar, reader):
    client.force_login(reader)
    assert client.post(url(webinar, "register/cancel/")).status_code == 404


# One's own registrations ------------------------------------------------------------------------------------


def test_my_registrations_upcoming_and_past_with_status_place_and_certificate(
    client, kz_ngo, webinar, people
):
    for person in people:
        register(person, webinar)
    training = past_training([kz_ngo], title="Тренинг по отчётности")
    confirmed(training, people[3], attended=True)
    client.force_login(people[3])

    response = client.get("/en/events/mine/")

    assert_within_budget(response)
    page = response.content.decode()
    upcoming, past = page.split("<h2>Past</h2>")
    assert webinar.title in upcoming and "number 1 on the waitlist" in upcoming
    assert training.title in past and "attended" in past and url(training, "certificate.pdf") in past
    assert "Person 0" not in page


def test_my_registrations_need_signing_in(client):
    response = client.get("/en/events/mine/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# Participants and attendance --------------------------------------------------------------------------------


def test_the_organizers_see_the_participants_with_their_answers(client, kz_ngo, coordinator, people):
    event = make_event([kz_ngo], capacity=1, ask_accessibility=True)
    register(people[0], event, accessibility="Нужен пандус")
    register(people[1], event)
    register(people[2], event)
    from birge.events.registration.services import cancel

    cancel(people[2], Registration.objects.get(person=people[2]))
    client.force_login(coordinator)

    response = client.get(url(event, "participants/"))

    assert_within_budget(response)
    page = response.content.decode()
    assert "Confirmed: 1. On the waitlist: 1. Cancelled: 1." in page
    confirmed_part, waitlist = page.split("<h2>Waitlist</h2>")
    assert (
        "Person 0" in confirmed_part
        and people[0].email in confirmed_part
        and "Нужен пандус" in confirmed_part
    )
    assert "Person 1" in waitlist and "Person 2" not in page
    assert "?format=csv" in page and "?format=xlsx" in page
    # Before the start: buttons to cancel, no attendance yet.
    assert 'name="attended"' not in page and 'name="registration"' in page


def test_only_the_organizers_open_the_participants_page(client, kz_ngo, webinar, reader, outsider):
    members_only = make_event([kz_ngo], audience=Audience.MEMBERS)
    response = client.get(url(webinar, "participants/"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(reader)
    assert client.get(url(webinar, "participants/")).status_code == 403
    client.force_login(outsider)
    assert client.get(url(webinar, "participants/")).status_code == 403
    assert client.get(url(members_only, "participants/")).status_code == 404


def test_the_organizers_mark_attendance_with_checkboxes(client, kz_ngo, coordinator, people):
    event = past_training([kz_ngo])
    came, missed = confirmed(event, people[0]), confirmed(event, people[1])
    client.force_login(coordinator)
    page = client.get(url(event, "participants/")).content.decode()
    assert f'name="attended" value="{came.pk}"' in page and 'name="marked"' in page

    response = client.post(
        url(event, "participants/"), {"marked": [came.pk, missed.pk], "attended": [came.pk]}
    )

    assert response["Location"] == url(event, "participants/")
    assert messages_of(response) == ["Attendance is saved (2 changed)."]
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.attended, missed.attended) == (True, False)
    assert (
        f'value="{came.pk}" id="attended-{came.pk}" checked'
        in client.get(url(event, "participants/")).content.decode()
    )


def test_attendance_of_someone_else_is_refused(client, kz_ngo, coordinator, people, reader):
    event = past_training([kz_ngo])
    other = confirmed(past_training([kz_ngo]), people[0])
    client.force_login(coordinator)
    response = client.post(url(event, "participants/"), {"marked": [other.pk, "x"], "attended": [other.pk]})
    assert messages_of(response) == [
        "Attendance is marked only for the confirmed participants of this event."
    ]
    other.refresh_from_db()
    assert other.attended is None
    client.force_login(reader)
    assert client.post(url(event, "participants/"), {"marked": [other.pk]}).status_code == 403
