"""People, organizations, networks and events that events tests share.

The networks' fixtures (birge/networks/conftest.py) give the people and organizations: the Kazakh
organization's owner (`coordinator`) coordinates the public `network`; `kg_owner` and `tj_owner` own its
Kyrgyz and Tajik members; `reader` belongs to the Kazakh organization without speaking for it; `outsider`
owns an organization outside every network; `secret_network` has the Kyrgyz organization alone.

`make_event` writes an event's row directly (no audit entry, nobody told), for tests of reads and pages;
the services' own tests go through `birge.events.catalog.services`."""

import secrets
from datetime import timedelta

import pytest
from django.utils import timezone

from birge.core.models import Country, ThematicArea
from birge.events.catalog.models import Audience, Event, Format, Kind, Status
from birge.networks.conftest import (
    coordinator,
    kg_ngo,
    kg_owner,
    kz_ngo,
    network,
    outsider,
    outsider_ngo,
    reader,
    secret_network,
    tj_ngo,
    tj_owner,
)

__all__ = [
    "coordinator",
    "kg_ngo",
    "kg_owner",
    "kz_ngo",
    "make_event",
    "network",
    "outsider",
    "outsider_ngo",
    "reader",
    "secret_network",
    "tj_ngo",
    "tj_owner",
    "webinar",
]


def make_event(organizers=(), *, network=None, title="Вебинар о правах мигрантов", **fields) -> Event:
    start = fields.pop("starts_at", timezone.now() + timedelta(days=10))
    values = {
        "slug": f"e-{secrets.token_hex(5)}",
        "title": title,
        "description": "**Программа**: права трудовых мигрантов.",
        "kind": Kind.WEBINAR,
        "format": Format.ONLINE,
        "status": Status.PUBLISHED,
        "audience": Audience.ANYONE,
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "time_zone": "Asia/Almaty",
        "online_url": "https://meet.example.org/room-42",
        "languages": ["ru", "kk"],
        "published_at": timezone.now(),
        "network": network,
    }
    values.update(fields)
    event = Event.objects.create(**values)
    event.organizers.set(organizers)
    themes = list(ThematicArea.objects.filter(parent__isnull=True)[:1])
    event.themes.set(themes)
    return event


@pytest.fixture
def webinar(kz_ngo):
    """A published webinar of the Kazakh organization, open to anyone, with three places."""
    return make_event([kz_ngo], capacity=3, country=Country.objects.get(code="KZ"))
