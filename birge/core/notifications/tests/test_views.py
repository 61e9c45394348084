"""The pages: one-click unsubscribe (from a mail program, without a session or a CSRF token), the inbox
with the header's unread count, and the settings page."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone, translation
from django.utils.text import capfirst

from birge.core.events import Verb
from birge.core.models import Event
from birge.core.notifications import services
from birge.core.notifications.kinds import NOTICE_KINDS, Delivery
from birge.core.notifications.models import FailingAddress, NoticePreference, Notification
from birge.core.notifications.unsubscribe import SALT, unsubscribe_path, unsubscribe_token
from birge.core.testing import assert_within_budget

INBOX = "/en/notifications/"
SETTINGS = "/en/notifications/settings/"


def notice(user, title: str, *, minutes_ago: int = 0, read: bool = False, url: str = "") -> Notification:
    created = Notification.objects.create(
        recipient=user,
        kind="core.announcement",
        title=title,
        url=url,
        delivery=Delivery.INBOX,
        emailed_at=timezone.now(),
    )
    Notification.objects.filter(pk=created.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
        read_at=timezone.now() if read else None,
    )
    return created


def titles(response) -> list[str]:
    return [item.title for item in response.context["links"].page.object_list]


def unread_badge(page: str) -> str | None:
    """The header's count, or None when it shows none."""
    marker = '<span class="count">'
    if marker not in page:
        return None
    return page.split(marker, 1)[1].split("<", 1)[0]


def choices(user, **changes) -> dict[str, str]:
    """The settings form as a person submits it: every kind they may choose for, with `changes`."""
    current = {
        key: value for key, value in services.deliveries_of(user).items() if not NOTICE_KINDS[key].locked
    }
    return {**current, **{key.replace("__", "."): value for key, value in changes.items()}}


# Unsubscribing ----------------------------------------------------------------------------------------------


def test_opening_the_link_only_asks(client, alice):
    response = client.get(unsubscribe_path(alice, "orgs.member_joined"))
    assert response.status_code == 200
    page = response.content.decode()
    # In the person's language (the link carries its prefix), naming the kind.
    with translation.override("ru"):
        assert str(NOTICE_KINDS["orgs.member_joined"].description) in page
    assert '<form method="post"' in page and 'role="status"' not in page
    assert not NoticePreference.objects.exists() and not Event.objects.exists()


def test_one_click_without_login_or_csrf_token_turns_the_kind_to_the_inbox(alice):
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(unsubscribe_path(alice, "orgs.member_joined"))
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()
    assert services.deliveries_of(alice)["orgs.member_joined"] == Delivery.INBOX
    event = Event.objects.get(verb=Verb.NOTICE_UNSUBSCRIBED)
    assert (event.actor, event.old, event.new) == (
        alice,
        {"orgs.member_joined": "immediate"},
        {"orgs.member_joined": "inbox"},
    )
    # Again: nothing more to change, nothing more recorded.
    assert mail_program.post(unsubscribe_path(alice, "orgs.member_joined")).status_code == 200
    assert Event.objects.filter(verb=Verb.NOTICE_UNSUBSCRIBED).count() == 1


def test_the_rfc_8058_post_from_an_emails_header_works(alice, django_capture_on_commit_callbacks):
    from birge.core.notifications.services import notify

    with django_capture_on_commit_callbacks(execute=True):
        services.notice_preferences_set(actor=alice, user=alice, choices={"core.announcement": "immediate"})
        notify(
            [alice],
            kind="core.announcement",
            subject="Maintenance",
            template="core/announcements/email/announcement.txt",
            context={"announcement": {"title": "Maintenance", "text": "Sunday"}},
        )
    [message] = mail.outbox
    url = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert services.deliveries_of(alice)["core.announcement"] == Delivery.INBOX


def test_a_digests_link_turns_every_kind_it_carries_to_the_inbox(alice):
    NoticePreference.objects.create(user=alice, kind="orgs.passport_shared", delivery=Delivery.DAILY)
    response = Client(enforce_csrf_checks=True).post(unsubscribe_path(alice, "digest:daily"))
    assert response.status_code == 200
    now = services.deliveries_of(alice)
    assert now["core.announcement"] == now["orgs.passport_shared"] == Delivery.INBOX
    assert now["orgs.member_joined"] == Delivery.IMMEDIATE


