"""The calendar files, feeds and the calendars page take as many queries with many events (or networks)
as with few, for each role that reads them."""

import itertools

import pytest
from icalendar import Calendar

from birge.core.models import Country
from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.events.calendars import reads, services
from birge.events.calendars.tests.helpers import register, summaries
from birge.events.catalog.models import Audience, Format
from birge.events.conftest import make_event
from birge.networks.conftest import add_member
from birge.networks.networks.services import network_create
from birge.orgs.tests.factories import OrganizationFactory
from conftest import make_user

ROLES = ["anonymous", "outsider", "reader", "kg_owner", "coordinator"]
_numbers = itertools.count()


def more_events(organizers, count: int, **fields) -> None:
    """`count` events in several zones and formats (rows only: nobody is told)."""
    for _ in range(count):
        n = next(_numbers)
        values = {
            "title": f"Событие {n}",
            "time_zone": ["Asia/Almaty", "Asia/Bishkek", "Europe/Berlin"][n % 3],
            "format": [Format.ONLINE, Format.OFFLINE, Format.HYBRID][n % 3],
        }
        make_event(organizers, **{**values, **fields})


@pytest.fixture
def sign_in(client, request):
    def sign_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))

    return sign_in


def test_an_organizations_feed(client, kz_ngo, tj_ngo, network):
    url = f"/ru/events/calendar/organization/{kz_ngo.slug}.ics"
    more_events([kz_ngo, tj_ngo], 2, network=network)
    few = counted_get(client, url)
    more_events([kz_ngo, tj_ngo], 12, network=network)
    many = counted_get(client, url)

    assert len(summaries(many.response)) == 14
    # The organization; the events with their networks; their organizers.
    assert_same_queries(few, many, at_most=3)


def test_a_countrys_feed(client, kz_ngo, kg_ngo):
    kz = Country.objects.get(code="KZ")
    url = "/ru/events/calendar/country/kz.ics"
    more_events([kz_ngo], 1, format=Format.ONLINE)
    more_events([kg_ngo], 1, country=kz)
    few = counted_get(client, url)
    more_events([kz_ngo], 8, format=Format.ONLINE)
    more_events([kg_ngo], 8, country=kz)
    many = counted_get(client, url)

    assert len(summaries(many.response)) == 18
    # The country; the events with their networks; their organizers.
    assert_same_queries(few, many, at_most=3)


def test_a_networks_feed(client, network, kz_ngo, kg_owner):
    token = services.feed_tokens_ensure(person=kg_owner, networks=[network])[network.pk]
    url = f"/ru/events/calendar/network/{reads.address_token(token)}.ics"
    client.get(url)  # the first fetch records the use
    more_events([kz_ngo], 2, network=network, audience=Audience.MEMBERS)
    few = counted_get(client, url)
    more_events([kz_ngo], 12, network=network)
    many = counted_get(client, url)

    assert len(summaries(many.response)) == 14
    # The token with its holder and network; the holder's membership; the events with their networks;
    # their organizers.
    assert_same_queries(few, many, at_most=4)


@pytest.mark.parametrize("role", ROLES)
def test_an_events_file(client, sign_in, kz_ngo, outsider, role):
    event = make_event([kz_ngo])
    url = f"/ru/events/{event.slug}/event.ics"
    sign_in(role)
    register(event, outsider)
    few = counted_get(client, url)
    for n in range(3):
        event.organizers.add(OrganizationFactory(name=f"Соорганизатор {n}"))
        register(event, make_user(f"participant{n}@example.org"))
    many = counted_get(client, url)

    # Read back as a calendar reads it: the file folds its long lines anywhere in a name.
    (entry,) = Calendar.from_ical(many.response.content).walk("VEVENT")
    assert "Соорганизатор 2" in str(entry["DESCRIPTION"])
    # The session and user; the event with its network; its organizers; the person's organizations;
    # whether they are a confirmed participant (not asked of an organizer).
    assert_same_queries(few, many, at_most=6)


def more_networks(founder, owner, count: int, *, also=None) -> None:
    for _ in range(count):
        created = network_create(actor=owner, founder=founder, name=f"Сеть {next(_numbers)}")
        if also is not None:
            add_member(created, also)


@pytest.mark.parametrize("role", ROLES)
def test_the_calendars_page(client, sign_in, network, kz_ngo, kg_ngo, kg_owner, reader, role):
    url = "/ru/events/calendar/"
    sign_in(role)
    more_networks(kg_ngo, kg_owner, 1, also=kz_ngo)
    client.get(url)  # the first visit makes the addresses: the counts below are of a visit
    few = counted_get(client, url)
    more_networks(kg_ngo, kg_owner, 6, also=kz_ngo)
    client.get(url)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count("/calendar/country/") >= 2
    networks = {"anonymous": 0, "outsider": 0, "reader": 8, "kg_owner": 8, "coordinator": 8}[role]
    assert page.count("/renew/") == networks
    # The session and user; their organizations and networks; the networks, their addresses; the
    # organizations; the countries.
    assert_same_queries(few, many, at_most=8)
