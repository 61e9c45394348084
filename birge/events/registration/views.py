"""The registration pages: registering (the questions, then a place or the waitlist), cancelling, a
person's own registrations, the participants of an event for its organizers (with attendance and the
export), and certificates with their public check page.

An event a person may not know of answers 404; the organizers' pages answer 403 to anyone else who knows
the event. Every form works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from birge.core.forms import apply_errors
from birge.events.catalog.models import Status as EventStatus
from birge.events.permissions import EventViewer
from birge.events.registration import certificates, exports, reads, services
from birge.events.registration.forms import RegistrationForm
from birge.events.registration.models import Registration, Status
from birge.networks.charter.exports import attachment


def _first_error(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    """The questions of the event; on POST, a place or the waitlist. Refused answers come back with what
    was typed."""
    viewer = EventViewer.of(request.user)
    event = reads.known_event_or_404(viewer, slug)
    # A cancelled event's page says why nobody registers; a draft is for its organizers to finish first.
    if not viewer.may_register(event) and event.status != EventStatus.CANCELLED:
        raise PermissionDenied
    existing = reads.registration_of(viewer, event)
    if existing is not None and existing.status != Status.CANCELLED:
        messages.info(request, _("You are already registered for this event."))
        return redirect("events:event", event.slug)
    organization_ids = sorted(viewer.viewer.member_of)
    # Bound on every POST, even an empty one (an event that asks nothing of a person on their own).
    posted = request.POST if request.method == "POST" else None
    form = RegistrationForm(posted, event=event, organization_ids=organization_ids)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.register(
                request.user,
                event,
                organization=data.get("organization"),
                dietary=data.get("dietary", ""),
                interpretation=data.get("interpretation", ""),
                accessibility=data.get("accessibility", ""),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if registration.status == Status.CONFIRMED:
                messages.success(request, _("You are registered: your place is confirmed."))
            else:
                messages.success(
                    request,
                    _("All places are taken: you are on the waitlist, number %(position)d.")
                    % {"position": services.waitlist_position(registration)},
                )
            return redirect("events:event", event.slug)
    context = {
        "event": event,
        "form": form,
        "closed": services.closed_reason(event),
        "full": reads.is_full(event),
    }
    return render(request, "events/registration/register.html", context)


@require_POST
@login_required
def registration_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    """Cancel one's own registration; an organizer names another's in `registration` (from the list of
    participants)."""
    viewer = EventViewer.of(request.user)
    event = reads.known_event_or_404(viewer, slug)
    chosen = request.POST.get("registration", "")
    if chosen:
        if not viewer.is_organizer(event) or not chosen.isdigit():
            raise PermissionDenied
        registration = Registration.objects.filter(event=event, pk=int(chosen)).first()
    else:
        registration = reads.registration_of(viewer, event)
    if registration is None:
        raise Http404
    registration.event = event
    try:
        services.cancel(request.user, registration)
    except ValidationError as error:
        messages.error(request, _first_error(error))
    else:
        messages.success(request, _("The registration is cancelled."))
    if chosen:
        return redirect("events:participants", event.slug)
    return redirect("events:event", event.slug)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "events/registration/mine.html", reads.my_registrations(request.user))


def _managed(request: HttpRequest, slug: str):
    viewer = EventViewer.of(request.user)
    event = reads.known_event_or_404(viewer, slug)
    if not viewer.is_organizer(event):
        raise PermissionDenied
    return event


@login_required
def participants(request: HttpRequest, slug: str) -> HttpResponse:
    """Who registered, the waitlist in its order and the answers; on POST, who attended (checkboxes over
    the confirmed participants listed in the form, `marked`)."""
    event = _managed(request, slug)
    if request.method == "POST":
        marked = [value for value in request.POST.getlist("marked") if value.isdigit()]
        present = set(request.POST.getlist("attended"))
        try:
            changed = services.mark_attendance(request.user, event, {int(pk): pk in present for pk in marked})
        except ValidationError as error:
            messages.error(request, _first_error(error))
        else:
            messages.success(request, _("Attendance is saved (%(count)d changed).") % {"count": changed})
        return redirect("events:participants", event.slug)
    context = {
        "event": event,
        "participants": reads.participants_of(event),
        "questions": services.asked_questions(event),
        "started": services.has_started(event),
    }
    return render(request, "events/registration/participants.html", context)


@require_GET
@login_required
def participants_export(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed(request, slug)
    try:
        export = exports.participants_export(request.user, event, fmt=request.GET.get("format", "csv"))
    except ValidationError as error:
        raise Http404 from error
    response = attachment(export.content, export.content_type, (export.filename, export.filename))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def certificate(request: HttpRequest, slug: str) -> HttpResponse:
    """The person's own certificate of attendance (404 for anyone who has none for this event)."""
    viewer = EventViewer.of(request.user)
    event = reads.known_event_or_404(viewer, slug)
    registration = reads.registration_of(viewer, event)
    if registration is not None:
        registration.event = event
    if not reads.may_have_certificate(registration):
        raise Http404
    try:
        content = certificates.certificate_pdf(registration)
    except ValidationError as error:
        messages.error(request, _first_error(error))
        return redirect("events:mine")
    name = f"certificate-{registration.certificate_code}.pdf"
    response = attachment(content, "application/pdf", (name, name))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def certificate_check(request: HttpRequest, code: str) -> HttpResponse:
    """Public: who attended which event and when, for the holder of a certificate's code."""
    found = certificates.certificate_by_code(code)
    if found is None:
        raise Http404
    response = render(request, "events/registration/certificate_check.html", {"certificate": found})
    # The code is in the address: keep it out of shared caches and of the links other sites see.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
