"""What the materials pages read: the materials of an event a person may see, for the event's page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from birge.events.catalog.models import Event
from birge.events.materials import services
from birge.events.materials.models import Audience, Material
from birge.events.permissions import EventViewer, Who
from birge.events.registration.models import Registration, Status


def is_participant(viewer: EventViewer, event: Event) -> bool:
    """A confirmed participant of `event` (one query)."""
    if viewer.user is None:
        return False
    return Registration.objects.filter(event=event, person=viewer.user, status=Status.CONFIRMED).exists()


def may_see(viewer: EventViewer, material: Material, *, participant: bool | None = None) -> bool:
    """For a person who may know the event: a material for everyone, or one for participants if they are
    one or organize the event. `participant` saves the query when the caller knows it."""
    if material.audience == Audience.ANYONE:
        return True
    if viewer.user is not None and viewer.is_organizer(material.event):
        return True
    return participant if participant is not None else is_participant(viewer, material.event)


@dataclass(frozen=True)
class MaterialsPanel:
    event: Event
    materials: list[Material]
    may_add: bool
    may_remove: bool


def materials_for(viewer: Who, event: Event) -> dict[str, Any]:
    """The context of "events/materials/list.html" on the event's page, for a person who may know the event
    (the page checked it): `{"event_materials": MaterialsPanel}`. One query for the materials, and one more
    when some are for participants only and the person does not organize the event."""
    viewer = EventViewer.of(viewer)
    materials = list(Material.objects.filter(event=event).order_by("created_at", "pk"))
    organizer = viewer.user is not None and viewer.is_organizer(event)
    if not organizer and any(m.audience == Audience.PARTICIPANTS for m in materials):
        participant = is_participant(viewer, event)
        materials = [m for m in materials if m.audience == Audience.ANYONE or participant]
    for material in materials:
        material.event = event
    return {
        "event_materials": MaterialsPanel(
            event=event,
            materials=materials,
            may_add=organizer and services.may_add(event),
            may_remove=organizer,
        )
    }


def material_or_404(viewer: EventViewer, event: Event, pk: int) -> Material:
    """A material of `event` the person may see (404 otherwise: one not shared with them does not exist
    for them)."""
    material = Material.objects.filter(event=event, pk=pk).first()
    if material is None:
        raise Http404
    material.event = event
    if not may_see(viewer, material):
        raise Http404
    return material
