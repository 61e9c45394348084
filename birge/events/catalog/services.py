"""Every write to an event itself: creating it (a draft), changing it, publishing, cancelling, and the
follow-up written after it. Each checks permission, validates, writes inside a transaction, records the
audit entry and, when the date or place changes or the event is cancelled, tells those who registered.

Its organizers are the organizations whose owners and editors create it, and the network whose
coordinators do: whoever names an organization as organizer must speak for it, and whoever names a network
must coordinate it."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.models import Country, ThematicArea
from birge.core.notifications.services import notify
from birge.core.validators import validate_multi_line, validate_single_line
from birge.events.catalog.models import ZONES, Audience, Event, Format, Kind, Status
from birge.events.catalog.reads import event_zone
from birge.events.events import Verb
from birge.events.permissions import EventViewer, can_manage
from birge.events.registration.models import Registration
from birge.events.registration.models import Status as RegistrationStatus
from birge.networks.networks.models import Network, Visibility
from birge.networks.permissions import NetworkViewer
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.slugs import unique_slug

# Words of the site's own pages under /events/ (and of the features beside the catalog), which an event's
# address must not take.
RESERVED = frozenset(
    {"new", "mine", "calendar", "calendars", "feed", "feeds", "registrations", "materials", "certificates"}
)
FIELDS = (
    "title",
    "description",
    "language",
    "kind",
    "format",
    "audience",
    "starts_at",
    "ends_at",
    "time_zone",
    "country",
    "city",
    "venue",
    "online_url",
    "languages",
    "capacity",
    "registration_closes_at",
    "ask_dietary",
    "ask_interpretation",
    "ask_accessibility",
    "certificates",
)
# A change of these is news to whoever registered, and a new version of the event for their calendars.
DATE_FIELDS = ("starts_at", "ends_at", "time_zone")
PLACE_FIELDS = ("format", "country", "city", "venue", "online_url")
MAX_TITLE = 200
MAX_TEXT = 20_000
MAX_REASON = 2_000
ZONE_NAMES = dict(ZONES)
_https = URLValidator(schemes=["https"])


# Checks ---------------------------------------------------------------------------------------------------


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _line(errors: dict, field: str, value: str, *, required: str = "", limit: int = MAX_TITLE) -> str:
    value = (value or "").strip()
    if not value:
        if required:
            _add(errors, field, required)
        return value
    if len(value) > limit:
        _add(errors, field, _("Keep this under %(count)d characters.") % {"count": limit})
    try:
        validate_single_line(value)
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.messages)
    return value


def _text(errors: dict, field: str, value: str, *, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        _add(
            errors,
            field,
            _("The text is %(length)d characters long; keep it under %(count)d.")
            % {"length": len(value), "count": limit},
        )
    try:
        validate_multi_line(value)
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.messages)
    return value


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """The event's fields checked together (the end against the start, the link against the format), as
    they will be saved; a ValidationError names each field at fault."""
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    cleaned["title"] = _line(errors, "title", values.get("title"), required=_("Give the event a title."))
    cleaned["description"] = _text(errors, "description", values.get("description"))
    cleaned["city"] = _line(errors, "city", values.get("city"), limit=100)
    cleaned["venue"] = _text(errors, "venue", values.get("venue"), limit=2000)
    for field, choices, message in (
        ("kind", Kind.values, _("Choose a kind of event.")),
        ("format", Format.values, _("Choose whether the event is online, in person or both.")),
        ("audience", Audience.values, _("Choose who may see the event.")),
        ("language", settings.LANGUAGE_CODES, _("Choose the language of the texts.")),
    ):
        if values.get(field) not in choices:
            _add(errors, field, message)
    if values.get("time_zone") not in ZONE_NAMES:
        _add(errors, "time_zone", _("Choose the time zone of the event from the list."))

    starts, ends = values.get("starts_at"), values.get("ends_at")
    if not isinstance(starts, datetime):
        _add(errors, "starts_at", _("Give the date and time the event starts."))
    if not isinstance(ends, datetime):
        _add(errors, "ends_at", _("Give the date and time the event ends."))
    elif isinstance(starts, datetime) and ends <= starts:
        _add(errors, "ends_at", _("The event must end after it starts."))
    closes = values.get("registration_closes_at")
    if closes is not None and isinstance(ends, datetime) and closes >= ends:
        _add(errors, "registration_closes_at", _("Registration must close before the event ends."))

    event_format = values.get("format")
    if event_format in (Format.OFFLINE, Format.HYBRID) and not cleaned["venue"]:
        _add(errors, "venue", _("Say where the event takes place: an event in person needs a venue."))
    url = (values.get("online_url") or "").strip()
    cleaned["online_url"] = url
    if event_format in (Format.ONLINE, Format.HYBRID) and not url:
        _add(errors, "online_url", _("Give the link to join: an online event needs one."))
    elif url:
        try:
            _https(url)
        except ValidationError:
            _add(errors, "online_url", _("Give a link that starts with https://."))
        if len(url) > 500:
            _add(errors, "online_url", _("Keep the link under 500 characters."))

    capacity = values.get("capacity")
    if capacity is not None and (not isinstance(capacity, int) or capacity < 1):
        _add(errors, "capacity", _("Give at least one place, or leave the number empty for no limit."))
    languages = values.get("languages") or []
    if any(code not in settings.LANGUAGE_CODES for code in languages):
        _add(errors, "languages", _("Choose the working languages from the list."))
    cleaned["languages"] = list(dict.fromkeys(languages))
    country = values.get("country")
    if country is not None and not isinstance(country, Country):
        _add(errors, "country", _("Choose a country from the list."))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _not_in_past(starts_at: datetime) -> None:
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("The event cannot start in the past: give a later date.")})


def _slug_for(title: str, network: Network | None) -> str:
    # A secret network's event says nothing in its address: a title there would collide with a public
    # event's and betray, by the "-2" the other gets, that the secret one exists.
    if network is not None and network.visibility == Visibility.SECRET:
        return "e-" + secrets.token_hex(5)
    return unique_slug(title, Event.objects.all(), fallback="event", reserved=RESERVED)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Country):
        return value.code
    return value


def _defaults() -> dict[str, Any]:
    """What a field is when the creating call leaves it out: the model's own default."""
    defaults = {}
    for name in FIELDS:
        field = Event._meta.get_field(name)
        defaults[name] = field.get_default() if field.has_default() else (None if field.null else "")
    return defaults


