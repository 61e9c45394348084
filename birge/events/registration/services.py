"""Every write of registrations: registering (a place, or the waitlist), cancelling, filling freed places
from the waitlist, and marking attendance.

The places of an event are decided with the event's row locked (`SELECT ... FOR UPDATE` on PostgreSQL; on
SQLite every `atomic` block is an IMMEDIATE transaction, so writers take turns): two people asking for the
last place at the same moment cannot both get it, and the waitlist keeps the order in which people asked
(`queued_at`). Whenever a confirmed place frees or the organizers add places, the first on the waitlist are
given them in the same locked transaction, so a newcomer never takes a place that someone waiting was owed.

Each change is written to the audit log and told to the person it concerns ("events.registration"), in
their language, after the commit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.core.validators import validate_single_line
from birge.events.catalog.models import Event
from birge.events.catalog.models import Status as EventStatus
from birge.events.events import Verb
from birge.events.permissions import EventViewer, can_manage
from birge.events.registration.models import Registration, Status
from birge.orgs.profiles.models import Organization

MAX_ANSWER = 300
# The questions an event may ask: (field of the registration, flag of the event that asks it).
QUESTIONS = (
    ("dietary", "ask_dietary"),
    ("interpretation", "ask_interpretation"),
    ("accessibility", "ask_accessibility"),
)

SUBJECTS = {
    "confirmed": gettext_lazy("Your place at “{title}” is confirmed"),
    "waitlisted": gettext_lazy("You are on the waitlist of “{title}”"),
    "promoted": gettext_lazy("A place at “{title}” is yours now"),
    "cancelled": gettext_lazy("Your registration for “{title}” is cancelled"),
}


# Reading the state of an event ------------------------------------------------------------------------------


def has_started(event: Event, now=None) -> bool:
    return (now or timezone.now()) >= event.starts_at


def registration_open(event: Event, now=None) -> bool:
    """Whether people may still register: the event is published, has not begun, and the organizers'
    closing time, if any, has not passed."""
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED or has_started(event, now):
        return False
    return event.registration_closes_at is None or now < event.registration_closes_at


def closed_reason(event: Event, now=None) -> str:
    """Why registration is closed, in words for the person (empty when it is open)."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return _("The event is cancelled.")
    if event.status != EventStatus.PUBLISHED:
        return _("The event is not published yet.")
    if has_started(event, now):
        return _("The event has begun; registration is closed.")
    if event.registration_closes_at is not None and now >= event.registration_closes_at:
        return _("Registration for this event is closed.")
    return ""


def asked_questions(event: Event) -> list[str]:
    """The answers the event asks for, by the registration's field names."""
    return [name for name, flag in QUESTIONS if getattr(event, flag)]


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first on the waitlist; None for a registration not on it (one query)."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk),
        event_id=registration.event_id,
        status=Status.WAITLISTED,
    )
    return ahead.count() + 1


# Checks -----------------------------------------------------------------------------------------------------


def _clean_answers(event: Event, answers: dict[str, str]) -> dict[str, str]:
    asked = asked_questions(event)
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for name, _flag in QUESTIONS:
        value = (answers.get(name) or "").strip()
        if not value:
            cleaned[name] = ""
            continue
        if name not in asked:
            # Only a hand-made request sends an answer the form did not ask; it is refused, not kept.
            errors[name] = [_("The organizers do not ask this question.")]
            continue
        if name == "interpretation":
            if value not in settings.LANGUAGE_CODES:
                errors[name] = [_("Choose one of the languages offered.")]
                continue
        elif len(value) > MAX_ANSWER:
            errors[name] = [_("Keep it under %(count)d characters.") % {"count": MAX_ANSWER}]
            continue
        try:
            validate_single_line(value)
        except ValidationError as error:
            errors[name] = error.messages
            continue
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_organization(viewer: EventViewer, organization: Organization | None) -> None:
    if organization is not None and organization.pk not in viewer.viewer.member_of:
        raise ValidationError({"organization": [_("Choose an organization you belong to.")]})


def _locked(event: Event) -> Event:
    """The event's row, locked until the transaction ends: every decision about its places is taken
    under this lock."""
    return Event.objects.select_for_update().get(pk=event.pk)


# Telling ----------------------------------------------------------------------------------------------------


def _tell(
    registration: Registration, event: Event, what: str, *, position: int | None = None, by_organizers=False
):
    notify(
        [registration.person],
        kind="events.registration",
        about=event,
        subject=format_lazy(SUBJECTS[what], title=event.title),
        template="events/registration/email/registration.txt",
        # No online link here: it is on the event's page for confirmed participants, and an e-mail is read
        # outside the platform.
        context={
            "what": what,
            "title": event.title,
            "starts_at": event.starts_at,
            "time_zone": event.time_zone,
            "position": position,
            "by_organizers": by_organizers,
        },
        link=("events:event", (event.slug,)),
    )


def _audit_entry(registration: Registration, **extra: Any) -> dict:
    # The answers stay out of the audit log: dietary and accessibility needs may say something of a
    # person's health, and the log is kept longer than the registration.
    return {"event": registration.event_id, "status": registration.status, **extra}


# Places and the waitlist ------------------------------------------------------------------------------------


def _confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=Status.CONFIRMED).count()


