"""The list of events and an event's page take as many queries for many events, organizers and
registrations as for few, for each role that opens them: a visitor, an outsider, a member of the
organizing organization (the reader) and an organizer (the coordinator)."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from birge.core.models import Country, ThematicArea
from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.events.catalog.models import Format, Status
from birge.events.catalog.tests.helpers import register
from birge.events.conftest import make_event
from birge.events.registration.models import Status as RegistrationStatus
from birge.networks.conftest import organization_in
from conftest import make_user

pytestmark = pytest.mark.django_db

# The most queries each page may take, by role (today's counts; lower them as the pages get cheaper).
LIST = {"anonymous": 3, "outsider": 7, "reader": 7, "coordinator": 7}
PAGE = {"anonymous": 5, "outsider": 11, "reader": 11, "coordinator": 10}
_numbers = itertools.count()


@pytest.fixture
def people(coordinator, reader, outsider, outsider_ngo):
    return {"anonymous": None, "outsider": outsider, "reader": reader, "coordinator": coordinator}


def more_events(count: int, *, kz_ngo, kg_ngo, network, secret_network) -> None:
    """`count` events of every sort: the Kazakh organization's (some drafts, some for members), the
    public network's with two organizers, and the secret network's nobody looking belongs to."""
    themes = list(ThematicArea.objects.filter(parent__isnull=True)[:2])
    countries = list(Country.objects.filter(is_home=True))
    for _ in range(count):
        n = next(_numbers)
        sort = n % 4
        event = make_event(
            [kz_ngo, kg_ngo] if sort == 1 else [kz_ngo if sort != 3 else kg_ngo],
            title=f"Событие {n}",
            network={1: network, 3: secret_network}.get(sort),
            status=Status.DRAFT if n % 5 == 0 else Status.PUBLISHED,
            audience="members" if n % 7 == 0 else "anyone",
            format=(Format.ONLINE, Format.OFFLINE, Format.HYBRID)[n % 3],
            country=countries[n % len(countries)],
            city="Алматы",
            venue="ул. Абая 1",
            starts_at=timezone.now() + timedelta(days=1 + n),
        )
        event.themes.set(themes)


def grow_event(event, count: int) -> None:
    """`count` more organizers and registrations of every status."""
    statuses = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED)
    for _ in range(count):
        n = next(_numbers)
        organization = organization_in(
            "TJ", make_user(f"org{n}@example.org"), name=f"Орг {n}", name_ru=f"Орг {n}"
        )
        event.organizers.add(organization)
        register(event, statuses[n % 3], f"person{n}@example.org")


@pytest.fixture
def grow(kz_ngo, kg_ngo, network, secret_network):
    return lambda count: more_events(
        count, kz_ngo=kz_ngo, kg_ngo=kg_ngo, network=network, secret_network=secret_network
    )


@pytest.mark.parametrize("role", LIST)
def test_the_list_takes_as_many_queries_for_many_events(client, webinar, people, grow, role):
    if people[role]:
        client.force_login(people[role])
    client.get("/en/events/")  # the reference choices are cached from the first request on
    grow(2)
    few = counted_get(client, "/en/events/")
    grow(16)
    many = counted_get(client, "/en/events/")

    assert_within_budget(many.response)
    html = many.response.content.decode()
    assert webinar.title in html and ('badge">draft' in html) is (role == "coordinator")
    assert_same_queries(few, many, at_most=LIST[role])


@pytest.mark.parametrize("role", PAGE)
def test_the_event_page_takes_as_many_queries_for_many_organizers_and_registrations(
    client, kz_ngo, network, people, role
):
    event = make_event([kz_ngo], network=network, capacity=100, format=Format.HYBRID, venue="Алматы")
    if people[role]:
        client.force_login(people[role])
    url = f"/en/events/{event.slug}/"
    client.get(url)
    grow_event(event, 2)
    few = counted_get(client, url)
    grow_event(event, 12)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    html = many.response.content.decode()
    assert html.count("Орг ") == 14
    assert (event.online_url in html) is (role == "coordinator")
    assert_same_queries(few, many, at_most=PAGE[role])
