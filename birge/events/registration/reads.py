"""What the registration pages read: the panel on an event's page, a person's own registrations, and the
participants of an event for its organizers.

Names and e-mail addresses of participants are read only by `participants_of`, which only the organizers'
pages call; the panel and a person's own list hold nothing of anyone else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from birge.events.catalog.models import Event
from birge.events.permissions import EventViewer, Who
from birge.events.registration import services
from birge.events.registration.forms import RegistrationForm
from birge.events.registration.models import Registration, Status


def known_event_or_404(who: Who, slug: str) -> Event:
    """The event at `slug` with what the permission checks read (its network, its organizers), or 404
    for anyone it does not exist for."""
    event = Event.objects.select_related("network").prefetch_related("organizers").filter(slug=slug).first()
    if event is None or not EventViewer.of(who).may_know(event):
        raise Http404
    return event


def registration_of(who: Who, event: Event) -> Registration | None:
    """The person's registration for `event`, in whatever status (None for an anonymous visitor)."""
    user = EventViewer.of(who).user
    if user is None:
        return None
    return Registration.objects.filter(event=event, person=user).first()


def counts_of(event: Event) -> dict[str, int]:
    """How many are confirmed, waiting and cancelled (one query)."""
    return Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
    )


def is_full(event: Event) -> bool:
    """Whether a newcomer would join the waitlist: no place left, or people already waiting."""
    if event.capacity is None:
        return False
    counts = counts_of(event)
    return counts["confirmed"] >= event.capacity or counts["waitlisted"] > 0


def may_have_certificate(registration: Registration | None) -> bool:
    return (
        registration is not None
        and registration.event.certificates
        and registration.status == Status.CONFIRMED
        and registration.attended is True
    )


@dataclass
class Panel:
    """What the registration panel of an event's page shows to one person."""

    event: Event
    signed_in: bool
    is_organizer: bool
    registration: Registration | None
    # Of the viewer's registration, 1 for the first on the waitlist.
    position: int | None
    # None: as many places as people register.
    places_left: int | None
    is_open: bool
    closed_reason: str
    may_register: bool
    may_cancel: bool
    form: RegistrationForm | None
    # Only for a confirmed participant and the organizers: an open link invites disruption.
    online_url: str
    counts: dict[str, int] = field(default_factory=dict)
    certificate: bool = False

    @property
    def is_confirmed(self) -> bool:
        return self.registration is not None and self.registration.status == Status.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.registration is not None and self.registration.status == Status.WAITLISTED

    @property
    def is_cancelled(self) -> bool:
        return self.registration is not None and self.registration.status == Status.CANCELLED

    @property
    def is_full(self) -> bool:
        return self.places_left == 0


def panel(viewer: Who, event: Event) -> dict[str, Any]:
    """The context of "events/registration/panel.html" on the event's page, for a person who may know the
    event (the page checked it): `{"registration_panel": Panel}`. The event's page merges it into its
    context and includes the template. At most four queries: the person's registration, the counts, their
    place on the waitlist, and the organizations they may register from (when the form is shown)."""
    viewer = EventViewer.of(viewer)
    registration = registration_of(viewer, event)
    if registration is not None:
        registration.event = event
    is_organizer = viewer.user is not None and viewer.is_organizer(event)
    counts = counts_of(event) if event.capacity is not None or is_organizer else {}
    places_left = None if event.capacity is None else max(event.capacity - counts["confirmed"], 0)
    # Someone is waiting while places are free only for the moment it takes to promote them.
    if places_left and counts.get("waitlisted"):
        places_left = 0
    is_open = services.registration_open(event)
    active = registration is not None and registration.status != Status.CANCELLED
    may_register = is_open and not active and viewer.user is not None and viewer.may_register(event)
    form = None
    if may_register:
        form = RegistrationForm(event=event, organization_ids=sorted(viewer.viewer.member_of))
    confirmed = registration is not None and registration.status == Status.CONFIRMED
    return {
        "registration_panel": Panel(
            event=event,
            signed_in=viewer.user is not None,
            is_organizer=is_organizer,
            registration=registration,
            position=services.waitlist_position(registration) if registration is not None else None,
            places_left=places_left,
            is_open=is_open,
            closed_reason=services.closed_reason(event),
            may_register=may_register,
            may_cancel=active and not services.has_started(event),
            form=form,
            online_url=event.online_url if event.is_online and (confirmed or is_organizer) else "",
            counts=counts if is_organizer else {},
            certificate=may_have_certificate(registration),
        )
    }


# A person's own registrations -------------------------------------------------------------------------------


def _ahead_in_queue():
    """The number of people before a waitlisted registration in its event's queue (a subquery)."""
    before = (
        Registration.objects.filter(event_id=OuterRef("event_id"), status=Status.WAITLISTED)
        .filter(
            Q(queued_at__lt=OuterRef("queued_at")) | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("event_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(before, output_field=IntegerField()), Value(0))


@dataclass(frozen=True)
class MyRegistration:
    registration: Registration
    position: int | None
    certificate: bool

    @property
    def event(self) -> Event:
        return self.registration.event


def my_registrations(user) -> dict[str, list[MyRegistration]]:
    """`user`'s registrations as {"upcoming": soonest first, "past": latest first} (one query); an event
    under way is upcoming until it ends."""
    rows = (
        Registration.objects.filter(person=user)
        .select_related("event")
        .annotate(ahead=_ahead_in_queue())
        .order_by("event__starts_at", "pk")
    )
    now = timezone.now()
    upcoming, past = [], []
    for registration in rows:
        item = MyRegistration(
            registration=registration,
            position=registration.ahead + 1 if registration.status == Status.WAITLISTED else None,
            certificate=may_have_certificate(registration),
        )
        (upcoming if registration.event.ends_at >= now else past).append(item)
    past.reverse()
    return {"upcoming": upcoming, "past": past}


# Participants, for the organizers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Participants:
    confirmed: list[Registration]
    waitlist: list[Registration]  # in the order places will be given
    cancelled: int


def participants_of(event: Event) -> Participants:
    """Everyone registered for `event`, with their person and organization (two queries). Only for pages
    the organizers alone open."""
    rows = (
        Registration.objects.filter(event=event)
        .exclude(status=Status.CANCELLED)
        .select_related("person", "organization")
        .order_by("queued_at", "pk")
    )
    confirmed, waitlist = [], []
    for registration in rows:
        (confirmed if registration.status == Status.CONFIRMED else waitlist).append(registration)
    cancelled = Registration.objects.filter(event=event, status=Status.CANCELLED).count()
    return Participants(confirmed=confirmed, waitlist=waitlist, cancelled=cancelled)


# A person's data export -------------------------------------------------------------------------------------


def registrations_export(user) -> list[dict]:
    """What the registrations hold about `user`, for their data export (an events account hook calls it).
    Deleting the account deletes the registrations with it (the foreign key cascades)."""
    rows = (
        Registration.objects.filter(person=user)
        .select_related("event", "organization")
        .order_by("created_at")
    )
    return [
        {
            "event": registration.event.title,
            "starts": registration.event.starts_at.isoformat(),
            "status": registration.status,
            "organization": registration.organization.name if registration.organization_id else "",
            "registered": registration.created_at.isoformat(),
            "dietary": registration.dietary,
            "interpretation": registration.interpretation,
            "accessibility": registration.accessibility,
            "attended": registration.attended,
            "certificate_code": registration.certificate_code or "",
        }
        for registration in rows
    ]
