"""The feeds calendars subscribe to: an organization's and a country's hold only what anyone may know; a
network's, reached by a member's secret address, holds every published event of the network."""

import datetime as dt

import pytest
from django.utils import timezone

from birge.core.models import Country
from birge.events.calendars import reads, services
from birge.events.calendars.models import FeedToken
from birge.events.calendars.tests.helpers import parsed, summaries
from birge.events.catalog.models import Audience, Format, Status
from birge.events.conftest import make_event
from birge.networks.membership.models import NetworkMembership
from birge.networks.membership.services import member_leave
from birge.networks.networks.models import Visibility
from birge.networks.networks.services import network_create

ONLINE = "https://meet.example.org/room-42"


def country(code: str) -> Country:
    return Country.objects.get(code=code)


def days(n: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=n)


# An organization's feed -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_organizations_feed_holds_its_events_anyone_may_know(
    client, kz_ngo, kg_ngo, secret_network, network
):
    make_event([kz_ngo], title="Открытый вебинар")
    make_event([kz_ngo], title="Отменённый", status=Status.CANCELLED)
    make_event([kz_ngo], title="Прошедший месяц назад", starts_at=days(-30))
    make_event([kz_ngo], title="Давний", starts_at=days(-120))
    make_event([kz_ngo], title="Только для членов", audience=Audience.MEMBERS)
    make_event([kz_ngo], title="Черновик", status=Status.DRAFT, published_at=None)
    make_event([kz_ngo], title="Сети", network=network)
    make_event([kg_ngo], title="Чужой")
    make_event([kg_ngo], title="Тайный", network=secret_network)

    response = client.get(f"/ru/events/calendar/organization/{kz_ngo.slug}.ics")
    calendar = parsed(response)

    assert summaries(response) == {"Открытый вебинар", "Отменённый", "Прошедший месяц назад", "Сети"}
    assert "Миграция и право" in str(calendar.calendar_name)
    assert b"\r\nX-WR-CALNAME:" in response.content and b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in response.content
    assert ONLINE not in response.content.decode()
    assert {str(event.status) for event in calendar.events} == {"CONFIRMED", "CANCELLED"}
    assert response["Cache-Control"] in ("private, max-age=900", "max-age=900, private")
    assert "Content-Disposition" not in response
    # A secret network's events are in no feed for outsiders, even its member organization's.
    assert "Тайный" not in summaries(client.get(f"/ru/events/calendar/organization/{kg_ngo.slug}.ics"))


@pytest.mark.django_db
def test_the_feed_of_a_draft_or_unknown_organization_does_not_exist(client, kz_ngo):
    assert client.get("/ru/events/calendar/organization/no-such-organization.ics").status_code == 404
    kz_ngo.published_at = None
    kz_ngo.save()
    assert client.get(f"/ru/events/calendar/organization/{kz_ngo.slug}.ics").status_code == 404


