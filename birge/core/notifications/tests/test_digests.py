"""Digests: due at a local hour (daily, and on Mondays weekly), one e-mail per person and period with their
pending notifications grouped by kind and subject, never twice (a second run, a late run, a crash and a
rerun), small whatever is pending, and each kind with its own way out."""

import re
import zoneinfo
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from birge.core.announcements.models import Announcement
from birge.core.notifications import digests
from birge.core.notifications.digests import due_period, send_digests
from birge.core.notifications.kinds import Delivery
from birge.core.notifications.models import DigestDelivery, FailingAddress, NoticePreference, Notification
from birge.core.notifications.services import notify
from birge.core.notifications.unsubscribe import read_token
from birge.orgs.members.models import Role
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")  # UTC+5 (since 2024; no summer time)
BAKU = zoneinfo.ZoneInfo("Asia/Baku")  # UTC+4 (no summer time)
# Monday 7 December 2026, 07:00 in Almaty and 06:00 in Baku (BIRGE_DIGEST_HOUR is 7).
MONDAY = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
TUESDAY = MONDAY + timedelta(days=1)
UNSUBSCRIBE = re.compile(r"http://127\.0\.0\.1:8000/en/notifications/unsubscribe/([^/\s\"]+)/")


def person(email: str, zone: str = "Asia/Almaty", **flags):
    return make_user(email, display_name=email.split("@")[0].title(), language="en", time_zone=zone, **flags)


def announce(people, title: str) -> Announcement:
    announcement = Announcement.objects.create(title=title, text=f"About {title}.")
    notify(
        people,
        kind="core.announcement",
        about=announcement,
        subject=title,
        template="core/announcements/email/announcement.txt",
        context={"announcement": announcement},
        link=("core:announcement", (announcement.pk,)),
    )
    return announcement


def member_joined(people, organization, newcomer) -> None:
    notify(
        people,
        kind="orgs.member_joined",
        about=organization,
        subject=f"{newcomer.display_name} joined {organization.name_en}",
        template="orgs/members/email/member_joined.txt",
        context={"organization": organization, "member": newcomer},
        link=("orgs:members", (organization.slug,)),
    )


def prefer(user, kind: str, delivery: str) -> None:
    NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def pending(user) -> int:
    return Notification.objects.filter(recipient=user, emailed_at__isnull=True).count()


def sent_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def run(capture, now) -> int:
    with capture(execute=True):
        return send_digests(now)


@pytest.fixture
def dana(db):
    """In Almaty."""
    return person("dana@example.org")


@pytest.fixture
def emil(db):
    """In Baku, an hour behind Almaty."""
    return person("emil@example.org", "Asia/Baku")


def test_the_test_instants_are_what_they_claim():
    assert MONDAY.astimezone(ALMATY).strftime("%a %H:%M") == "Mon 07:00"
    assert MONDAY.astimezone(BAKU).strftime("%a %H:%M") == "Mon 06:00"


# When a digest is due ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("local", "daily", "weekly"),
    [
        (datetime(2026, 12, 7, 6, 59), None, None),
        (datetime(2026, 12, 7, 7, 0), "daily:2026-12-07", "weekly:2026-W50"),
        (datetime(2026, 12, 7, 9, 59), "daily:2026-12-07", "weekly:2026-W50"),  # a late run catches up
        (datetime(2026, 12, 7, 10, 0), None, None),
        (datetime(2026, 12, 8, 7, 0), "daily:2026-12-08", None),  # weekly: Mondays only
        (datetime(2026, 12, 13, 8, 0), "daily:2026-12-13", None),
        (datetime(2026, 12, 6, 23, 0), None, None),
        # The ISO week of a Monday in late December may belong to the next year.
        (datetime(2024, 12, 30, 7, 0), "daily:2024-12-30", "weekly:2025-W01"),
    ],
)
def test_due_period_at_local_hours(local, daily, weekly):
    local = local.replace(tzinfo=ALMATY)
    assert due_period(Delivery.DAILY, local) == daily
    assert due_period(Delivery.WEEKLY, local) == weekly


def test_due_period_follows_the_configured_hour(settings):
    settings.BIRGE_DIGEST_HOUR = 9
    monday = datetime(2026, 12, 7, tzinfo=ALMATY)
    assert due_period(Delivery.DAILY, monday.replace(hour=8)) is None
    assert due_period(Delivery.DAILY, monday.replace(hour=9)) == "daily:2026-12-07"
    assert due_period(Delivery.WEEKLY, monday.replace(hour=11, minute=59)) == "weekly:2026-W50"
    assert due_period(Delivery.DAILY, monday.replace(hour=12)) is None


