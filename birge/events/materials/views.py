"""The materials pages: sharing one (the organizers), removing it, and downloading a file, which only
those it is shared with get (404 for anyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from birge.core.forms import apply_errors
from birge.core.uploads import KINDS
from birge.events.materials import reads, services
from birge.events.materials.forms import MaterialForm
from birge.events.materials.models import Material
from birge.events.permissions import EventViewer
from birge.events.registration.reads import known_event_or_404
from birge.orgs.profiles.slugs import slug_base

EXTENSIONS = {kind.content_type: kind.extension for kind in KINDS.values()}


@login_required
def material_add(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = EventViewer.of(request.user)
    event = known_event_or_404(viewer, slug)
    if not viewer.is_organizer(event):
        raise PermissionDenied
    posted = request.method == "POST"
    form = MaterialForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.material_add(
                request.user,
                event,
                title=data["title"],
                uploaded=data["file"],
                url=data["url"],
                audience=data["audience"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The material is shared."))
            return redirect("events:event", event.slug)
    context = {"event": event, "form": form, "open": services.may_add(event)}
    return render(request, "events/materials/add.html", context)


@require_POST
@login_required
def material_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer = EventViewer.of(request.user)
    event = known_event_or_404(viewer, slug)
    material = Material.objects.filter(event=event, pk=pk).first()
    if material is None:
        raise Http404
    material.event = event
    services.material_remove(request.user, material)
    messages.success(request, _("The material is removed."))
    return redirect("events:event", event.slug)


@require_GET
def material(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A material's file, for download only: under a name Birge makes, with the type its content was checked
    to be, never rendered by the browser nor kept by a shared cache."""
    viewer = EventViewer.of(request.user)
    event = known_event_or_404(viewer, slug)
    found = reads.material_or_404(viewer, event, pk)
    if not found.file:
        raise Http404
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=f"{slug_base(found.title, 'material')}{EXTENSIONS.get(found.content_type, '')}",
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
