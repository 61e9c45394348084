"""The notifications journey, in Russian: a member chooses the daily digest for the platform's
announcements; a site administrator publishes two; nothing is e-mailed at once; the digest at the member's
local hour holds both; the announcements' link in it unsubscribes without a login; the settings page then
says "only in the inbox", and the inbox still lists both, unread, until one is opened."""

import re
import zoneinfo
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.text import capfirst

from birge.core.notifications.digests import send_digests
from birge.core.notifications.models import NoticePreference, Notification
from birge.core.notifications.unsubscribe import read_token
from conftest import PASSWORD, make_user
from tests.browser.conftest import PHONE, Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "ru"
KIND = "core.announcement"
# Not the site's zone, so that the digest's hour has to be read in the member's own.
MEMBER_ZONE = "Asia/Bishkek"
MEMBER = "aigul@example.kg"
ADMIN = "admin@example.kg"
MAINTENANCE = "Плановые работы в субботу"
GRANTS = "Новый раздел: гранты"


def gettext_in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def announcements_label() -> str:
    """The settings page's label for the announcements' select, as the member reads it."""
    return capfirst(gettext_in(LANGUAGE, "announcements of the platform"))


def log_in(visitor, email: str) -> None:
    page = visitor.page
    visitor.goto(f"/{LANGUAGE}/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    visitor.check()
    assert "/accounts/login/" not in page.url


@contextmanager
def another_visitor(browser, live_server):
    """A second browser, with its own cookies: nobody is logged in there."""
    context = browser.new_context(viewport=PHONE)
    try:
        yield Visitor(context.new_page(), live_server.url)
    finally:
        context.close()


def choose_for_announcements(visitor, delivery: str) -> None:
    """On the settings page: pick `delivery` in the announcements' select (found by its label) and save."""
    page = visitor.page
    page.get_by_label(announcements_label(), exact=True).select_option(delivery)
    page.click("main form button[type=submit]")
    visitor.check()
    assert gettext_in(LANGUAGE, "Saved.") in page.inner_text("main [role=status]")
    assert page.get_by_label(announcements_label(), exact=True).input_value() == delivery


def publish(visitor, title: str, text: str) -> None:
    page = visitor.page
    visitor.goto(f"/{LANGUAGE}/announcements/")
    page.fill("#id_title", title)
    page.fill("#id_text", text)
    page.click("main form button[type=submit]")
    visitor.check()
    assert page.inner_text("main h1") == title


def mails_to(email: str) -> list:
    return [message for message in mail.outbox if email in message.to]


def in_sending_hour(zone: str, *, hours_later: int = 0) -> datetime:
    """Today at BIRGE_DIGEST_HOUR:15 (plus `hours_later`) in `zone`, as an aware datetime."""
    local_today = datetime.now(zoneinfo.ZoneInfo(zone)).date()
    return datetime(
        local_today.year,
        local_today.month,
        local_today.day,
        settings.BIRGE_DIGEST_HOUR,
        15,
        tzinfo=zoneinfo.ZoneInfo(zone),
    ) + timedelta(hours=hours_later)


def section_unsubscribe_link(body: str, title: str) -> str:
    """The address under "Stop these e-mails" in the digest's section titled `title`, as a path."""
    section = re.search(rf"^== {re.escape(title)} ==\n(.*?)(?=^==|^—)", body, re.S | re.M)
    assert section, body
    stop = re.escape(gettext_in(LANGUAGE, "Stop these e-mails (one click, no login):"))
    link = re.search(rf"{stop} https?://[^/\s]+(/\S+)", section.group(1))
    assert link, section.group(1)
    return link.group(1)


def header_count(page) -> str:
    counter = page.locator("header nav a[href$='/notifications/'] .count")
    return counter.text_content().split()[0] if counter.count() else ""


def test_daily_digest_unsubscribe_from_the_email_and_read_in_the_inbox(visitor, browser, live_server):
    page = visitor.page
    member = make_user(MEMBER, display_name="Айгуль", language=LANGUAGE, time_zone=MEMBER_ZONE)
    make_user(ADMIN, display_name="Администратор", language=LANGUAGE, is_staff=True, is_superuser=True)

    # The member chooses the daily digest. It is the kind's default, so go through "at once" first:
    # the form really changes the choice, twice.
    log_in(visitor, MEMBER)
    visitor.goto(f"/{LANGUAGE}/notifications/settings/")
    assert page.get_by_label(announcements_label(), exact=True).input_value() == "daily"
    choose_for_announcements(visitor, "immediate")
    assert NoticePreference.objects.get(user=member, kind=KIND).delivery == "immediate"
    choose_for_announcements(visitor, "daily")
    assert NoticePreference.objects.get(user=member, kind=KIND).delivery == "daily"

    # A site administrator publishes two announcements from the announcements page.
    with another_visitor(browser, live_server) as admin:
        log_in(admin, ADMIN)
        publish(admin, MAINTENANCE, "Сайт будет недоступен с 02:00 до 04:00.")
        publish(admin, GRANTS, "Теперь в каталоге можно искать гранты.")
    assert Notification.objects.filter(recipient=member, kind=KIND, delivery="daily").count() == 2
    assert mails_to(MEMBER) == []  # the digest, not an e-mail at once

    # An hour before the member's sending hour, nothing goes to them; within it, one digest does.
    send_digests(in_sending_hour(MEMBER_ZONE, hours_later=-1))
    assert mails_to(MEMBER) == []
    send_digests(in_sending_hour(MEMBER_ZONE))
    digests = mails_to(MEMBER)
    assert len(digests) == 1, [message.subject for message in digests]
    body = digests[0].body
    assert gettext_in(LANGUAGE, "your daily digest") in digests[0].subject
    assert MAINTENANCE in body and GRANTS in body
    html = {mimetype: content for content, mimetype in digests[0].alternatives}["text/html"]
    assert MAINTENANCE in html and GRANTS in html
    send_digests(in_sending_hour(MEMBER_ZONE))  # a second run sends nothing again
    assert len(mails_to(MEMBER)) == 1

    # The announcements' own link, opened in a browser where nobody is logged in.
    link = section_unsubscribe_link(body, announcements_label())
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert read_token(token) == (member.pk, KIND)
    with another_visitor(browser, live_server) as stranger:
        stranger.goto(link)
        assert NoticePreference.objects.get(user=member, kind=KIND).delivery == "daily"  # a GET only asks
        assert "Айгуль" not in stranger.page.inner_text("header")
        stranger.page.click("main form button[type=submit]")
        stranger.check()
        done = stranger.page.inner_text("main [role=status]")
        assert announcements_label().lower() in done.lower(), done
    assert NoticePreference.objects.get(user=member, kind=KIND).delivery == "inbox"

    # The member's settings page says so.
    visitor.goto(f"/{LANGUAGE}/notifications/settings/")
    select = page.get_by_label(announcements_label(), exact=True)
    assert select.input_value() == "inbox"
    assert select.locator("option:checked").inner_text() == gettext_in(LANGUAGE, "only in the inbox")

    # The inbox lists both, unread, and the header counts them; opening one marks it read.
    visitor.goto(f"/{LANGUAGE}/notifications/")
    notices = page.locator("main ul.notices li")
    assert notices.count() == 2
    assert page.locator("main ul.notices li.unread").count() == 2
    assert MAINTENANCE in page.inner_text("main ul.notices") and GRANTS in page.inner_text("main ul.notices")
    assert header_count(page) == "2"
    notices.filter(has_text=MAINTENANCE).locator("button").click()
    visitor.check()
    assert page.inner_text("main h1") == MAINTENANCE  # the announcement itself
    assert header_count(page) == "1"
    visitor.goto(f"/{LANGUAGE}/notifications/")
    assert page.locator("main ul.notices li.unread").count() == 1
    assert GRANTS in page.inner_text("main ul.notices li.unread")
    assert header_count(page) == "1"
    assert Notification.objects.get(recipient=member, title=MAINTENANCE).read_at is not None
    assert Notification.objects.get(recipient=member, title=GRANTS).read_at is None


def test_settings_form_saves_without_javascript(phone_without_javascript, live_server):
    member = make_user(MEMBER, display_name="Айгуль", language=LANGUAGE)
    page = phone_without_javascript.new_page()
    page.goto(f"{live_server.url}/{LANGUAGE}/accounts/login/")
    page.fill("#id_login", MEMBER)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    assert "Айгуль" in page.inner_text("header")
    page.goto(f"{live_server.url}/{LANGUAGE}/notifications/settings/")
    page.get_by_label(announcements_label(), exact=True).select_option("weekly")
    page.click("main form button[type=submit]")
    assert page.url.endswith(f"/{LANGUAGE}/notifications/settings/")
    assert gettext_in(LANGUAGE, "Saved.") in page.inner_text("main [role=status]")
    assert page.get_by_label(announcements_label(), exact=True).input_value() == "weekly"
    assert NoticePreference.objects.get(user=member, kind=KIND).delivery == "weekly"