def test_each_person_gets_the_digest_at_their_own_local_hour(dana, emil, django_capture_on_commit_callbacks):
    announce([dana, emil], "Maintenance on Sunday")
    # 07:00 in Almaty, 06:00 in Baku.
    assert run(django_capture_on_commit_callbacks, MONDAY) == 1
    assert [message.to for message in mail.outbox] == [[dana.email]]
    assert pending(emil) == 1
    # An hour later it is 07:00 in Baku; Almaty's digest went already.
    assert run(django_capture_on_commit_callbacks, MONDAY + timedelta(hours=1)) == 1
    assert [message.to for message in mail.outbox] == [[dana.email], [emil.email]]
    assert set(DigestDelivery.objects.values_list("user__email", "period")) == {
        (dana.email, "daily:2026-12-07"),
        (emil.email, "daily:2026-12-07"),
    }


def test_a_late_run_catches_up_only_within_the_window(dana, emil, django_capture_on_commit_callbacks):
    announce([dana, emil], "Maintenance on Sunday")
    # 10:00 in Almaty (too late for today), 09:00 in Baku (still in time).
    assert run(django_capture_on_commit_callbacks, MONDAY + timedelta(hours=3)) == 1
    assert [message.to for message in mail.outbox] == [[emil.email]]
    assert pending(dana) == 1
    # Dana's waits for tomorrow morning.
    assert run(django_capture_on_commit_callbacks, TUESDAY) == 1
    assert sent_to(dana) and DigestDelivery.objects.get(user=dana).period == "daily:2026-12-08"


def test_an_unknown_time_zone_falls_back_to_the_sites(db, django_capture_on_commit_callbacks):
    lost = person("lost@example.org", "Mars/Olympus_Mons")
    announce([lost], "Maintenance on Sunday")
    assert run(django_capture_on_commit_callbacks, MONDAY) == 1
    assert sent_to(lost)


def test_a_weekly_digest_goes_on_monday_only(dana, django_capture_on_commit_callbacks):
    prefer(dana, "core.announcement", Delivery.WEEKLY)
    announce([dana], "Maintenance on Sunday")
    assert run(django_capture_on_commit_callbacks, TUESDAY) == 0
    assert run(django_capture_on_commit_callbacks, TUESDAY + timedelta(days=5)) == 0  # Sunday
    assert mail.outbox == [] and pending(dana) == 1
    assert run(django_capture_on_commit_callbacks, TUESDAY + timedelta(days=6)) == 1  # Monday
    [message] = mail.outbox
    assert message.subject == "Birge: your weekly digest"
    assert message.body.startswith("What happened this week")
    assert DigestDelivery.objects.get().period == "weekly:2026-W51"


# What a digest holds ----------------------------------------------------------------------------------------


@pytest.fixture
def two_kinds_two_subjects(reference, dana, emil):
    """Dana is told of two announcements and of newcomers in two of her organizations (daily, by choice);
    Emil of one announcement."""
    first = with_member(OrganizationFactory(name="Арго", name_en="Argo"), dana, Role.OWNER)
    second = with_member(OrganizationFactory(name="Бирлик", name_en="Birlik"), dana, Role.OWNER)
    prefer(dana, "orgs.member_joined", Delivery.DAILY)
    announce([dana], "Maintenance on Sunday")
    announce([dana, emil], "New search")
    member_joined([dana], first, person("nurlan@example.org"))
    member_joined([dana], second, person("saule@example.org"))
    member_joined([dana], second, person("timur@example.org"))
    return first, second


