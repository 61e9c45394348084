"""What the event pages, the API and an organization's profile read: the lists with their filters, one
event for the person looking, and what its page shows beside it (places left, whether the person holds one,
why it was cancelled)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from birge.core.models import Event as AuditEvent
from birge.events.catalog.models import ZONES, Event, Format, Kind, Status
from birge.events.events import Verb
from birge.events.permissions import EventViewer

MAX_QUERY = 100
ZONE_NAMES = dict(ZONES)
# Format filter -> the formats it takes: an online participant can join a hybrid event too.
FORMATS = {
    Format.ONLINE: (Format.ONLINE, Format.HYBRID),
    Format.OFFLINE: (Format.OFFLINE, Format.HYBRID),
    Format.HYBRID: (Format.HYBRID,),
}


@dataclass(frozen=True)
class EventFilters:
    q: str = ""
    country: str = ""
    kind: str = ""
    format: str = ""
    theme: str = ""
    month: str = ""  # "2026-12"
    organization: str = ""
    network: str = ""
    past: bool = False

    @classmethod
    def from_query(cls, params) -> EventFilters:
        """The filters of a shared link, whatever it carries: a value that is no choice is ignored."""

        def one(name: str, limit: int = MAX_QUERY) -> str:
            value = params.get(name, "")
            return "".join(char for char in value if char.isprintable())[:limit].strip()

        kind, event_format, month = one("kind"), one("format"), one("month", 7)
        return cls(
            q=one("q"),
            country=one("country", 2).upper(),
            kind=kind if kind in Kind.values else "",
            format=event_format if event_format in FORMATS else "",
            theme=one("theme", 64),
            month=month if month_range(month) else "",
            organization=one("organization", 80),
            network=one("network", 80),
            past=params.get("when") == "past",
        )

    @property
    def narrowed(self) -> bool:
        """Whether any filter beyond upcoming/past is set."""
        return self != EventFilters(past=self.past)


def month_range(month: str) -> tuple[datetime, datetime] | None:
    """The first instant of "YYYY-MM" and of the month after it, in the active time zone; None if the
    value is no month."""
    try:
        year, number = (int(part) for part in month.split("-"))
        start = datetime(year, number, 1)  # noqa: DTZ001 (made aware just below)
        after = datetime(year + number // 12, number % 12 + 1, 1)  # noqa: DTZ001
    except ValueError:
        return None
    if len(month) != 7:
        return None
    return timezone.make_aware(start), timezone.make_aware(after)


def zone_of(name: str) -> ZoneInfo:
    """The zone called `name` (UTC for a name the tz database does not know)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def event_zone(event: Event) -> ZoneInfo:
    """The event's own zone."""
    return zone_of(event.time_zone)


def known_events(viewer: EventViewer):
    """The events that exist for this person (`EventQuerySet.known_to`: drafts of the networks they
    coordinate included)."""
    return viewer.known(Event.objects.all())


def _filtered(viewer: EventViewer, filters: EventFilters):
    events = known_events(viewer)
    if filters.country:
        events = events.filter(country__code=filters.country)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.format:
        events = events.filter(format__in=FORMATS[filters.format])
    if filters.theme:
        theme = Q(themes__slug=filters.theme) | Q(themes__parent__slug=filters.theme)
        events = events.filter(pk__in=Event.objects.filter(theme).values("pk"))
    if filters.month and (bounds := month_range(filters.month)):
        events = events.filter(starts_at__lt=bounds[1], ends_at__gte=bounds[0])
    if filters.q:
        # SQLite folds the case of Latin letters only: the usual spellings of a Cyrillic word are asked
        # for as well (PostgreSQL folds them all and finds the same).
        spellings = {
            filters.q,
            filters.q.lower(),
            filters.q.upper(),
            filters.q.capitalize(),
            filters.q.title(),
        }
        condition = Q()
        for spelling in sorted(spellings):
            condition |= Q(title__icontains=spelling)
        events = events.filter(condition)
    if filters.organization:
        events = events.filter(
            pk__in=Event.organizers.through.objects.filter(organization__slug=filters.organization).values(
                "event_id"
            )
        )
    if filters.network:
        events = events.filter(network__slug=filters.network)
    return events.select_related("network", "country").prefetch_related("organizers")


def upcoming(viewer: EventViewer, filters: EventFilters = EventFilters()):
    """Events not yet over (those under way included), the soonest first."""
    return _filtered(viewer, filters).filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")


def past(viewer: EventViewer, filters: EventFilters = EventFilters()):
    """Events that are over, the latest first."""
    return _filtered(viewer, filters).filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")


def listed(viewer: EventViewer, filters: EventFilters):
    return past(viewer, filters) if filters.past else upcoming(viewer, filters)


def event_or_404(viewer: EventViewer, slug: str) -> Event:
    """The event at `slug`, if it exists for this person: a draft, or a secret network's event, answers
    anyone else exactly as an address where nothing is."""
    event = (
        Event.objects.select_related("network", "country")
        .prefetch_related("organizers", "themes")
        .filter(slug=slug)
        .first()
    )
    if event is None or not viewer.may_know(event):
        raise Http404
    return event


def cancellation_reason(event: Event) -> str:
    """Why the event was cancelled, as its organizers said (kept in the audit entry of the cancellation)."""
    if event.status != Status.CANCELLED:
        return ""
    entry = (
        AuditEvent.objects.filter(
            verb=Verb.CANCELLED,
            target_type=ContentType.objects.get_for_model(Event),
            target_id=str(event.pk),
        )
        .order_by("-created_at", "-id")
        .first()
    )
    return entry.new.get("reason", "") if entry is not None else ""


def events_of_organization(organization, viewer) -> dict | None:
    """The profile's section: the organization's next five events and its latest three past ones that the
    person looking may know of, in one query (the profile page has many sections to read)."""
    now = timezone.now()
    coming = Q(ends_at__gte=now)
    side = Case(When(coming, then=Value(1)), default=Value(0))
    # Numbered on each side of now: the upcoming ones from the soonest, the past ones from the latest.
    rank = Window(
        RowNumber(),
        partition_by=[side],
        order_by=[
            Case(When(coming, then=F("starts_at"))).asc(nulls_last=True),
            F("starts_at").desc(),
            F("pk").desc(),
        ],
    )
    rows = list(
        known_events(EventViewer.of(viewer))
        .filter(pk__in=Event.organizers.through.objects.filter(organization=organization).values("event_id"))
        .annotate(side=side, rank=rank)
        .filter(rank__lte=5)
        .order_by("-side", "rank")
    )
    if not rows:
        return None
    upcoming_rows = [event for event in rows if event.side == 1]
    recent = [event for event in rows if event.side == 0][:3]
    return {"upcoming": upcoming_rows, "recent": recent, "organization": organization}
