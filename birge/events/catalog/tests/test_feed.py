"""What events put in the activity feeds, and to whom: a public event's publication, cancellation,
follow-up and materials reach everyone, on the home page and its organizers' pages; a secret network's
event never reaches a non-member, and a members-only event only the organizers' people."""

from datetime import timedelta

import pytest
from django.utils import timezone

from birge.core.activity import feed
from birge.core.audit import record_event
from birge.events.catalog.models import Status
from birge.events.catalog.services import event_cancel, event_publish, follow_up_write
from birge.events.conftest import make_event
from birge.events.events import Verb
from birge.events.materials.models import Material

pytestmark = pytest.mark.usefixtures("in_english")


def texts(items) -> list[str]:
    return [item.text for item in items]


def test_a_published_event_reaches_everyone_with_its_organizers_and_a_link(
    coordinator, kz_ngo, network, outsider
):
    event = make_event([kz_ngo], network=network, status=Status.DRAFT, title="Вебинар о квотах")
    event_publish(coordinator, event)

    for who in (None, outsider, coordinator):
        for items in (feed(who), feed(who, scope=kz_ngo), feed(who, scope=network)):
            item = items[0]
            assert item.text == f"“Вебинар о квотах” — webinar published by {kz_ngo.name}, {network.name}"
            assert item.url == f"/en/events/{event.slug}/" and item.language == "ru"


def test_a_cancellation_a_follow_up_and_a_material_are_news(coordinator, kz_ngo, outsider):
    coming = make_event([kz_ngo], title="Форум")
    held = make_event([kz_ngo], title="Школа", starts_at=timezone.now() - timedelta(days=3))
    event_cancel(coordinator, coming, "Нет зала.")
    follow_up_write(coordinator, held, "Итоги школы.")
    material = Material.objects.create(event=held, title="Презентация", url="https://example.org/slides")
    record_event(coordinator, Verb.MATERIAL_ADDED, material, new={"event": held.pk, "title": material.title})

    assert texts(feed(outsider, scope=kz_ngo)) == [
        f"“Школа” — {kz_ngo.name} shared a material: Презентация",
        f"“Школа” — {kz_ngo.name} wrote what came of the webinar",
        f"“Форум” — webinar cancelled by {kz_ngo.name}",
    ]


def test_a_secret_networks_event_never_reaches_a_non_member(
    coordinator, kg_owner, kg_ngo, kz_ngo, outsider, secret_network
):
    event = make_event([kg_ngo], network=secret_network, status=Status.DRAFT, title="Тайная встреча")
    event_publish(kg_owner, event)

    for who in (None, outsider, coordinator):
        for items in (feed(who), feed(who, scope=kg_ngo), feed(who, scope=secret_network)):
            assert all("Тайная" not in text for text in texts(items))
    assert any("Тайная встреча" in text for text in texts(feed(kg_owner, scope=kg_ngo)))


def test_a_members_only_event_reaches_the_organizers_people(coordinator, kz_ngo, reader, outsider):
    event = make_event([kz_ngo], status=Status.DRAFT, audience="members", title="Внутренняя встреча")
    event_publish(coordinator, event)

    assert not feed(outsider, scope=kz_ngo) and not feed(None)
    assert "Внутренняя встреча" in feed(reader)[0].text
