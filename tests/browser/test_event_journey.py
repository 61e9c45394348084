"""Events in the browser: a CSO's owner finds a webinar whose places are all taken, joins its waitlist, is
given the place when another participant cancels (and is told so), and adds the webinar to a calendar: the
file the browser downloads holds the webinar at its time, with the link to join that only a confirmed
participant receives."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar

from birge.core.notifications.models import Notification
from birge.events.conftest import coordinator, kg_ngo, kg_owner, kz_ngo, make_event, reader, tj_ngo, tj_owner
from birge.events.registration.models import Registration, Status
from birge.events.registration.services import cancel, register
from tests.browser.test_application_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The events tests' fixtures, by name (this folder is outside birge/events, where they are found).
__all__ = ["coordinator", "kg_ngo", "kg_owner", "kz_ngo", "reader", "tj_ngo", "tj_owner"]


def test_a_cso_joins_the_waitlist_of_a_full_webinar_is_given_the_place_and_adds_it_to_a_calendar(
    visitor, reference, kz_ngo, kg_owner, kg_ngo, tj_owner, tj_ngo
):
    start = (timezone.now() + dt.timedelta(days=10)).replace(microsecond=0)
    webinar = make_event([kz_ngo], title="Вебинар: отчётность НКО", capacity=1, starts_at=start)
    taken = register(kg_owner, webinar, organization=kg_ngo)
    assert taken.status == Status.CONFIRMED
    page = visitor.page

    # The Tajik organization's owner finds the webinar full and joins the waitlist, for her organization.
    log_in(page, visitor.base_url, tj_owner.email)
    visitor.goto(f"/ru/events/{webinar.slug}/")
    assert "Вебинар: отчётность НКО" in page.inner_text("h1")
    assert page.locator("a[href^='https://meet.example.org']").count() == 0
    page.select_option("#registration select[name=organization]", str(tj_ngo.pk))
    page.click("#registration button[type=submit]:not(.secondary)")
    visitor.check()
    mine = Registration.objects.get(event=webinar, person=tj_owner)
    assert mine.status == Status.WAITLISTED and mine.organization == tj_ngo
    assert "1" in page.inner_text("#registration .msg")

    # The participant with the place cancels: the place goes to her at once, and she is told.
    cancel(kg_owner, taken)
    mine.refresh_from_db()
    assert mine.status == Status.CONFIRMED
    told = Notification.objects.filter(recipient=tj_owner, kind="events.registration").order_by("-pk").first()
    assert told is not None and webinar.title in told.title

    visitor.goto(f"/ru/events/{webinar.slug}/")
    assert page.locator("a[href='https://meet.example.org/room-42']").count() == 1

    # She adds it to her calendar: the file holds the webinar, its time and, for her, the link to join.
    with page.expect_download() as download:
        page.click("a[href$='/event.ics']")
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Вебинар: отчётность НКО"
    assert event.decoded("DTSTART") == webinar.starts_at
    assert "meet.example.org/room-42" in event.to_ical().decode()
