"""A response network's pages: the incident with its needs and pledges, describing the incident, listing
and changing needs, pledging, and closing the response."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.networks.networks.models import Kind, Network, Status
from birge.networks.networks.reads import network_or_404
from birge.networks.permissions import NetworkViewer
from birge.networks.response import services
from birge.networks.response.forms import CloseForm, IncidentForm, NeedForm, PledgeForm
from birge.networks.response.models import IncidentStatus, Need
from birge.networks.response.permissions import may_pledge
from birge.networks.response.reads import incident_of, need_of, needs_of, pledging_organizations


def _response_network(request: HttpRequest, slug: str) -> tuple[NetworkViewer, Network]:
    """The response network at `slug` if this person may read its content: 404 otherwise (a members-only
    network is listed, its needs are not; a secret one does not exist for others)."""
    viewer = NetworkViewer.of(request.user)
    network = network_or_404(viewer, slug)
    if network.kind != Kind.RESPONSE or not viewer.may_read(network):
        raise Http404
    return viewer, network


def _coordinated(request: HttpRequest, slug: str) -> tuple[NetworkViewer, Network]:
    viewer, network = _response_network(request, slug)
    if not viewer.is_coordinator(network):
        raise PermissionDenied
    return viewer, network


def _open_for_pledges(network: Network, incident) -> bool:
    return network.status == Status.ACTIVE and incident.status == IncidentStatus.RESPONDING


def _need_url(need: Need) -> str:
    return reverse("networks:incident", args=[need.incident.network.slug]) + f"#need-{need.pk}"


def incident(request: HttpRequest, slug: str) -> HttpResponse:
    viewer, network = _response_network(request, slug)
    found = incident_of(network)
    is_coordinator = viewer.is_coordinator(network)
    rows = needs_of(found, viewer) if found is not None else []
    pledging = found is not None and _open_for_pledges(network, found) and may_pledge(viewer, network)
    forms = {}
    if pledging and rows:
        organizations = pledging_organizations(viewer, network)
        forms = {
            row.need.pk: PledgeForm(organizations=organizations, auto_id=f"need{row.need.pk}_%s")
            for row in rows
        }
    context = {
        "network": network,
        "incident": found,
        "rows": [(row, forms.get(row.need.pk)) for row in rows],
        "is_coordinator": is_coordinator,
        "pledging": pledging,
        "may_change": is_coordinator and network.status == Status.ACTIVE,
        "sign_in": found is not None
        and not request.user.is_authenticated
        and _open_for_pledges(network, found),
    }
    return render(request, "networks/response/incident.html", context)


@login_required
def incident_edit(request: HttpRequest, slug: str) -> HttpResponse:
    _viewer, network = _coordinated(request, slug)
    found = incident_of(network)
    form = IncidentForm.for_incident(found, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.incident_save(
                actor=request.user,
                network=network,
                what=data["what"],
                country=data["country"],
                region=data["region"],
                place=data["place"],
                happened_on=data["happened_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("networks:incident", network.slug)
    return render(
        request, "networks/response/incident_form.html", {"network": network, "incident": found, "form": form}
    )


@login_required
def need_new(request: HttpRequest, slug: str) -> HttpResponse:
    _viewer, network = _coordinated(request, slug)
    found = incident_of(network)
    if found is None:
        return redirect("networks:incident_edit", network.slug)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_add(actor=request.user, incident=found, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(_need_url(need))
    return render(request, "networks/response/need_form.html", {"network": network, "form": form})


@login_required
def need_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _viewer, network = _coordinated(request, slug)
    need = need_of(network, pk)
    if need is None:
        raise Http404
    form = NeedForm.for_need(need, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(actor=request.user, need=need, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(_need_url(need))
    return render(
        request, "networks/response/need_form.html", {"network": network, "form": form, "need": need}
    )


@require_POST
@login_required
def need_pledge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer, network = _response_network(request, slug)
    need = need_of(network, pk)
    if need is None:
        raise Http404
    if not may_pledge(viewer, network):
        raise PermissionDenied
    form = PledgeForm(
        request.POST,
        organizations=pledging_organizations(viewer, network),
        confirming="beyond_confirmed" in request.POST,
        auto_id=f"need{need.pk}_%s",
    )
    if form.is_valid():
        try:
            services.pledge(
                actor=request.user,
                need=need,
                quantity=form.cleaned_data["quantity"],
                organization=form.chosen_organization,
                note=form.cleaned_data["note"],
                beyond_confirmed=form.beyond_confirmed,
            )
        except services.BeyondNeed as error:
            form.ask_to_confirm()
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you: your pledge is recorded."))
            return redirect(_need_url(need))
    return render(request, "networks/response/pledge.html", {"network": network, "need": need, "form": form})


@login_required
def incident_close(request: HttpRequest, slug: str) -> HttpResponse:
    _viewer, network = _coordinated(request, slug)
    found = incident_of(network)
    if found is None:
        return redirect("networks:incident_edit", network.slug)
    if found.status == IncidentStatus.CLOSED:
        return redirect("networks:incident", network.slug)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_close(
                actor=request.user, network=network, closing_report=form.cleaned_data["closing_report"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("networks:incident", network.slug)
    return render(
        request, "networks/response/close.html", {"network": network, "incident": found, "form": form}
    )
