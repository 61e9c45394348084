"""Events in the read API: what the caller may know of, never a draft, never the link to join or who
registered; the filters; and as many queries for many events as for few."""

from datetime import timedelta

import pytest
from django.utils import timezone

from birge.core.models import Country, ThematicArea
from birge.core.testing import assert_same_queries, counted_get
from birge.events.catalog.models import Format, Kind, Status
from birge.events.catalog.tests.helpers import register
from birge.events.conftest import make_event
from birge.events.registration.models import Status as RegistrationStatus
from birge.networks.conftest import organization_in
from conftest import make_user

pytestmark = pytest.mark.django_db


def more_organization(n: int):
    return organization_in("TJ", make_user(f"org{n}@example.org"))


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_the_api_lists_what_a_visitor_may_know_and_never_the_link(
    client, webinar, kz_ngo, kg_ngo, secret_network
):
    draft = make_event([kz_ngo], status=Status.DRAFT)
    secret = make_event([kg_ngo], network=secret_network)
    register(webinar, RegistrationStatus.CONFIRMED, "yes@example.org")

    body = client.get("/api/v1/events/").json()

    assert [item["slug"] for item in body["results"]] == [webinar.slug]
    item = body["results"][0]
    assert item["organizers"] == [kz_ngo.slug] and item["country"] == "KZ" and item["kind"] == "webinar"
    assert item["url"] == f"http://testserver/ru/events/{webinar.slug}/"
    detail = client.get(f"/api/v1/events/{webinar.slug}/")
    assert detail.json()["description"] == webinar.description
    for response in (client.get("/api/v1/events/"), detail):
        text = response.content.decode()
        assert webinar.online_url not in text and "yes@example.org" not in text
    assert client.get(f"/api/v1/events/{draft.slug}/").status_code == 404
    assert client.get(f"/api/v1/events/{secret.slug}/").status_code == 404


def test_a_session_sees_its_own_networks_events_but_no_draft(client, kg_ngo, kg_owner, secret_network):
    secret = make_event([kg_ngo], network=secret_network)
    draft = make_event([kg_ngo], status=Status.DRAFT)
    client.force_login(kg_owner)
    assert slugs(client.get("/api/v1/events/")) == [secret.slug]
    assert client.get(f"/api/v1/events/{secret.slug}/").json()["network"] == secret_network.slug
    assert client.get(f"/api/v1/events/{draft.slug}/").status_code == 404


def test_filters(client, webinar, kg_ngo):
    later = timezone.now() + timedelta(days=80)
    conference = make_event(
        [kg_ngo],
        kind=Kind.CONFERENCE,
        format=Format.HYBRID,
        venue="Бишкек",
        country=Country.objects.get(code="KG"),
        starts_at=later,
    )
    over = make_event([kg_ngo], starts_at=timezone.now() - timedelta(days=5))
    assert slugs(client.get("/api/v1/events/", {"country": "KG"})) == [conference.slug]
    assert slugs(client.get("/api/v1/events/", {"kind": "webinar"})) == [webinar.slug]
    assert slugs(client.get("/api/v1/events/", {"format": "offline"})) == [conference.slug]
    assert slugs(client.get("/api/v1/events/", {"month": timezone.localtime(later).strftime("%Y-%m")})) == [
        conference.slug
    ]
    assert slugs(client.get("/api/v1/events/", {"past": "true"})) == [over.slug]
    assert client.get("/api/v1/events/", {"kind": "party"}).status_code == 422
    assert client.get("/api/v1/events/", {"month": "2026-13"}).status_code == 422


def test_the_lists_take_as_many_queries_for_many_events(client, webinar, kz_ngo, network):
    client.get("/api/v1/events/")
    few = counted_get(client, "/api/v1/events/")
    few_one = counted_get(client, f"/api/v1/events/{webinar.slug}/")
    for n in range(8):
        make_event([kz_ngo], network=network if n % 2 else None, title=f"Событие {n}")
    webinar.organizers.add(*[more_organization(n) for n in range(6)])
    webinar.themes.set(ThematicArea.objects.all()[:6])
    many = counted_get(client, "/api/v1/events/")
    many_one = counted_get(client, f"/api/v1/events/{webinar.slug}/")
    assert many.response.json()["count"] == 9
    assert_same_queries(few, many, at_most=5)
    assert_same_queries(few_one, many_one, at_most=4)