# Telling those who registered ------------------------------------------------------------------------------


def _registrants(event: Event) -> list:
    """The people holding a place or waiting for one."""
    rows = Registration.objects.filter(
        event=event, status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    ).select_related("person")
    return [row.person for row in rows]


def _when(event: Event) -> dict[str, Any]:
    """The dates in the event's own zone, naive, so that an e-mail shows them as the organizers gave them
    whichever language and zone it is rendered in."""
    tz = event_zone(event)
    return {
        "starts": timezone.localtime(event.starts_at, tz).replace(tzinfo=None),
        "ends": timezone.localtime(event.ends_at, tz).replace(tzinfo=None),
        "zone": ZONE_NAMES.get(event.time_zone, event.time_zone),
    }


def _tell_registrants(event: Event, audit, *, template: str, subject, extra: dict[str, Any]) -> None:
    people = _registrants(event)
    if not people:
        return
    notify(
        people,
        kind="events.registration",
        about=event,
        event=audit,
        subject=subject,
        template=template,
        # No link to join here: an e-mail is read outside the platform, and the event page shows the link
        # to those who may have it.
        context={"title": event.title, **_when(event), **extra},
        link=("events:event", (event.slug,)),
    )


# Services -------------------------------------------------------------------------------------------------


def event_create(
    actor,
    *,
    organizers: list[Organization] | tuple = (),
    network: Network | None = None,
    themes: list[ThematicArea] | tuple = (),
    **values,
) -> Event:
    """Create a draft event organized by `organizers` (organizations `actor` speaks for) and/or `network`
    (one `actor` coordinates): it exists for its organizers only until it is published."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"event_create() got unexpected fields {sorted(unknown)}")
    organizers = list(dict.fromkeys(organizers))
    if not organizers and network is None:
        raise ValidationError(
            {
                "organizers": _(
                    "Name an organizer: an organization you speak for, or a network you coordinate."
                )
            }
        )
    viewer = EventViewer.of(actor)
    if any(organization.pk not in viewer.speaks_for_organizations for organization in organizers):
        raise PermissionDenied
    if network is not None and not NetworkViewer.of(viewer.viewer).is_coordinator(network):
        raise PermissionDenied
    if any(not organization.is_published for organization in organizers):
        raise ValidationError(
            {"organizers": _("Publish the organization's profile before it organizes an event.")}
        )
    cleaned = _clean({**_defaults(), **values})
    with transaction.atomic():
        event = Event.objects.create(
            slug=_slug_for(cleaned["title"], network),
            network=network,
            status=Status.DRAFT,
            created_by=actor,
            **{field: cleaned[field] for field in FIELDS},
        )
        event.organizers.set(organizers)
        event.themes.set(themes)
        record_event(
            actor,
            Verb.CREATED,
            event,
            new={
                "title": event.title,
                "organizers": [organization.pk for organization in organizers],
                "network": network.pk if network is not None else None,
                "starts_at": event.starts_at.isoformat(),
            },
        )
    return event


def event_update(actor, event: Event, *, themes: list[ThematicArea] | None = None, **values) -> Event:
    """Change what the event is, when and where; its organizers only. A published event's registrants are
    told of a new date or place, and their calendars get a new version."""
    if not can_manage(actor, event):
        raise PermissionDenied
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"event_update() got unexpected fields {sorted(unknown)}")
    if event.status == Status.CANCELLED:
        raise ValidationError(_("A cancelled event cannot be changed."))
    before = {field: getattr(event, field) for field in FIELDS}
    cleaned = _clean({**before, **values})
    if event.status == Status.PUBLISHED and cleaned["starts_at"] != before["starts_at"]:
        _not_in_past(cleaned["starts_at"])
    changed = [field for field in FIELDS if cleaned[field] != before[field]]
    moved = [field for field in changed if field in DATE_FIELDS + PLACE_FIELDS]
    old = {field: _jsonable(before[field]) for field in changed}
    new = {field: _jsonable(cleaned[field]) for field in changed}
    if themes is not None:
        old_themes = sorted(theme.slug for theme in event.themes.all())
        new_themes = sorted(theme.slug for theme in themes)
        if old_themes != new_themes:
            old["themes"], new["themes"] = old_themes, new_themes
    if not new:
        return event  # a form saved as it was: nothing to record
    with transaction.atomic():
        for field in changed:
            setattr(event, field, cleaned[field])
        if moved:
            event.sequence += 1
        if "starts_at" in changed:
            event.reminded_at = None  # a new date deserves its own reminder the day before
        event.save()
        if "themes" in new:
            event.themes.set(themes)
        audit = record_event(actor, Verb.CHANGED, event, old=old, new=new)
        if "capacity" in changed and event.status == Status.PUBLISHED:
            # More places (or no limit any more) go to the waitlist in turn. Fewer places take nobody's:
            # those confirmed keep theirs, and newcomers wait until the count falls below the new limit.
            from birge.events.registration.services import fill_from_waitlist

            fill_from_waitlist(event, actor=actor)
        if moved and event.status == Status.PUBLISHED:
            _tell_registrants(
                event,
                audit,
                template="events/catalog/email/changed.txt",
                subject=format_lazy(gettext_lazy("Changed: {title}"), title=event.title),
                extra={
                    "date_changed": any(field in DATE_FIELDS for field in moved),
                    "place_changed": any(field in PLACE_FIELDS for field in moved if field != "online_url"),
                    "link_changed": "online_url" in moved,
                    "city": event.city,
                    "venue": event.venue,
                    "format": event.get_format_display(),
                },
            )
    return event


def event_publish(actor, event: Event) -> Event:
    """Announce a draft: from now it exists for whoever its audience is, and people may register."""
    if not can_manage(actor, event):
        raise PermissionDenied
    if event.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    _clean({field: getattr(event, field) for field in FIELDS})
    _not_in_past(event.starts_at)
    with transaction.atomic():
        event.status = Status.PUBLISHED
        event.published_at = timezone.now()
        event.sequence += 1
        event.save(update_fields=["status", "published_at", "sequence", "updated_at"])
        record_event(
            actor,
            Verb.PUBLISHED,
            event,
            old={"status": Status.DRAFT},
            new={"status": Status.PUBLISHED, "title": event.title},
        )
    return event


def event_cancel(actor, event: Event, reason: str) -> Event:
    """Call off a published event that has not ended; everyone who registered or waits is told why. The
    event stays on its page, marked cancelled, so that a shared link explains itself."""
    if not can_manage(actor, event):
        raise PermissionDenied
    if event.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published event can be cancelled."))
    if event.ends_at <= timezone.now():
        raise ValidationError(_("The event is over: it can no longer be cancelled."))
    errors: dict[str, list[str]] = {}
    reason = _text(errors, "reason", reason, limit=MAX_REASON)
    if not reason:
        _add(errors, "reason", _("Say why the event is cancelled: those who registered are told."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        event.status = Status.CANCELLED
        event.sequence += 1
        event.save(update_fields=["status", "sequence", "updated_at"])
        audit = record_event(
            actor,
            Verb.CANCELLED,
            event,
            old={"status": Status.PUBLISHED},
            new={"status": Status.CANCELLED, "reason": reason},
        )
        _tell_registrants(
            event,
            audit,
            template="events/catalog/email/cancelled.txt",
            subject=format_lazy(gettext_lazy("Cancelled: {title}"), title=event.title),
            extra={"reason": reason},
        )
    return event


def follow_up_write(actor, event: Event, text: str) -> Event:
    """What came of the event, written by its organizers once it has begun (empty text removes it)."""
    if not can_manage(actor, event):
        raise PermissionDenied
    if event.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published event has a follow-up."))
    if event.starts_at > timezone.now():
        raise ValidationError(_("Write the follow-up once the event has begun."))
    errors: dict[str, list[str]] = {}
    text = _text(errors, "follow_up", text)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        old_length = len(event.follow_up)
        event.follow_up = text
        event.save(update_fields=["follow_up", "updated_at"])
        record_event(
            actor,
            Verb.FOLLOW_UP_WRITTEN,
            event,
            old={"length": old_length},
            new={"length": len(text), "title": event.title},
        )
    return event