@pytest.mark.parametrize(
    "forge",
    [
        lambda pk: "garbled",
        lambda pk: "e30:1vQxyz:abc",
        lambda pk: signing.dumps({"u": pk, "k": "orgs.member_joined"}, salt="another.salt"),
        lambda pk: signing.dumps({"u": pk, "k": "orgs.member_joined"}, salt=SALT, key="not-the-sites-secret"),
        lambda pk: signing.dumps({"u": str(pk), "k": "orgs.member_joined"}, salt=SALT),
        lambda pk: signing.dumps([pk, "orgs.member_joined"], salt=SALT),
        lambda pk: signing.dumps({"u": pk + 1000, "k": "orgs.member_joined"}, salt=SALT),
    ],
)
def test_a_forged_or_garbled_token_is_not_found(client, alice, forge):
    url = f"/en/notifications/unsubscribe/{forge(alice.pk)}/"
    assert client.get(url).status_code == 404
    assert Client(enforce_csrf_checks=True).post(url).status_code == 404
    assert not NoticePreference.objects.exists() and not Event.objects.exists()


def test_a_tampered_token_is_not_found(client, alice, bob):
    token = unsubscribe_token(alice, "orgs.member_joined")
    payload, rest = token.split(":", 1)
    other = unsubscribe_token(bob, "orgs.member_joined").split(":", 1)[0]
    for forged in (token[:-3] + "abc", f"{other}:{rest}"):
        assert client.post(f"/en/notifications/unsubscribe/{forged}/").status_code == 404
    assert not NoticePreference.objects.exists()


def test_a_deactivated_account_or_a_locked_kind_cannot_be_unsubscribed(client, alice, bob):
    assert client.post(unsubscribe_path(alice, "orgs.member_removed")).status_code == 404
    assert client.post(unsubscribe_path(alice, "orgs.nothing")).status_code == 404
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    assert client.post(unsubscribe_path(bob, "orgs.member_joined")).status_code == 404
    assert not NoticePreference.objects.exists() and not Event.objects.exists()
    assert services.deliveries_of(alice)["orgs.member_removed"] == Delivery.IMMEDIATE


def test_the_unsubscribe_page_is_within_budget(client, alice):
    assert_within_budget(client.get(unsubscribe_path(alice, "orgs.member_joined")))


# The inbox --------------------------------------------------------------------------------------------------


def test_the_inbox_needs_a_login(client):
    response = client.get(INBOX)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unread_notifications_come_first_newest_first(client, alice):
    notice(alice, "old unread", minutes_ago=40)
    notice(alice, "newest, read", minutes_ago=1, read=True)
    notice(alice, "new unread", minutes_ago=10)
    client.force_login(alice)
    response = client.get(INBOX)
    assert_within_budget(response)
    assert titles(response)[:2] == ["new unread", "old unread"]
    page = response.content.decode()
    assert page.count('class="unread"') == 2 and "2 unread." in page


def test_read_notifications_follow_newest_first_whenever_they_were_read(client, alice):
    older = notice(alice, "older", minutes_ago=30)
    newer = notice(alice, "newer", minutes_ago=20)
    notice(alice, "unread", minutes_ago=50)
    services.notification_open(user=alice, notification_id=older.pk)
    services.notification_open(user=alice, notification_id=newer.pk)
    client.force_login(alice)
    assert titles(client.get(INBOX)) == ["unread", "newer", "older"]


def test_opening_a_notification_marks_it_read_and_follows_its_link(
    client, alice, django_capture_on_commit_callbacks
):
    first = notice(alice, "Maintenance", url="/en/announcements/")
    notice(alice, "Other")
    client.force_login(alice)
    assert unread_badge(client.get(INBOX).content.decode()) == "2"
    assert client.get(f"/en/notifications/{first.pk}/").status_code == 405  # a link scanner changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/notifications/{first.pk}/")
    assert response.status_code == 302 and response["Location"] == "/en/announcements/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert unread_badge(client.get(INBOX).content.decode()) == "1"


def test_a_notification_without_a_link_or_with_a_foreign_one_leads_to_the_inbox(client, alice):
    plain = notice(alice, "No link")
    foreign = notice(alice, "Elsewhere", url="https://evil.example/")
    client.force_login(alice)
    for item in (plain, foreign):
        response = client.post(f"/en/notifications/{item.pk}/")
        assert response.status_code == 302 and response["Location"] == INBOX


def test_someone_elses_notification_cannot_be_opened(client, alice, bob):
    theirs = notice(bob, "Bob's")
    client.force_login(alice)
    assert client.post(f"/en/notifications/{theirs.pk}/").status_code in (403, 404)
    assert client.post("/en/notifications/999999/").status_code in (403, 404)
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "Bob's" not in client.get(INBOX).content.decode()


def test_mark_all_read_and_the_header_count_follows(client, alice, bob, django_capture_on_commit_callbacks):
    for n in range(3):
        notice(alice, f"Notice {n}")
    notice(bob, "Bob's")
    client.force_login(alice)
    page = client.get("/en/").content.decode()
    assert unread_badge(page) == "3"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/notifications/read/")
    assert response.status_code == 302 and response["Location"] == INBOX
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    assert Notification.objects.get(recipient=bob).read_at is None
    page = client.get(INBOX).content.decode()
    assert unread_badge(page) is None and "Mark all as read" not in page


