"""Announcements to a network's members, and urgent alerts.

Coordinators post them. An announcement reaches every person of every member organization as each chose
("networks.announcement": the daily digest unless they chose otherwise); an urgent alert is e-mailed to
every one of them at once ("networks.alert" is locked: no setting delays it)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.core.validators import validate_multi_line, validate_single_line
from birge.networks.announcements.models import Announcement
from birge.networks.events import Verb
from birge.networks.membership.reads import people_of
from birge.networks.networks.models import Network
from birge.networks.networks.services import require_active
from birge.networks.permissions import can_manage

MAX_TITLE = 200
MAX_BODY = 20_000


def _clean(title: str, body: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        errors["title"] = [_("Give the announcement a title.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [_("Keep the title under %(count)d characters.") % {"count": MAX_TITLE}]
    else:
        try:
            validate_single_line(title)
        except ValidationError as error:
            errors["title"] = error.messages
    if not body:
        errors["body"] = [_("Write the announcement.")]
    elif len(body) > MAX_BODY:
        errors["body"] = [
            _("The text is %(length)d characters long; keep it under %(count)d.")
            % {"length": len(body), "count": MAX_BODY}
        ]
    else:
        try:
            validate_multi_line(body)
        except ValidationError as error:
            errors["body"] = error.messages
    if errors:
        raise ValidationError(errors)
    return title, body


def announce(*, actor, network: Network, title: str, body: str, urgent: bool = False) -> Announcement:
    """Post an announcement to `network`'s members; `urgent` makes it an alert e-mailed to all at once."""
    if not can_manage(actor, network):
        raise PermissionDenied
    require_active(network)
    title, body = _clean(title, body)
    with transaction.atomic():
        announcement = Announcement.objects.create(
            network=network, title=title, body=body, urgent=urgent, author=actor
        )
        record_event(
            actor,
            Verb.ALERTED if urgent else Verb.ANNOUNCED,
            announcement,
            new={"network": network.pk, "title": title, "urgent": urgent},
        )
        if urgent:
            subject = format_lazy(gettext_lazy("Urgent: {title}"), title=title)
        else:
            subject = format_lazy(gettext_lazy("Announcement: {title}"), title=title)
        notify(
            people_of(network),
            kind="networks.alert" if urgent else "networks.announcement",
            about=announcement,
            subject=subject,
            template="networks/announcements/email/announcement.txt",
            # The text goes by e-mail only where anyone may read it: a members-only or secret network's
            # announcement is read on the platform.
            context={
                "network": network.name,
                "title": title,
                "urgent": urgent,
                "body": body if network.content_is_public else "",
            },
            link=("networks:announcement", (network.slug, announcement.pk)),
        )
    return announcement