def test_one_email_per_person_groups_kinds_and_subjects_and_marks_them(
    two_kinds_two_subjects, dana, emil, django_capture_on_commit_callbacks
):
    assert run(django_capture_on_commit_callbacks, MONDAY + timedelta(hours=1)) == 2
    [message] = sent_to(dana)
    assert message.subject == "Birge: your daily digest"
    text = message.body
    assert text.startswith("What happened since yesterday")
    # Kind by kind (in the order of their keys), each with the items of its subjects.
    positions = [
        text.index(line)
        for line in (
            "== Announcements of the platform ==",
            "- Maintenance on Sunday",
            "- New search",
            "== New members of your organizations ==",
            "- Nurlan joined Argo",
            "- Saule joined Birlik",
            "- Timur joined Birlik",
        )
    ]
    assert positions == sorted(positions)
    assert "http://127.0.0.1:8000/en/announcements/" in text
    # In the HTML, one list per subject: two announcements, two organizations.
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert html.count("<ul>") == 4
    assert html.index("Saule joined Birlik") < html.index("Timur joined Birlik")
    # The two newcomers of Birlik share a list.
    assert re.search(
        r"<ul>\s*<li><a [^>]+>Saule joined Birlik</a></li>\s*<li><a [^>]+>Timur joined Birlik", html
    )

    [other] = sent_to(emil)
    assert "New search" in other.body and "Maintenance" not in other.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert set(Notification.objects.values_list("emailed_at", flat=True)) == {MONDAY + timedelta(hours=1)}
    assert DigestDelivery.objects.get(user=dana).count == 5


def test_a_second_run_sends_nothing(two_kinds_two_subjects, dana, django_capture_on_commit_callbacks):
    assert run(django_capture_on_commit_callbacks, MONDAY + timedelta(hours=1)) == 2
    assert run(django_capture_on_commit_callbacks, MONDAY + timedelta(hours=1)) == 0
    # Later the same morning, something new: it waits for tomorrow's digest.
    announce([dana], "Later news")
    assert run(django_capture_on_commit_callbacks, MONDAY + timedelta(hours=2)) == 0
    assert len(mail.outbox) == 2 and DigestDelivery.objects.count() == 2
    assert run(django_capture_on_commit_callbacks, TUESDAY) == 1
    assert "Later news" in mail.outbox[-1].body and "New search" not in mail.outbox[-1].body


def test_nothing_pending_or_outside_the_hours_sends_nothing(dana, django_capture_on_commit_callbacks):
    assert run(django_capture_on_commit_callbacks, MONDAY) == 0
    announce([dana], "Maintenance on Sunday")
    for hour in (-1, 3, 8, 12):
        assert run(django_capture_on_commit_callbacks, MONDAY + timedelta(hours=hour)) == 0
    assert mail.outbox == [] and not DigestDelivery.objects.exists() and pending(dana) == 1


def test_immediate_and_inbox_notifications_never_enter_a_digest(dana, django_capture_on_commit_callbacks):
    prefer(dana, "core.announcement", Delivery.INBOX)
    announce([dana], "Only in the inbox")
    assert run(django_capture_on_commit_callbacks, MONDAY) == 0
    assert mail.outbox == [] and not DigestDelivery.objects.exists()


def test_an_inactive_person_or_a_failing_address_gets_no_digest(
    dana, emil, django_capture_on_commit_callbacks
):
    announce([dana, emil], "Maintenance on Sunday")
    type(emil).objects.filter(pk=emil.pk).update(is_active=False)
    FailingAddress.objects.create(email=dana.email, reason="550")
    assert run(django_capture_on_commit_callbacks, MONDAY + timedelta(hours=1)) == 0
    assert mail.outbox == []


def test_kinds_turned_to_inbox_only_are_left_out(
    two_kinds_two_subjects, dana, django_capture_on_commit_callbacks
):
    prefer(dana, "orgs.member_joined", Delivery.INBOX)
    assert run(django_capture_on_commit_callbacks, MONDAY) == 1
    [message] = mail.outbox
    assert "New search" in message.body and "Maintenance on Sunday" in message.body
    assert "joined" not in message.body and "joined" not in message.alternatives[0][0]
    # They stay in the inbox.
    assert Notification.objects.filter(recipient=dana, kind="orgs.member_joined").count() == 3


def test_nothing_is_sent_when_every_pending_kind_was_turned_to_inbox_only(
    dana, django_capture_on_commit_callbacks
):
    announce([dana], "Maintenance on Sunday")
    prefer(dana, "core.announcement", Delivery.INBOX)
    assert run(django_capture_on_commit_callbacks, MONDAY) == 0
    assert mail.outbox == []


