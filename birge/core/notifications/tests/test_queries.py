"""The inbox and the settings page take as many queries for a person with many notifications (or many
kinds and choices) as for one with a few, and stay within the byte budgets."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from birge.core.notifications.kinds import NOTICE_KINDS, Delivery, NoticeKind
from birge.core.notifications.models import NoticePreference, Notification
from birge.core.notifications.services import unread_key
from birge.core.testing import assert_same_queries, assert_within_budget, counted_get

INBOX = "/en/notifications/"
SETTINGS = "/en/notifications/settings/"


def grow_inbox(user, *, to: int) -> None:
    """`to` notifications, every other one read; the header's cached count forgotten."""
    have = Notification.objects.filter(recipient=user).count()
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind="core.announcement",
            title=f"Announcement {n}",
            url=f"/en/announcements/{n}/",
            delivery=Delivery.INBOX,
            emailed_at=timezone.now(),
            read_at=timezone.now() if n % 2 else None,
        )
        for n in range(have, to)
    )
    cache.delete(unread_key(user.pk))


# The session and the user, the number of notifications (for the pages), the unread ones (then cached for the
# header), the page's rows.
def test_the_inbox_takes_as_many_queries_for_many_notifications_as_for_two(client, alice, bob):
    grow_inbox(bob, to=5)  # someone else's are not read
    client.force_login(alice)
    client.get(INBOX)
    grow_inbox(alice, to=2)
    few = counted_get(client, INBOX)
    grow_inbox(alice, to=30)
    many = counted_get(client, INBOX)

    assert many.response.status_code == 200
    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count("Announcement ") == 20 and '<span class="count">15<' in page
    assert_same_queries(few, many, at_most=5)


@pytest.fixture
def thirty_kinds(monkeypatch):
    """Thirty more kinds a person may choose for, as apps add them."""
    keys = [f"tests.kind_{n:02d}" for n in range(30)]
    for key in keys:
        monkeypatch.setitem(NOTICE_KINDS, key, NoticeKind(key, f"things of kind {key[-2:]}"))
    return keys


# The session and the user, the person's choices, whether they administer a hub (asked again by each of the
# three hub kinds: the form's two and the locked list's one), whether they hold a role in a funding program
# (funding's call status kind), a failing address; the header's unread count is cached.
def test_the_settings_page_takes_as_many_queries_for_thirty_choices_as_for_two(client, alice, thirty_kinds):
    client.force_login(alice)
    client.get(SETTINGS)
    for key in thirty_kinds[:2]:
        NoticePreference.objects.create(user=alice, kind=key, delivery=Delivery.WEEKLY)
    few = counted_get(client, SETTINGS)
    for key in thirty_kinds[2:]:
        NoticePreference.objects.create(user=alice, kind=key, delivery=Delivery.WEEKLY)
    many = counted_get(client, SETTINGS)

    assert many.response.status_code == 200
    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count('<option value="weekly" selected>') == 30
    assert 'name="tests.kind_29"' in page
    assert_same_queries(few, many, at_most=8)
