"""Announcements: only a site administrator publishes one; every other active member is told in the way they
chose (by default in the daily digest, so nobody gets an e-mail at once unless they asked); the list and
each announcement's page are public and small."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.announcements import services
from birge.core.announcements.models import Announcement
from birge.core.announcements.services import announcement_publish
from birge.core.events import Verb
from birge.core.models import Event
from birge.core.notifications.digests import send_digests
from birge.core.notifications.kinds import Delivery
from birge.core.notifications.models import NoticePreference, Notification
from birge.core.testing import assert_within_budget
from conftest import make_user

# 07:00 in Almaty, the default time zone: the daily digest is due.
DIGEST_TIME = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def publish(actor, title="Maintenance on Sunday", text="The site rests from 02:00 to 03:00."):
    return announcement_publish(actor=actor, title=title, text=text)


def nothing_written() -> bool:
    return not (Announcement.objects.exists() or Notification.objects.exists() or Event.objects.exists())


@pytest.mark.parametrize("who", ["nobody", "member", "staff"])
def test_only_a_site_administrator_publishes(who, alice):
    actor = {
        "nobody": None,
        "member": alice,
        "staff": make_user("staff@example.org", is_staff=True),
    }[who]
    with pytest.raises(PermissionDenied):
        publish(actor)
    assert nothing_written()


def test_an_announcement_needs_a_title_and_a_text_on_their_lines(site_admin, alice):
    for title, text in (("  ", "Text"), ("Title", " \n "), ("Bell\x07", "Text"), ("Title", "Bell\x07")):
        with pytest.raises(ValidationError):
            publish(site_admin, title, text)
    assert nothing_written()


def test_every_active_member_is_told_as_they_chose(
    site_admin, alice, bob, django_capture_on_commit_callbacks
):
    at_once = make_user("carol@example.org", display_name="Carol", language="en")
    NoticePreference.objects.create(user=at_once, kind="core.announcement", delivery=Delivery.IMMEDIATE)
    inbox_only = make_user("dave@example.org", display_name="Dave")
    NoticePreference.objects.create(user=inbox_only, kind="core.announcement", delivery=Delivery.INBOX)
    make_user("gone@example.org", is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        announcement = publish(site_admin, "  Maintenance   on Sunday ")

    assert announcement.title == "Maintenance on Sunday" and announcement.author == site_admin
    told = dict(Notification.objects.values_list("recipient__email", "delivery"))
    # Not the author, who knows; not the deactivated account.
    assert told == {
        alice.email: Delivery.DAILY,
        bob.email: Delivery.DAILY,
        at_once.email: Delivery.IMMEDIATE,
        inbox_only.email: Delivery.INBOX,
    }
    # Only the one who asked for it at once is e-mailed now.
    [message] = mail.outbox
    assert message.to == [at_once.email]
    assert message.subject == "Birge: Maintenance on Sunday"
    assert f"http://127.0.0.1:8000/en/announcements/{announcement.pk}/" in message.body
    assert "The site rests from 02:00 to 03:00." in message.body
    assert "List-Unsubscribe" in message.extra_headers

    event = Event.objects.get(verb=Verb.ANNOUNCEMENT_PUBLISHED)
    assert event.actor == site_admin and event.new == {"title": "Maintenance on Sunday"}
    assert set(Notification.objects.values_list("event", flat=True)) == {event.pk}
    notice = Notification.objects.get(recipient=alice)
    assert notice.url == f"/ru/announcements/{announcement.pk}/"
    assert notice.about_id == str(announcement.pk)


def test_the_daily_digest_then_carries_it(site_admin, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        announcement = publish(site_admin)
        send_digests(DIGEST_TIME)
    [message] = mail.outbox
    assert message.to == [alice.email]
    assert "Maintenance on Sunday" in message.body
    assert f"/ru/announcements/{announcement.pk}/" in message.body


def test_a_large_audience_is_told_a_batch_at_a_time_each_once(monkeypatch, site_admin):
    monkeypatch.setattr(services, "BATCH", 2)
    people = [make_user(f"member{n}@example.org") for n in range(5)]
    publish(site_admin)
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == [user.pk for user in people]


def test_a_member_without_an_address_still_finds_it_in_the_inbox(
    site_admin, django_capture_on_commit_callbacks
):
    from birge.accounts.models import User

    silent = User.objects.create_user(email="silent@example.org", password="x" * 12)
    User.objects.filter(pk=silent.pk).update(email="")
    NoticePreference.objects.create(user=silent, kind="core.announcement", delivery=Delivery.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        publish(site_admin)
    assert Notification.objects.filter(recipient=silent).exists()
    assert mail.outbox == []


# Pages ------------------------------------------------------------------------------------------------------


def test_the_list_and_an_announcement_are_public_and_small(client, site_admin):
    first = publish(site_admin, "Maintenance on Sunday")
    second = publish(site_admin, "A new search", "Search now finds transliterated names.")
    response = client.get("/en/announcements/")
    assert_within_budget(response)
    page = response.content.decode()
    assert page.index("A new search") < page.index("Maintenance on Sunday")
    assert f'href="/en/announcements/{first.pk}/"' in page and "<form" not in page.split("<main", 1)[1]

    response = client.get(f"/en/announcements/{second.pk}/")
    assert_within_budget(response)
    page = response.content.decode()
    assert "<h1>A new search</h1>" in page and "<p>Search now finds transliterated names.</p>" in page
    assert client.get("/en/announcements/999999/").status_code == 404


def test_an_empty_list_says_so(client, db):
    response = client.get("/en/announcements/")
    assert_within_budget(response)
    assert "No announcements yet." in response.content.decode()


def test_a_site_administrator_publishes_from_the_list(
    client, site_admin, alice, django_capture_on_commit_callbacks
):
    client.force_login(site_admin)
    response = client.get("/en/announcements/")
    assert_within_budget(response)
    assert "Publish an announcement" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/announcements/", {"title": "Maintenance", "text": "On Sunday."})
    announcement = Announcement.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/announcements/{announcement.pk}/"
    assert Notification.objects.filter(recipient=alice).exists()
    assert Event.objects.filter(verb=Verb.ANNOUNCEMENT_PUBLISHED, actor=site_admin).exists()


def test_an_invalid_announcement_shows_the_form_again(client, site_admin):
    client.force_login(site_admin)
    response = client.post("/en/announcements/", {"title": "Bell\x07", "text": "On Sunday."})
    assert response.status_code == 200
    assert response.context["form"].errors and nothing_written()


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_nobody_else_publishes_from_the_list(client, alice, who):
    if who == "member":
        client.force_login(alice)
    response = client.post("/en/announcements/", {"title": "Maintenance", "text": "On Sunday."})
    assert response.status_code == 403
    assert nothing_written()
    assert "Publish an announcement" not in client.get("/en/announcements/").content.decode()