def _promote_waiting(event: Event, actor=None) -> list[Registration]:
    """Give the free places of the locked `event` to the first on its waitlist, in order. Called with the
    event's row locked."""
    if event.status != EventStatus.PUBLISHED or has_started(event):
        return []
    waiting = (
        Registration.objects.filter(event=event, status=Status.WAITLISTED)
        .select_related("person")
        .order_by("queued_at", "pk")
    )
    if event.capacity is not None:
        free = event.capacity - _confirmed_count(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = []
    now = timezone.now()
    for registration in waiting:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        record_event(
            actor, Verb.PROMOTED, registration, new=_audit_entry(registration, person=registration.person_id)
        )
        _tell(registration, event, "promoted")
        promoted.append(registration)
    return promoted


def fill_from_waitlist(event: Event, *, actor=None) -> list[Registration]:
    """Give any free places of `event` to the first on its waitlist, in the order they asked, and tell each
    of them. The catalog calls it after the organizers raised the capacity (or removed it: then everyone
    waiting gets a place); `actor` is who changed the event (None: the system). Works inside or outside
    the caller's transaction; nothing happens for an event that is not published or has begun. Returns the
    registrations given a place."""
    with transaction.atomic():
        return _promote_waiting(_locked(event), actor)


def register(
    actor,
    event: Event,
    *,
    organization: Organization | None = None,
    dietary: str = "",
    interpretation: str = "",
    accessibility: str = "",
) -> Registration:
    """Register `actor` for `event`: a confirmed place if one is left, else the end of the waitlist. A
    person who cancelled before registers again on the same row, at the end of the queue."""
    viewer = EventViewer.of(actor)
    if viewer.user is None or not viewer.may_know(event):
        raise PermissionDenied
    reason = closed_reason(event)
    if reason:
        raise ValidationError({NON_FIELD_ERRORS: [reason]})
    if not viewer.may_register(event):
        raise PermissionDenied
    _check_organization(viewer, organization)
    answers = _clean_answers(
        event, {"dietary": dietary, "interpretation": interpretation, "accessibility": accessibility}
    )
    with transaction.atomic():
        locked = _locked(event)
        # Read again under the lock: the organizers may have cancelled the event meanwhile.
        reason = closed_reason(locked)
        if reason:
            raise ValidationError({NON_FIELD_ERRORS: [reason]})
        registration = Registration.objects.filter(event=locked, person=viewer.user).first()
        if registration is not None and registration.status == Status.CONFIRMED:
            raise ValidationError({NON_FIELD_ERRORS: [_("You are already registered for this event.")]})
        if registration is not None and registration.status == Status.WAITLISTED:
            raise ValidationError({NON_FIELD_ERRORS: [_("You are already on the waitlist of this event.")]})
        # Places freed without anyone being given them go first to those already waiting.
        _promote_waiting(locked, actor)
        now = timezone.now()
        has_place = locked.capacity is None or _confirmed_count(locked) < locked.capacity
        if registration is None:
            registration = Registration(event=locked, person=viewer.user)
        registration.organization = organization
        registration.status = Status.CONFIRMED if has_place else Status.WAITLISTED
        registration.queued_at = now
        registration.confirmed_at = now if has_place else None
        registration.cancelled_at = None
        registration.attended = None
        for name, value in answers.items():
            setattr(registration, name, value)
        registration.save()
        position = waitlist_position(registration)
        record_event(
            actor,
            Verb.REGISTERED if has_place else Verb.WAITLISTED,
            registration,
            new=_audit_entry(registration, **({"position": position} if position else {})),
        )
        _tell(registration, locked, "confirmed" if has_place else "waitlisted", position=position)
    registration.event = locked
    return registration


def cancel(actor, registration: Registration) -> Registration:
    """Cancel `registration`: the person themself, or the event's organizers. A confirmed place it frees
    goes at once to the first on the waitlist."""
    event = registration.event
    own = getattr(actor, "pk", None) is not None and actor.pk == registration.person_id
    if not own and not can_manage(actor, event):
        raise PermissionDenied
    if has_started(event):
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("The event has begun; a registration cannot be cancelled any more.")]}
        )
    with transaction.atomic():
        locked = _locked(event)
        registration = Registration.objects.select_related("person").get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            raise ValidationError({NON_FIELD_ERRORS: [_("This registration is already cancelled.")]})
        was = registration.status
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        record_event(
            actor,
            Verb.REGISTRATION_CANCELLED,
            registration,
            old={"status": was},
            new=_audit_entry(registration, by_organizers=not own),
        )
        _tell(registration, locked, "cancelled", by_organizers=not own)
        if was == Status.CONFIRMED:
            _promote_waiting(locked, actor)
    registration.event = locked
    return registration


def mark_attendance(actor, event: Event, attended: dict[int, bool]) -> int:
    """Record who of the confirmed participants came (`attended`: registration id -> came), once the
    event has begun. Returns how many marks changed; the audit log keeps them."""
    if not can_manage(actor, event):
        raise PermissionDenied
    if not has_started(event):
        raise ValidationError({NON_FIELD_ERRORS: [_("Attendance is marked once the event has begun.")]})
    with transaction.atomic():
        rows = {
            registration.pk: registration
            for registration in Registration.objects.select_for_update().filter(
                event=event, status=Status.CONFIRMED, pk__in=list(attended)
            )
        }
        unknown = set(attended) - set(rows)
        if unknown:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: [
                        _("Attendance is marked only for the confirmed participants of this event.")
                    ]
                }
            )
        changed = [rows[pk] for pk, came in attended.items() if rows[pk].attended is not bool(came)]
        for registration in changed:
            registration.attended = bool(attended[registration.pk])
        Registration.objects.bulk_update(changed, ["attended"])
        if changed:
            record_event(
                actor,
                Verb.ATTENDANCE_MARKED,
                event,
                new={
                    "attended": sorted(r.pk for r in changed if r.attended),
                    "absent": sorted(r.pk for r in changed if not r.attended),
                },
            )
    return len(changed)