def test_each_kind_has_its_unsubscribe_link_and_the_digest_its_headers(
    two_kinds_two_subjects, dana, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks, MONDAY)
    [message] = mail.outbox
    html = message.alternatives[0][0]
    for body in (message.body, html):
        kinds = {read_token(token) for token in UNSUBSCRIBE.findall(body)}
        assert kinds == {(dana.pk, "core.announcement"), (dana.pk, "orgs.member_joined")}
    header = message.extra_headers["List-Unsubscribe"]
    [token] = UNSUBSCRIBE.findall(header)
    assert read_token(token) == (dana.pk, "digest:daily")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "http://127.0.0.1:8000/en/notifications/settings/" in message.body


def pile_up(user, count: int, title: str) -> None:
    """`count` pending notifications of the daily digest, about seven subjects."""
    announcement = Announcement.objects.create(title="Many", text="Many")
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind="core.announcement",
            about_id=str(n % 7),
            title=f"{n:03d} {title}"[:300],
            url=f"/en/announcements/{announcement.pk}/?n={n}",
            delivery=Delivery.DAILY,
        )
        for n in range(count)
    )


def test_a_digest_lists_a_few_items_and_counts_the_rest(dana, django_capture_on_commit_callbacks):
    pile_up(dana, 500, "Плановые работы на платформе")
    assert run(django_capture_on_commit_callbacks, MONDAY) == 1
    [message] = mail.outbox
    assert message.body.count("\n- ") == digests.MAX_ITEMS
    assert f"And {500 - digests.MAX_ITEMS} more in your inbox: http://127.0.0.1:8000/en/notifications/" in (
        message.body
    )
    assert f"And {500 - digests.MAX_ITEMS} more in your inbox" in message.alternatives[0][0]
    assert len(message.message().as_bytes()) < 100 * 1024
    assert pending(dana) == 0


def test_a_digest_stays_under_100_kb_with_the_longest_titles(dana, django_capture_on_commit_callbacks):
    """Titles as long as the field allows, in Russian: still a small e-mail."""
    pile_up(dana, 500, "Новости платформы " * 17)
    assert run(django_capture_on_commit_callbacks, MONDAY) == 1
    [message] = mail.outbox
    assert len(Notification.objects.first().title) == 300
    assert len(message.message().as_bytes()) < 100 * 1024


# Never twice, never lost ------------------------------------------------------------------------------------


def test_a_crash_mid_run_leaves_the_failing_batch_for_the_rerun_which_sends_it_once(
    monkeypatch, dana, emil, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(digests, "BATCH", 1)
    announce([dana, emil], "Maintenance on Sunday")
    real = digests.digest_email
    calls = []

    def crash_on_the_second_batch(user, delivery, notices):
        calls.append(user.pk)
        if len(calls) == 2:
            raise ConnectionError("the worker died")
        return real(user, delivery, notices)

    monkeypatch.setattr(digests, "digest_email", crash_on_the_second_batch)
    later = MONDAY + timedelta(hours=1)  # due for both
    with pytest.raises(ConnectionError):
        run(django_capture_on_commit_callbacks, later)
    assert [message.to for message in mail.outbox] == [[dana.email]]
    assert list(DigestDelivery.objects.values_list("user__email", flat=True)) == [dana.email]
    assert pending(dana) == 0 and pending(emil) == 1

    monkeypatch.setattr(digests, "digest_email", real)
    assert run(django_capture_on_commit_callbacks, later) == 1
    assert run(django_capture_on_commit_callbacks, later + timedelta(minutes=30)) == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted([dana.email, emil.email])
    assert pending(emil) == 0


def test_a_digest_leaves_only_once_its_batch_is_committed(dana, django_capture_on_commit_callbacks):
    announce([dana], "Maintenance on Sunday")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert send_digests(MONDAY) == 1
    assert mail.outbox == [] and callbacks
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [[dana.email]]


def test_a_digest_recorded_by_another_run_is_not_sent_again(dana, django_capture_on_commit_callbacks):
    announce([dana], "Maintenance on Sunday")
    DigestDelivery.objects.create(user=dana, period="daily:2026-12-07", count=1)
    assert run(django_capture_on_commit_callbacks, MONDAY) == 0
    assert mail.outbox == []


def test_the_command_sends_the_digests_due_now(monkeypatch, dana, django_capture_on_commit_callbacks):
    announce([dana], "Maintenance on Sunday")
    monkeypatch.setattr(timezone, "now", lambda: MONDAY)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=out)
    assert out.getvalue().strip() == "1 digest(s) queued."
    assert sent_to(dana)
