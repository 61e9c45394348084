"""The catalog's pages: the list of events with its filters, an event's page, creating and changing an
event, publishing, cancelling it and writing its follow-up."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.choices import reference_choices
from birge.core.forms import apply_errors
from birge.core.markdown import render as markdown
from birge.core.pagination import paginate
from birge.events.catalog import reads, services
from birge.events.catalog.forms import CancelForm, EventForm, FollowUpForm
from birge.events.catalog.models import ZONES, Event, Format, Kind
from birge.events.catalog.services import FIELDS
from birge.events.materials.reads import materials_for
from birge.events.permissions import EventViewer
from birge.events.registration.reads import panel as registration_panel
from birge.networks.membership.reads import organizations_spoken_for
from birge.networks.networks.models import Network

ZONE_NAMES = dict(ZONES)


def _zone_label(name: str) -> str:
    return str(ZONE_NAMES.get(name, name))


def event_list(request: HttpRequest) -> HttpResponse:
    viewer = EventViewer.of(request.user)
    filters = reads.EventFilters.from_query(request.GET)
    reference = reference_choices()
    # The upcoming/past switch keeps the other filters.
    others = request.GET.copy()
    for name in ("page", "when"):
        others.pop(name, None)
    context = {
        "links": paginate(request, reads.listed(viewer, filters)),
        "filters": filters,
        "others": others.urlencode(),
        "kinds": Kind.choices,
        "formats": Format.choices,
        "countries": [(code, name) for code, name, is_home in reference.countries if is_home],
        "themes": [(slug, name) for slug, name, parent in reference.areas if parent is None],
        "zone": _zone_label(timezone.get_current_timezone_name()),
        "can_create": bool(viewer.speaks_for_organizations),
    }
    return render(request, "events/catalog/list.html", context)


def _viewing_zone(request: HttpRequest):
    """The zone the page shows times in: the signed-in person's own (set by the middleware), or the one a
    visitor chose from the list."""
    chosen = request.GET.get("tz", "")
    if not request.user.is_authenticated and chosen in ZONE_NAMES:
        return reads.zone_of(chosen)
    return timezone.get_current_timezone()


def event_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The event, with the panels of the other features: registration (register, the waitlist, one's own
    place) and the materials shared after it."""
    viewer = EventViewer.of(request.user)
    event = reads.event_or_404(viewer, slug)
    is_organizer = viewer.is_organizer(event)
    # The registration panel counts the places and knows the person's own; the facts above it show them.
    registration = registration_panel(viewer, event)
    seats = registration["registration_panel"]
    zone, own = _viewing_zone(request), reads.event_zone(event)
    # The event's own clock is shown beside the viewer's when the two differ at its start.
    differs = event.starts_at.astimezone(zone).utcoffset() != event.starts_at.astimezone(own).utcoffset()
    now = timezone.now()
    context = {
        "event": event,
        "organizers": list(event.organizers.all()),
        "themes": list(event.themes.all()),
        "working_languages": [name for code, name in settings.LANGUAGES if code in event.languages],
        "description": markdown(event.description),
        "follow_up": markdown(event.follow_up) if event.follow_up else "",
        "is_organizer": is_organizer,
        "places_left": seats.places_left,
        "show_link": bool(seats.online_url),
        "zone_label": _zone_label(str(zone)),
        "own_zone": own if differs else None,
        "own_zone_label": _zone_label(event.time_zone),
        "zones": ZONES,
        "chosen_zone": str(zone),
        "reason": reads.cancellation_reason(event),
        "is_over": event.ends_at < now,
        "has_begun": event.starts_at <= now,
        **registration,
        **materials_for(viewer, event),
    }
    with timezone.override(zone):
        return render(request, "events/catalog/event.html", context)


def _organizing(request: HttpRequest, slug: str) -> Event:
    """The event at `slug` for one of its organizers: 404 for whoever may not know it, 403 for the
    others."""
    viewer = EventViewer.of(request.user)
    event = reads.event_or_404(viewer, slug)
    if not viewer.is_organizer(event):
        raise PermissionDenied
    return event


@login_required
def event_new(request: HttpRequest) -> HttpResponse:
    viewer = EventViewer.of(request.user)
    organizations = organizations_spoken_for(request.user).published()
    networks = Network.objects.filter(pk__in=viewer.coordinated_network_ids).order_by("name")
    form = EventForm(request.POST or None, organizations=organizations, networks=networks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.event_create(
                request.user,
                organizers=list(data["organizers"]),
                network=data["network"],
                themes=list(data["themes"]),
                **{field: data[field] for field in FIELDS},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The event is saved as a draft: only its organizers see it."))
            return redirect("events:event", event.slug)
    may_organize = "organizers" in form.fields and (
        form.fields["organizers"].queryset.exists() or networks.exists()
    )
    return render(request, "events/catalog/form.html", {"form": form, "may_organize": may_organize})


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organizing(request, slug)
    form = EventForm(request.POST or None, initial=EventForm.initial_of(event))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.event_update(
                request.user, event, themes=list(data["themes"]), **{field: data[field] for field in FIELDS}
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:event", event.slug)
    return render(request, "events/catalog/form.html", {"form": form, "event": event})


@require_POST
@login_required
def event_publish(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organizing(request, slug)
    try:
        services.event_publish(request.user, event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event is published."))
    return redirect("events:event", event.slug)


@login_required
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organizing(request, slug)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(request.user, event, form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The event is cancelled; those who registered are told."))
            return redirect("events:event", event.slug)
    return render(request, "events/catalog/cancel.html", {"form": form, "event": event})


@login_required
def event_follow_up(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organizing(request, slug)
    form = FollowUpForm(request.POST or None, initial={"follow_up": event.follow_up})
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_write(request.user, event, form.cleaned_data["follow_up"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The follow-up is saved."))
            return redirect("events:event", event.slug)
    return render(request, "events/catalog/follow_up.html", {"form": form, "event": event})
