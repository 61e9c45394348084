"""The catalog's pages: the list with each filter and its empty states, an event's page in the viewer's
time zone and the event's own, the link to join kept from all but participants and organizers, secret
networks' events kept from outsiders, and the organizers' forms working without JavaScript."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from birge.core.models import Country, ThematicArea
from birge.core.testing import assert_within_budget
from birge.events.catalog.models import Event, Format, Kind, Status
from birge.events.catalog.services import event_cancel
from birge.events.catalog.tests.helpers import register
from birge.events.conftest import make_event
from birge.events.registration.models import Status as RegistrationStatus
from conftest import make_user

pytestmark = pytest.mark.usefixtures("in_english")

LIST = "/en/events/"
ALMATY = ZoneInfo("Asia/Almaty")


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def url(event, action: str = "") -> str:
    return f"/en/events/{event.slug}/{action}"


def at_ten_in_almaty(days: int = 10) -> datetime:
    day = (timezone.now() + timedelta(days=days)).astimezone(ALMATY).date()
    return datetime.combine(day, time(10), tzinfo=ALMATY)


# The list ---------------------------------------------------------------------------------------------------


def test_the_list_shows_what_a_visitor_may_know(client, webinar, kz_ngo, kg_ngo, secret_network, network):
    make_event([kz_ngo], title="Черновик семинара", status=Status.DRAFT)
    make_event([kg_ngo], network=secret_network, title="Тайная встреча")
    make_event([kz_ngo], network=network, title="Только для членов", audience="members")

    response = client.get(LIST)

    assert_within_budget(response)
    html = page(response)
    assert webinar.title in html and "1 event" in html
    assert "Черновик" not in html and "Тайная" not in html and "Только для членов" not in html
    assert kz_ngo.name in html and "webinar" in html


def test_members_and_organizers_find_theirs(client, webinar, kz_ngo, kg_ngo, kg_owner, secret_network):
    make_event([kg_ngo], network=secret_network, title="Тайная встреча")
    make_event([kg_ngo], title="Черновик семинара", status=Status.DRAFT)
    client.force_login(kg_owner)

    html = page(client.get(LIST))

    assert "Тайная встреча" in html and "Черновик семинара" in html and "3 events" in html
    assert html.count('<span class="badge">draft</span>') == 1


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"country": "KZ"}, {"kz"}),
        ({"country": "KG"}, {"kg"}),
        ({"kind": Kind.CONFERENCE}, {"kg"}),
        ({"format": Format.ONLINE}, {"kz", "hybrid"}),
        ({"format": Format.OFFLINE}, {"kg", "hybrid"}),
        ({"format": Format.HYBRID}, {"hybrid"}),
        ({"q": "конференция"}, {"kg"}),
        ({"organization": "kz"}, {"kz", "hybrid"}),
        ({"network": "net"}, {"hybrid"}),
        ({"month": "far"}, {"kg"}),
        ({"theme": "child"}, {"hybrid"}),
        ({"theme": "parent"}, {"kz", "kg", "hybrid"}),
    ],
)
def test_each_filter(client, kz_ngo, kg_ngo, network, query, found):
    parent = ThematicArea.objects.filter(children__isnull=False).first()
    child = parent.children.first()
    events = {
        "kz": make_event([kz_ngo], title="Вебинар KZ", country=Country.objects.get(code="KZ")),
        "kg": make_event(
            [kg_ngo],
            title="Конференция KG",
            kind=Kind.CONFERENCE,
            format=Format.OFFLINE,
            country=Country.objects.get(code="KG"),
            starts_at=timezone.now() + timedelta(days=70),
        ),
        "hybrid": make_event([kz_ngo], network=network, title="Гибрид", format=Format.HYBRID),
    }
    for event in events.values():
        event.themes.set([parent])
    events["hybrid"].themes.set([child])
    replacements = {
        "kz": kz_ngo.slug,
        "net": network.slug,
        "far": timezone.localtime(events["kg"].starts_at).strftime("%Y-%m"),
        "child": child.slug,
        "parent": parent.slug,
    }
    query = {key: replacements.get(value, value) for key, value in query.items()}

    html = page(client.get(LIST, query))

    assert {key for key, event in events.items() if event.title in html} == found


def test_past_events_are_behind_their_switch(client, webinar, kz_ngo):
    make_event([kz_ngo], title="Прошедший форум", starts_at=timezone.now() - timedelta(days=40))

    upcoming = page(client.get(LIST))
    past = page(client.get(LIST, {"when": "past", "kind": "webinar"}))

    assert webinar.title in upcoming and "Прошедший форум" not in upcoming
    assert "Прошедший форум" in past and webinar.title not in past
    assert 'href="?kind=webinar"' in past  # back to upcoming, the filter kept


def test_the_empty_states(client, reference, coordinator, kz_ngo):
    assert "No upcoming event yet." in page(client.get(LIST))
    assert "No past event yet." in page(client.get(LIST, {"when": "past"}))
    assert "No event matches." in page(client.get(LIST, {"q": "ничего"}))
    client.force_login(coordinator)
    assert 'href="/en/events/new/"' in page(client.get(LIST))


def test_nonsense_in_the_filters_is_ignored(client, webinar):
    response = client.get(LIST, {"kind": "<x>", "country": "\x00", "month": "2026-13", "page": "z"})
    assert webinar.title in page(response)


# An event's page --------------------------------------------------------------------------------------------


def test_times_show_in_the_viewers_zone_and_the_events_own(client, kz_ngo):
    event = make_event([kz_ngo], starts_at=at_ten_in_almaty(), description="**Программа** дня")
    baku = make_user("baku@example.org", time_zone="Asia/Baku")
    client.force_login(baku)

    html = page(client.get(url(event)))

    assert "09:00–11:00" in html and "Baku (Azerbaijan)" in html
    assert "10:00–12:00" in html and "the event’s own time: Almaty, Astana (Kazakhstan)" in html
    assert "<strong>Программа</strong> дня" in html


def test_a_visitor_sees_the_sites_zone_or_the_one_chosen(client, kz_ngo):
    event = make_event([kz_ngo], starts_at=at_ten_in_almaty())

    html = page(client.get(url(event)))
    assert "10:00–12:00" in html and "the event’s own time" not in html
    assert '<select name="tz">' in html and "<script" not in html

    chosen = page(client.get(url(event), {"tz": "Asia/Baku"}))
    assert "09:00–11:00" in chosen and "10:00–12:00" in chosen
    assert '<option value="Asia/Baku" selected>' in chosen
    # A zone that is not on the list changes nothing.
    assert "the event’s own time" not in page(client.get(url(event), {"tz": "Europe/Nowhere"}))


def test_the_link_to_join_is_for_confirmed_participants_and_organizers(client, webinar, coordinator, reader):
    confirmed = register(webinar, RegistrationStatus.CONFIRMED, "yes@example.org").person
    waiting = register(webinar, RegistrationStatus.WAITLISTED, "wait@example.org").person

    assert webinar.online_url not in page(client.get(url(webinar)))
    for person in (waiting, reader):
        client.force_login(person)
        assert webinar.online_url not in page(client.get(url(webinar)))
    for person in (confirmed, coordinator):
        client.force_login(person)
        assert webinar.online_url in page(client.get(url(webinar)))


def test_places_left(client, webinar):
    register(webinar, RegistrationStatus.CONFIRMED, "one@example.org")
    register(webinar, RegistrationStatus.CANCELLED, "two@example.org")
    assert "2 places left" in page(client.get(url(webinar)))


def test_a_secret_networks_event_answers_404_to_outsiders(client, kg_ngo, kg_owner, outsider, secret_network):
    event = make_event([kg_ngo], network=secret_network, title="Тайная встреча")
    assert client.get(url(event)).status_code == 404
    client.force_login(outsider)
    response = client.get(url(event))
    assert response.status_code == 404 and "Тайная" not in response.content.decode()
    client.force_login(kg_owner)
    assert "Тайная встреча" in page(client.get(url(event)))


def test_a_draft_is_for_its_organizers(client, kz_ngo, coordinator, reader):
    draft = make_event([kz_ngo], status=Status.DRAFT)
    client.force_login(reader)
    assert client.get(url(draft)).status_code == 404
    client.force_login(coordinator)
    html = page(client.get(url(draft)))
    assert "A draft: only its organizers see it" in html
    assert f'action="/en/events/{draft.slug}/publish/"' in html


def test_a_cancelled_event_says_so_and_why(client, webinar, coordinator):
    event_cancel(coordinator, webinar, "Спикер заболел.")
    html = page(client.get(url(webinar)))
    assert "This event is cancelled." in html and "Спикер заболел." in html


# The organizers' forms --------------------------------------------------------------------------------------


def test_an_owner_creates_an_event_without_javascript(client, coordinator, kz_ngo):
    client.force_login(coordinator)
    form = page(client.get("/en/events/new/"))
    assert "<script" not in form and 'type="datetime-local"' in form
    assert f'value="{kz_ngo.pk}"' in form and "checked" in form  # their only organization, chosen

    day = (timezone.now() + timedelta(days=30)).date().isoformat()
    response = client.post(
        "/en/events/new/",
        {
            "organizers": [kz_ngo.pk],
            "title": "Форум в Бишкеке",
            "kind": Kind.FORUM,
            "language": "ru",
            "time_zone": "Asia/Bishkek",
            "starts_at": f"{day}T10:00",
            "ends_at": f"{day}T17:30",
            "format": Format.OFFLINE,
            "venue": "Бишкек, Дом дружбы",
            "audience": "anyone",
            "languages": ["ru", "ky"],
        },
    )

    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == url(event)
    assert event.status == Status.DRAFT and list(event.organizers.all()) == [kz_ngo]
    # Typed on the clock of Bishkek (UTC+6).
    assert event.starts_at.astimezone(ZoneInfo("UTC")).strftime("%H:%M") == "04:00"
    assert event.languages == ["ru", "ky"]


def test_someone_who_speaks_for_nothing_is_told_how_to_organize(client, reader, kz_ngo):
    client.force_login(reader)
    html = page(client.get("/en/events/new/"))
    assert "you need to be an owner or editor" in html and '<form method="post" novalidate>' not in html


def test_bad_input_keeps_what_was_typed(client, coordinator, kz_ngo):
    client.force_login(coordinator)
    day = (timezone.now() + timedelta(days=30)).date().isoformat()
    response = client.post(
        "/en/events/new/",
        {
            "organizers": [kz_ngo.pk],
            "title": "Круглый стол",
            "description": "Повестка:\n1. Бюджет",
            "kind": Kind.ROUNDTABLE,
            "language": "ru",
            "time_zone": "Asia/Almaty",
            "starts_at": f"{day}T15:00",
            "ends_at": f"{day}T14:00",
            "format": Format.ONLINE,
            "online_url": "https://meet.example.org/table",
            "audience": "anyone",
        },
    )

    html = page(response)
    assert "The event must end after it starts." in html
    assert 'value="Круглый стол"' in html and "Повестка:\n1. Бюджет</textarea>" in html
    assert f'value="{day}T15:00"' in html and 'value="https://meet.example.org/table"' in html
    assert not Event.objects.exists()


def test_the_edit_form_shows_the_events_own_clock(client, coordinator, kz_ngo, reader):
    event = make_event([kz_ngo], starts_at=at_ten_in_almaty())
    client.force_login(make_user("far@example.org", time_zone="Europe/Berlin"))
    assert client.get(url(event, "edit/")).status_code == 403
    client.force_login(coordinator)
    html = page(client.get(url(event, "edit/")))
    assert f'value="{at_ten_in_almaty().strftime("%Y-%m-%dT%H:%M")}"' in html


def test_an_organizer_publishes_cancels_and_writes_the_follow_up(client, coordinator, kz_ngo):
    draft = make_event([kz_ngo], status=Status.DRAFT)
    client.force_login(coordinator)

    assert client.post(url(draft, "publish/"))["Location"] == url(draft)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED

    form = page(client.get(url(draft, "cancel/")))
    assert 'name="reason"' in form
    refused = page(client.post(url(draft, "cancel/"), {"reason": ""}))
    assert "Say why the event is cancelled" in refused
    assert client.post(url(draft, "cancel/"), {"reason": "Нет зала."}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.CANCELLED

    held = make_event([kz_ngo], starts_at=timezone.now() - timedelta(days=1))
    assert 'name="follow_up"' in page(client.get(url(held, "follow-up/")))
    client.post(url(held, "follow-up/"), {"follow_up": "Приняли **резолюцию**."})
    assert "<strong>резолюцию</strong>" in page(client.get(url(held)))


def test_others_cannot_use_the_organizers_forms(client, webinar, reader):
    client.force_login(reader)
    for action in ("edit/", "cancel/", "follow-up/"):
        assert client.get(url(webinar, action)).status_code == 403
    assert client.post(url(webinar, "publish/")).status_code == 403


# The organization's profile ---------------------------------------------------------------------------------


def test_the_profile_lists_the_events_a_viewer_may_know(client, kg_ngo, kg_owner, outsider, secret_network):
    make_event([kg_ngo], title="Открытый семинар")
    make_event([kg_ngo], network=secret_network, title="Тайная встреча")
    make_event([kg_ngo], title="Прошлая школа", starts_at=timezone.now() - timedelta(days=20))
    profile = f"/en{kg_ngo.get_absolute_url().removeprefix('/en')}"

    client.force_login(outsider)
    html = page(client.get(profile))
    assert "Открытый семинар" in html and "Прошлая школа" in html and "Тайная" not in html
    client.force_login(kg_owner)
    assert "Тайная встреча" in page(client.get(profile))


def test_the_profile_shows_the_five_next_events_and_the_three_latest(client, kz_ngo):
    now = timezone.now()
    for n in range(7):
        make_event([kz_ngo], title=f"Будущее {n}", starts_at=now + timedelta(days=10 - n))
        make_event([kz_ngo], title=f"Прошлое {n}", starts_at=now - timedelta(days=10 - n))

    html = page(client.get(f"/en{kz_ngo.get_absolute_url().removeprefix('/en')}"))

    section = html[html.index("<h3>Upcoming</h3>") :]
    shown = [
        title
        for title in (f"{word} {n}" for word in ("Будущее", "Прошлое") for n in range(7))
        if title in section
    ]
    assert shown == [f"Будущее {n}" for n in range(2, 7)] + ["Прошлое 4", "Прошлое 5", "Прошлое 6"]
    assert section.index("Будущее 6") < section.index("Будущее 2")  # the soonest first
    assert section.index("Прошлое 6") < section.index("Прошлое 4")  # the latest first
    assert f'href="/en/events/?organization={kz_ngo.slug}"' in section