def test_a_new_notification_shows_in_the_header_once_committed(
    client, alice, django_capture_on_commit_callbacks
):
    from birge.core.notifications.services import notify

    client.force_login(alice)
    assert unread_badge(client.get("/en/").content.decode()) is None
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [alice],
            kind="core.announcement",
            subject="Maintenance",
            template="core/announcements/email/announcement.txt",
            context={"announcement": {"title": "Maintenance", "text": "Sunday"}},
        )
    assert unread_badge(client.get("/en/").content.decode()) == "1"


# Settings ---------------------------------------------------------------------------------------------------


def test_the_settings_page_lists_choices_and_the_locked_kinds(client, alice):
    client.force_login(alice)
    response = client.get(SETTINGS)
    assert_within_budget(response)
    page = response.content.decode()
    assert 'name="core.announcement"' in page and 'name="orgs.member_joined"' in page
    assert '<option value="daily" selected>' in page  # the announcements' default
    locked = page.split("Always by e-mail at once", 1)[1].split("</ul>", 1)[0]
    for key in ("orgs.member_removed", "orgs.invitation", "orgs.ownership_transferred"):
        assert f'name="{key}"' not in page
        assert f"<li>{capfirst(NOTICE_KINDS[key].description)}</li>" in locked
    # The hub's kinds are for hub administrators.
    for key in ("orgs.claim_submitted", "orgs.verification_suspended", "orgs.hub_appointed"):
        assert f'name="{key}"' not in page and str(NOTICE_KINDS[key].description) not in page.lower()


def test_a_hub_administrator_is_offered_the_hubs_kinds(client, reference):
    from birge.core.models import Country
    from birge.orgs.hubs.models import HubAdministrator
    from conftest import make_user

    hub = make_user("hub.kz@example.org", language="en")
    HubAdministrator.objects.create(user=hub, country=Country.objects.get(code="KZ"))
    client.force_login(hub)
    page = client.get(SETTINGS).content.decode()
    assert 'name="orgs.claim_submitted"' in page and 'name="orgs.verification_suspended"' in page
    assert str(capfirst(NOTICE_KINDS["orgs.hub_appointed"].description)) in page
    response = client.post(SETTINGS, choices(hub, orgs__claim_submitted="daily"))
    assert response.status_code == 302
    assert services.deliveries_of(hub)["orgs.claim_submitted"] == Delivery.DAILY


def test_saving_choices_records_them_with_an_audit_event(client, alice):
    client.force_login(alice)
    response = client.post(SETTINGS, choices(alice, core__announcement="weekly", orgs__member_joined="inbox"))
    assert response.status_code == 302 and response["Location"] == SETTINGS
    now = services.deliveries_of(alice)
    assert now["core.announcement"] == Delivery.WEEKLY and now["orgs.member_joined"] == Delivery.INBOX
    event = Event.objects.get(verb=Verb.NOTICE_SETTINGS_CHANGED)
    assert event.actor == alice
    assert event.new == {"core.announcement": "weekly", "orgs.member_joined": "inbox"}
    assert event.old == {"core.announcement": "daily", "orgs.member_joined": "immediate"}
    assert "Saved." in client.get(SETTINGS).content.decode()


def test_an_unknown_choice_is_refused_with_a_form_error(client, alice):
    client.force_login(alice)
    response = client.post(SETTINGS, choices(alice, core__announcement="hourly"))
    assert response.status_code == 200
    assert "core.announcement" in response.context["form"].errors
    assert 'class="errorlist' in response.content.decode()
    assert not NoticePreference.objects.exists() and not Event.objects.exists()


def test_a_locked_kind_cannot_be_changed_from_the_page(client, alice):
    client.force_login(alice)
    response = client.post(SETTINGS, choices(alice, orgs__member_removed="inbox", orgs__invitation="inbox"))
    assert response.status_code == 302
    assert not NoticePreference.objects.exists() and not Event.objects.exists()
    assert services.deliveries_of(alice)["orgs.member_removed"] == Delivery.IMMEDIATE


def test_a_failing_address_is_shown_and_its_owner_resumes_it(client, alice):
    services.address_failing(email=alice.email, reason="550 no such user")
    client.force_login(alice)
    page = client.get(SETTINGS).content.decode()
    assert "550 no such user" in page and 'role="alert"' in page
    response = client.post("/en/notifications/settings/address/")
    assert response.status_code == 302 and response["Location"] == SETTINGS
    assert not FailingAddress.objects.exists()
    assert Event.objects.filter(verb=Verb.EMAIL_RESUMED, actor=alice).exists()
    assert 'role="alert"' not in client.get(SETTINGS).content.decode()
