"""Events as iCalendar (RFC 5545): one event's file and the subscribable feeds.

Calendar applications keep a copy of each event under its UID and replace it when a newer SEQUENCE comes,
so the UID never changes (it is built from the primary key, not the address, which organizers may edit) and
SEQUENCE is the event's own counter. Times are written in the event's own zone, with its VTIMEZONE, so that
a calendar abroad shows the right hour even after the zone's rules change.

What a file holds is decided by the caller: the link to join online only for a confirmed participant or an
organizer, and never in a feed, whose address travels (a calendar application cannot sign in).

The output is the same bytes for the same data (DTSTAMP is the last change, not the hour of the request,
and the zones come in a fixed order), so that a feed's ETag spares calendars the download when nothing
changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache
from html import unescape
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar, Conference, Timezone, vDuration
from icalendar import Event as VEvent
from icalendar.enums import STATUS

from birge.core.markdown import render as markdown
from birge.core.notifications.emails import absolute_url
from birge.events.catalog.models import Event, Status

PRODID = "-//Birge//Events//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often a subscribed calendar should fetch a feed again (RFC 7986 REFRESH-INTERVAL and the older
# X-PUBLISHED-TTL, which Outlook reads).
REFRESH = dt.timedelta(hours=1)

_STATUSES = {Status.PUBLISHED: STATUS.CONFIRMED, Status.CANCELLED: STATUS.CANCELLED}


def site_domain() -> str:
    return urlsplit(settings.BIRGE_SITE_URL).hostname or "birge"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{site_domain()}"


def event_url(event: Event) -> str:
    return absolute_url(reverse("events:event", args=[event.slug]))


def plain_text(text: str) -> str:
    """What organizers wrote (Markdown), as the plain text a calendar shows."""
    return unescape(strip_tags(markdown(text))).strip() if text else ""


def venue(event: Event) -> str:
    """The venue and city, on one line (empty for an event held online only)."""
    if not event.is_in_person:
        return ""
    # The venue is written over several lines ("Hotel X,\n hall 2"): one line, each part once separated.
    parts = [line.strip(" ,;") for line in event.venue.splitlines()] + [event.city.strip()]
    return ", ".join(part for part in parts if part)


def place(event: Event) -> str:
    """Where it happens, on one line: the venue and city, and "online" where one may join online."""
    parts = [venue(event), pgettext("event place", "online") if event.is_online else ""]
    return ", ".join(part for part in parts if part)


def _description(event: Event, url: str, online_url: str) -> str:
    lines = [plain_text(event.description)]
    organizers = [organization.name for organization in event.organizers.all()]
    if event.network_id is not None:
        organizers.append(event.network.name)
    if organizers:
        lines.append(_("Organized by: %(organizers)s") % {"organizers": ", ".join(organizers)})
    if online_url:
        lines.append(_("Link to join online: %(url)s") % {"url": online_url})
    elif event.is_online:
        lines.append(_("The link to join online is on the event's page, for confirmed participants."))
    lines.append(_("The event's page: %(url)s") % {"url": url})
    return "\n\n".join(line for line in lines if line)


def vevent(event: Event, *, online_url: str = "") -> VEvent:
    """The VEVENT of `event`; `online_url` only where the caller decided the reader may have it. Reads the
    event's organizers and network: prefetch them for a list."""
    zone = ZoneInfo(event.time_zone)
    url = event_url(event)
    component = VEvent.new(
        uid=event_uid(event),
        # Without a METHOD, DTSTAMP is when the event last changed (RFC 5545, 3.8.7.2).
        stamp=event.updated_at.astimezone(dt.UTC),
        created=event.created_at.astimezone(dt.UTC),
        last_modified=event.updated_at.astimezone(dt.UTC),
        start=event.starts_at.astimezone(zone),
        end=event.ends_at.astimezone(zone),
        summary=event.title,
        description=_description(event, url, online_url),
        location=place(event) or None,
        url=url,
        sequence=event.sequence,
        # A draft reaches only its organizers' own file.
        status=_STATUSES.get(event.status, STATUS.TENTATIVE),
    )
    if online_url:
        component.conferences = [Conference(online_url, feature=["VIDEO"], label=_("Join online"))]
    return component


@lru_cache(maxsize=64)
def _timezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    # Building a VTIMEZONE walks the zone's transitions: done once per zone and span of years. The
    # component is only ever serialized, never changed, so calendars may share it.
    return Timezone.from_tzid(tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year, 1, 1))


def calendar(
    events: Iterable[Event],
    *,
    name: str = "",
    online_urls: Mapping[int, str] | None = None,
) -> bytes:
    """A VCALENDAR of `events` (with the VTIMEZONE of each zone they use); `name` makes it a feed that a
    calendar application subscribes to, shown under that name; `online_urls` gives, by event id, the link to
    join that the reader may have."""
    events = list(events)
    online_urls = online_urls or {}
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.calendar_name = name
        cal.refresh_interval = REFRESH
        cal.add("x-published-ttl", vDuration(REFRESH))
    if events:
        first = min(event.starts_at for event in events).year
        last = max(event.ends_at for event in events).year + 2
        for tzid in sorted({event.time_zone for event in events} - {"UTC"}):
            cal.add_component(_timezone(tzid, first, last))
    for event in events:
        cal.add_component(vevent(event, online_url=online_urls.get(event.pk, "")))
    return cal.to_ical()
