"""The registration pages take as many queries with many registrations as with few, for each role that opens
them: the participants' page for the organizers (the Kazakh organization's owner, who also coordinates the
organizing network, and the Kyrgyz organization's owner), one's own registrations for every signed-in role,
and a certificate's check page for anyone."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.events.catalog.models import Kind
from birge.events.conftest import make_event
from birge.events.registration.certificates import certificate_code_of
from birge.events.registration.models import Registration, Status
from conftest import make_user

_numbers = itertools.count()


@pytest.fixture
def user_of(request):
    return lambda role: None if role == "anonymous" else request.getfixturevalue(role)


def more_participants(event, count: int, *, organization=None) -> None:
    """`count` more people on `event`: each fourth waits, the others are confirmed with their answers."""
    for index in range(count):
        n = next(_numbers)
        person = make_user(f"guest{n}@example.org", display_name=f"Гость {n}")
        Registration.objects.create(
            event=event,
            person=person,
            organization=organization,
            status=Status.WAITLISTED if index % 4 == 3 else Status.CONFIRMED,
            queued_at=timezone.now(),
            dietary="халяль",
            interpretation="ky",
        )


@pytest.mark.parametrize("role", ["coordinator", "kg_owner"])
def test_the_participants_page(client, network, kz_ngo, kg_ngo, user_of, role):
    event = make_event([kz_ngo, kg_ngo], network=network, ask_dietary=True, ask_interpretation=True)
    client.force_login(user_of(role))
    url = f"/ru/events/{event.slug}/participants/"
    client.get(url)
    more_participants(event, 2, organization=kg_ngo)
    few = counted_get(client, url)
    more_participants(event, 20, organization=kz_ngo)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count("guest") == 22 and "Кыргызча" in page
    # The session and the user, the event with its network, its organizers, the person's organizations,
    # the registrations with their people and organizations, and the cancelled counted.
    assert_same_queries(few, many, at_most=7)


def registrations_of(person, kz_ngo, count: int) -> None:
    """`count` more events `person` registered for: upcoming ones, one waiting behind someone, and past
    trainings they attended with a certificate."""
    for index in range(count):
        if index % 3 == 2:
            start = timezone.now() - timedelta(days=10 + index)
            event = make_event(
                [kz_ngo],
                kind=Kind.TRAINING,
                certificates=True,
                starts_at=start,
                ends_at=start + timedelta(hours=3),
            )
            Registration.objects.create(
                event=event, person=person, status=Status.CONFIRMED, queued_at=timezone.now(), attended=True
            )
            continue
        event = make_event([kz_ngo], capacity=1)
        if index % 3 == 1:
            more_participants(event, 2)  # the place and someone waiting ahead
        Registration.objects.create(
            event=event,
            person=person,
            status=Status.WAITLISTED if index % 3 == 1 else Status.CONFIRMED,
            queued_at=timezone.now(),
        )


@pytest.mark.parametrize("role", ["coordinator", "kg_owner", "reader", "outsider"])
def test_my_registrations(client, kz_ngo, user_of, role):
    person = user_of(role)
    client.force_login(person)
    url = "/ru/events/mine/"
    client.get(url)
    registrations_of(person, kz_ngo, 3)
    few = counted_get(client, url)
    registrations_of(person, kz_ngo, 15)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count("certificate.pdf") == 6 and page.count("<li><h3>") == 18
    # The session and the user, and the registrations with their events and places on the waitlists.
    assert_same_queries(few, many, at_most=3)


@pytest.mark.parametrize("role", ["anonymous", "outsider", "reader", "coordinator"])
def test_a_certificates_check_page(client, kz_ngo, user_of, role):
    start = timezone.now() - timedelta(days=5)
    event = make_event([kz_ngo], kind=Kind.TRAINING, certificates=True, starts_at=start)
    holder = make_user("holder@example.org", display_name="Айгуль")
    registration = Registration.objects.create(
        event=event, person=holder, status=Status.CONFIRMED, queued_at=timezone.now(), attended=True
    )
    code = certificate_code_of(registration)
    if user_of(role) is not None:
        client.force_login(user_of(role))
    url = f"/ru/events/certificates/{code}/"
    client.get(url)
    more_participants(event, 2)
    few = counted_get(client, url)
    more_participants(event, 20)
    for other in Registration.objects.filter(event=event).exclude(pk=registration.pk):
        other.attended = True
        other.save()
        certificate_code_of(other)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    assert "Айгуль" in many.response.content.decode()
    # The session and the user (when signed in), and the registration with its event and person.
    assert_same_queries(few, many, at_most=3)
