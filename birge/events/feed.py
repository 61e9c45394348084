"""What events put in the activity feeds (birge.core.activity): an event published or cancelled, its
follow-up written, a material shared. Each shows on the feeds of its organizing organizations and network.

An event reaches a feed only for someone who may know it (`EventViewer.may_know`): a draft never, a
members-only event only for the organizers' people, and a secret network's event never for a non-member,
on the home page, an organization's profile or anywhere else."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from birge.core.activity import FeedItem, register_feed_source, scope_key
from birge.events.catalog.models import Event
from birge.events.events import Verb
from birge.events.permissions import EventViewer
from birge.networks.networks.models import Network

# verb -> its sentence, taking %(title)s, %(kind)s, %(organizers)s and, for a material, %(material)s.
SENTENCES = {
    Verb.PUBLISHED: lambda: _("“%(title)s” — %(kind)s published by %(organizers)s"),
    Verb.CANCELLED: lambda: _("“%(title)s” — %(kind)s cancelled by %(organizers)s"),
    Verb.FOLLOW_UP_WRITTEN: lambda: _("“%(title)s” — %(organizers)s wrote what came of the %(kind)s"),
    Verb.MATERIAL_ADDED: lambda: _("“%(title)s” — %(organizers)s shared a material: %(material)s"),
}


def _event_of(target) -> Event | None:
    if isinstance(target, Event):
        return target
    return getattr(target, "event", None)  # a material


def scopes(event, target) -> list[str]:
    found = _event_of(target)
    if found is None:
        return []
    keys = [scope_key(organization) for organization in found.organizers.all()]
    if found.network_id is not None:
        keys.append(f"{Network._meta.label_lower}:{found.network_id}")
    return keys


def _event_id(entry) -> int | None:
    """The event an audit entry is about: its target, or for a material the event it records."""
    value = entry.new.get("event") if entry.verb == Verb.MATERIAL_ADDED else entry.target_id
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def visible(who, entries) -> list[FeedItem]:
    viewer = EventViewer.of(who)
    ids = {_event_id(entry) for entry in entries} - {None}
    events = Event.objects.select_related("network").prefetch_related("organizers").in_bulk(ids)
    items = []
    for entry in entries:
        event = events.get(_event_id(entry))
        if event is None or not viewer.may_know(event):
            continue
        names = [organization.name for organization in event.organizers.all()]
        if event.network is not None:
            names.append(event.network.name)
        text = SENTENCES[entry.verb]() % {
            "title": event.title,
            "kind": event.get_kind_display(),
            "organizers": ", ".join(names),
            "material": entry.target_repr,
        }
        url = reverse("events:event", args=[event.slug])
        items.append(FeedItem(entry.created_at, text, url, event.language))
    return items


def register() -> None:
    register_feed_source("events", SENTENCES, scopes=scopes, visible=visible)
