"""Events in the read API: the published and cancelled events the caller may know of (a signed-in browser
session sees its members-only and secret networks' events, as on the site), through the list page's own
read. Never the link to join, which the site shows only to confirmed participants, and never who
registered. A draft is not public data: the API never lists one, even to its organizers."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from birge.core.api import ANSWERS_TO_EVERY_REQUEST, CountryCode, Error, Slug, ThemeSlug, page_of, value_enum
from birge.events.catalog.models import Event, Format, Kind, Status
from birge.events.catalog.reads import EventFilters, known_events, past, upcoming
from birge.events.permissions import EventViewer

router = Router(tags=["events"])
PER_PAGE_LIMIT = 100

KindValue = value_enum("EventKind", Kind.values)
FormatValue = value_enum("EventFormat", Format.values)


class EventOut(Schema):
    slug: str
    url: str
    title: str
    language: str = Field(description="The language the title and description are written in.")
    kind: str
    format: str = Field(description="online, offline (in person) or hybrid.")
    status: str = Field(description="published or cancelled.")
    starts_at: datetime
    ends_at: datetime
    time_zone: str = Field(description="The zone of the place where it happens, e.g. Asia/Almaty.")
    country: str | None
    city: str
    languages: list[str] = Field(description="Working languages.")
    themes: list[str]
    organizers: list[str] = Field(description="The slugs of the organizing organizations.")
    network: str | None = Field(description="The slug of the organizing network, if any.")
    capacity: int | None = Field(description="Places; null for no limit.")


class EventDetailOut(EventOut):
    description: str = Field(description="Markdown.")
    venue: str = Field(description="The address, for an event in person.")
    registration_closes_at: datetime | None
    follow_up: str = Field(description="What came of it, written by the organizers after it; Markdown.")


class EventPage(Schema):
    count: int
    page: int
    pages: int
    results: list[EventOut]


class EventParameters(Schema):
    kind: KindValue = Field(None)
    format: FormatValue = Field(None, description="online includes hybrid events, and so does offline.")
    country: CountryCode = Field(None)
    theme: ThemeSlug = Field(None, description="A thematic area; a broad one includes its sub-areas.")
    month: str = Field(
        None,
        pattern=r"^[12][0-9]{3}-(0[1-9]|1[0-2])$",
        description="Events under way during this month (YYYY-MM), in the signed-in user's time zone, "
        "else the site's (Asia/Almaty).",
    )
    past: bool = Field(False, description="Events that are over, the latest first, instead of upcoming ones.")
    page: int = Field(1, ge=1, description="Past the last page, the last page.")
    per_page: int = Field(20, ge=1, le=PER_PAGE_LIMIT)


def _public(events):
    return events.filter(status__in=(Status.PUBLISHED, Status.CANCELLED)).prefetch_related("themes")


def _out(request: HttpRequest, event: Event) -> dict:
    return {
        "slug": event.slug,
        "url": request.build_absolute_uri(reverse("events:event", args=[event.slug])),
        "title": event.title,
        "language": event.language,
        "kind": event.kind,
        "format": event.format,
        "status": event.status,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "country": event.country.code if event.country is not None else None,
        "city": event.city,
        "languages": list(event.languages),
        "themes": [theme.slug for theme in event.themes.all()],
        "organizers": [organization.slug for organization in event.organizers.all()],
        "network": event.network.slug if event.network is not None else None,
        "capacity": event.capacity,
    }


@router.get("/", response={200: EventPage, **ANSWERS_TO_EVERY_REQUEST}, summary="List events")
def events(request: HttpRequest, given: Query[EventParameters]):
    """Upcoming events (those under way included), the soonest first; or past ones."""
    filters = EventFilters(
        kind=given.kind or "",
        format=given.format or "",
        country=given.country or "",
        theme=given.theme or "",
        month=given.month or "",
    )
    read = past if given.past else upcoming
    found = _public(read(EventViewer.of(request.user), filters))
    return page_of(found, given.page, given.per_page, lambda event: _out(request, event))


@router.get(
    "/{slug}/",
    response={200: EventDetailOut, 404: Error, **ANSWERS_TO_EVERY_REQUEST},
    summary="One event",
)
def event(request: HttpRequest, slug: Path[Slug]):
    """An event the caller may know of; 404 for a draft, a members-only event of others and a secret
    network's event, exactly as for an address where nothing is."""
    found = get_object_or_404(
        _public(known_events(EventViewer.of(request.user)))
        .select_related("network", "country")
        .prefetch_related("organizers"),
        slug=slug,
    )
    return {
        **_out(request, found),
        "description": found.description,
        "venue": found.venue if found.is_in_person else "",
        "registration_closes_at": found.registration_closes_at,
        "follow_up": found.follow_up,
    }