@pytest.mark.django_db
def test_a_feed_answers_not_modified_until_an_event_changes(client, kz_ngo):
    event = make_event([kz_ngo])
    url = f"/ru/events/calendar/organization/{kz_ngo.slug}.ics"
    etag = client.get(url)["ETag"]

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    # Compressed on the wire, the ETag is weak (W/"…"), and a calendar sending it back is still answered.
    compressed = client.get(url, headers={"accept-encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip" and compressed["ETag"] == f"W/{etag}"
    again = client.get(url, headers={"accept-encoding": "gzip", "if-none-match": compressed["ETag"]})
    assert again.status_code == 304
    event.title = "Перенесён"
    event.save()
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


# A country's feed -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_countrys_feed_holds_its_events_and_the_online_ones_of_its_organizations(
    client, kz_ngo, kg_ngo, secret_network
):
    make_event([kg_ngo], title="В Алматы", format=Format.OFFLINE, country=country("KZ"), city="Алматы")
    make_event([kz_ngo], title="Онлайн казахстанской", format=Format.ONLINE, country=None)
    make_event([kz_ngo], title="В Бишкеке", format=Format.OFFLINE, country=country("KG"))
    make_event([kg_ngo], title="Онлайн кыргызской", format=Format.ONLINE, country=None)
    make_event([kz_ngo], title="Для членов", country=country("KZ"), audience=Audience.MEMBERS)
    make_event([kg_ngo], title="Тайный", network=secret_network, country=country("KZ"))

    response = client.get("/ru/events/calendar/country/kz.ics")

    assert summaries(response) == {"В Алматы", "Онлайн казахстанской"}
    assert "Казахстан" in str(parsed(response).calendar_name)
    assert ONLINE not in response.content.decode()
    assert summaries(client.get("/ru/events/calendar/country/KG.ics")) == {"В Бишкеке", "Онлайн кыргызской"}
    assert client.get("/ru/events/calendar/country/xx.ics").status_code == 404


# A network's private feed ---------------------------------------------------------------------------------


def address(feed_token: FeedToken) -> str:
    return f"/ru/events/calendar/network/{reads.address_token(feed_token)}.ics"


@pytest.fixture
def kg_token(network, kg_owner):
    return services.feed_tokens_ensure(person=kg_owner, networks=[network])[network.pk]


@pytest.mark.django_db
def test_a_networks_feed_gives_a_member_every_published_event_of_the_network(
    client, network, kz_ngo, kg_ngo, secret_network, kg_token
):
    make_event([kz_ngo], network=network, title="Открытое сети")
    make_event([kz_ngo], network=network, title="Для членов сети", audience=Audience.MEMBERS)
    make_event([kz_ngo], network=network, title="Отменённое сети", status=Status.CANCELLED)
    make_event([kz_ngo], network=network, title="Черновик сети", status=Status.DRAFT, published_at=None)
    make_event([kz_ngo], title="Не сети")
    make_event([kg_ngo], network=secret_network, title="Тайной сети")

    response = client.get(address(kg_token))

    assert summaries(response) == {"Открытое сети", "Для членов сети", "Отменённое сети"}
    assert "Сеть по трудовой миграции" in str(parsed(response).calendar_name)
    # The address travels: never the link to join.
    assert ONLINE not in response.content.decode()
    assert "private" in response["Cache-Control"]
    kg_token.refresh_from_db()
    assert kg_token.used_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "wrong", ["{pk}-" + "0" * 32, "{pk}", "{pk}-short", "x-{secret}", "{other}-{secret}", "{pk}-{secret}0"]
)
def test_a_networks_feed_with_a_wrong_token_does_not_exist(client, network, kg_token, coordinator, wrong):
    other = services.feed_tokens_ensure(person=coordinator, networks=[network])[network.pk]
    secret = reads.address_token(kg_token).partition("-")[2]
    token = wrong.format(pk=kg_token.pk, secret=secret, other=other.pk)
    assert client.get(f"/ru/events/calendar/network/{token}.ics").status_code == 404


@pytest.mark.django_db
def test_a_renewed_address_replaces_the_old_one(client, network, kz_ngo, kg_owner, kg_token):
    make_event([kz_ngo], network=network)
    old = address(kg_token)
    assert client.get(old).status_code == 200

    renewed = services.feed_token_renew(actor=kg_owner, network=network)

    assert client.get(old).status_code == 404
    assert client.get(address(renewed)).status_code == 200


@pytest.mark.django_db
def test_the_address_stops_working_when_the_members_organization_leaves(
    client, network, kz_ngo, kg_ngo, kg_owner, kg_token
):
    make_event([kz_ngo], network=network)
    assert client.get(address(kg_token)).status_code == 200

    member_leave(actor=kg_owner, network=network, organization=kg_ngo)

    assert not NetworkMembership.objects.filter(network=network, organization=kg_ngo).exists()
    assert client.get(address(kg_token)).status_code == 404


@pytest.mark.django_db
def test_the_address_stops_working_when_the_person_leaves_the_organization(
    client, network, kz_ngo, reader, coordinator
):
    token = services.feed_tokens_ensure(person=reader, networks=[network])[network.pk]
    assert client.get(address(token)).status_code == 200
    reader.memberships.all().delete()
    assert client.get(address(token)).status_code == 404


@pytest.mark.django_db
def test_a_secret_networks_feed_for_its_members(client, secret_network, kg_ngo, kg_owner):
    make_event([kg_ngo], network=secret_network, title="Тайная встреча", audience=Audience.MEMBERS)
    token = services.feed_tokens_ensure(person=kg_owner, networks=[secret_network])[secret_network.pk]
    assert summaries(client.get(address(token))) == {"Тайная встреча"}


@pytest.mark.django_db
def test_a_second_network_of_the_same_person_has_its_own_address(client, kg_ngo, kg_owner, network):
    other = network_create(
        actor=kg_owner, founder=kg_ngo, name="Вторая сеть", description="", visibility=Visibility.PUBLIC
    )
    tokens = services.feed_tokens_ensure(person=kg_owner, networks=[network, other])
    make_event([kg_ngo], network=other, title="Второй сети")

    assert reads.address_token(tokens[network.pk]) != reads.address_token(tokens[other.pk])
    assert summaries(client.get(address(tokens[other.pk]))) == {"Второй сети"}
    assert summaries(client.get(address(tokens[network.pk]))) == set()
