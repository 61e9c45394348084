"""The list of an event's participants as CSV or XLSX, for its organizers: the confirmed, then the waitlist
in its order, with the answers to the questions the event asked.

Names, organizations and answers are typed by the participants and opened in a spreadsheet by the
organizers, so the writers of the directory's export (birge/orgs/directory/exports.py) neutralize any cell
a spreadsheet would run as a formula (one starting with = + - @, a tab or a carriage return, is written
after an apostrophe)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.events.catalog.models import Event
from birge.events.events import Verb
from birge.events.permissions import can_manage
from birge.events.registration.reads import participants_of
from birge.events.registration.services import asked_questions
from birge.orgs.directory.exports import write_csv, write_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
QUESTION_LABELS = {
    "dietary": gettext_lazy("Dietary needs"),
    "interpretation": gettext_lazy("Interpretation into"),
    "accessibility": gettext_lazy("Accessibility needs"),
}


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


def columns(event: Event) -> list[tuple[str, object]]:
    return [
        ("name", gettext_lazy("Name")),
        ("email", gettext_lazy("E-mail")),
        ("organization", gettext_lazy("Organization")),
        ("status", gettext_lazy("Status")),
        ("position", gettext_lazy("Place on the waitlist")),
        ("registered", gettext_lazy("Registered")),
        *((name, QUESTION_LABELS[name]) for name in asked_questions(event)),
        ("attended", gettext_lazy("Attended")),
    ]


def rows(event: Event):
    participants = participants_of(event)
    languages = dict(event._meta.get_field("language").choices)
    waitlist = [(registration, number) for number, registration in enumerate(participants.waitlist, start=1)]
    for registration, position in [(row, None) for row in participants.confirmed] + waitlist:
        yield {
            "name": registration.person.display_name,
            "email": registration.person.email,
            "organization": registration.organization.name if registration.organization_id else "",
            "status": registration.get_status_display(),
            "position": position,
            "registered": registration.queued_at,
            "dietary": registration.dietary,
            "interpretation": languages.get(registration.interpretation, ""),
            "accessibility": registration.accessibility,
            "attended": ""
            if registration.attended is None
            else (_("yes") if registration.attended else _("no")),
        }


def participants_export(actor, event: Event, *, fmt: str) -> Export:
    """The participants of `event` as `fmt` ("csv" or "xlsx"), for its organizers; the audit log keeps who
    exported them."""
    if not can_manage(actor, event):
        raise PermissionDenied
    if fmt not in CONTENT_TYPES:
        raise ValidationError({"format": [_("Choose CSV or XLSX.")]})
    table = list(rows(event))
    if fmt == "csv":
        content = write_csv(columns(event), table)
    else:
        content = write_xlsx(columns(event), table, title=_("Participants"))
    record_event(actor, Verb.PARTICIPANTS_EXPORTED, event, new={"format": fmt, "rows": len(table)})
    slug = re.sub(r"[^A-Za-z0-9-]+", "-", event.slug).strip("-") or "event"
    return Export(content=content, content_type=CONTENT_TYPES[fmt], filename=f"participants-{slug}.{fmt}")
