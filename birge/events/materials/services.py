"""Every write of an event's materials: sharing a file or a link, and removing it.

The organizers share them once the event has begun (a presentation during it, a report after). A file is
checked by its content (the kinds and size limit of `birge.core.uploads`) and kept in the private storage
under a name Birge makes, so the uploader's file name never reaches the disk; a link must be https. Each
material is for everyone who may see the event, or for its confirmed participants only."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from birge.core.audit import record_event
from birge.core.uploads import KINDS, safe_filename, validate_document
from birge.core.validators import validate_single_line
from birge.events.catalog.models import Event
from birge.events.catalog.models import Status as EventStatus
from birge.events.events import Verb
from birge.events.materials.models import Audience, Material
from birge.events.permissions import can_manage

MAX_TITLE = 200
MAX_URL = 500


def may_add(event: Event) -> bool:
    """Whether the event takes materials now: published, and begun."""
    return event.status == EventStatus.PUBLISHED and timezone.now() >= event.starts_at


def _title(errors: dict, title: str) -> str:
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Give the material a title.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [_("Keep the title under %(count)d characters.") % {"count": MAX_TITLE}]
    else:
        try:
            validate_single_line(title)
        except ValidationError as error:
            errors["title"] = error.messages
    return title


def _url(errors: dict, url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > MAX_URL:
        errors["url"] = [_("Keep the link under %(count)d characters.") % {"count": MAX_URL}]
        return url
    try:
        validate_single_line(url)
        URLValidator(schemes=["https"])(url)
    except ValidationError:
        errors["url"] = [_("Give a full link starting with https://.")]
    return url


def _kind(errors: dict, uploaded) -> str | None:
    try:
        return validate_document(uploaded)
    except ValidationError as error:
        errors["file"] = error.messages
        return None


def material_add(
    actor, event: Event, *, title: str, uploaded=None, url: str = "", audience: str = Audience.ANYONE
) -> Material:
    """Share a file (`uploaded`) or a link (`url`) of `event`, for `audience`."""
    if not can_manage(actor, event):
        raise PermissionDenied
    if not may_add(event):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _("Materials are shared once the event has begun, and not for a cancelled event.")
                ]
            }
        )
    errors: dict[str, list[str]] = {}
    title = _title(errors, title)
    url = _url(errors, url)
    kind = None
    if uploaded and url:
        errors["url"] = [_("Give a file or a link, not both.")]
    elif uploaded:
        kind = _kind(errors, uploaded)
    elif not url and "url" not in errors:
        errors["file"] = [_("Choose a file, or give a link.")]
    if audience not in Audience.values:
        errors["audience"] = [_("Choose who may see the material.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        material = Material(event=event, title=title, url=url, audience=audience, added_by=actor)
        if kind is not None:
            material.content_type = KINDS[kind].content_type
            material.size = uploaded.size
            material.file.save(safe_filename(kind), uploaded, save=False)
        material.save()
        record_event(
            actor,
            Verb.MATERIAL_ADDED,
            material,
            new={
                "event": event.pk,
                "title": title,
                "audience": audience,
                **({"kind": kind, "size": material.size} if kind else {"url": url}),
            },
        )
    return material


def material_remove(actor, material: Material) -> None:
    """Remove `material`; its file leaves the storage once the removal is committed."""
    if not can_manage(actor, material.event):
        raise PermissionDenied
    name = material.file.name if material.file else ""
    storage = material.file.storage
    with transaction.atomic():
        record_event(
            actor,
            Verb.MATERIAL_REMOVED,
            material,
            old={"event": material.event_id, "title": material.title, "audience": material.audience},
        )
        material.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
