"""A network's pages: the list, its page, creating, changing and closing it."""

import contextlib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from birge.core.activity import feed
from birge.core.choices import reference_choices
from birge.core.forms import apply_errors
from birge.core.pagination import paginate
from birge.networks.membership.reads import members_by_country, organizations_spoken_for, pending_for_network
from birge.networks.networks import services
from birge.networks.networks.forms import NetworkForm
from birge.networks.networks.models import Kind, Network, Status
from birge.networks.networks.reads import NetworkFilters, known_networks, latest, neighbours, network_or_404
from birge.networks.permissions import SPEAKING_ROLES, NetworkViewer

FIELDS = ("name", "description", "language", "kind", "visibility", "parent")


def network_list(request: HttpRequest) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    filters = NetworkFilters.from_query(request.GET)
    reference = reference_choices()
    context = {
        "links": paginate(request, known_networks(viewer, filters)),
        "filters": filters,
        "filtered": filters != NetworkFilters(),
        "kinds": Kind.choices,
        "countries": [(code, name) for code, name, is_home in reference.countries if is_home],
        "themes": [(slug, name) for slug, name, parent in reference.areas if parent is None],
        "mine": viewer.network_ids,
        "can_create": request.user.is_authenticated and _founders(request.user).exists(),
    }
    return render(request, "networks/networks/list.html", context)


# How many of the latest things a network's page tells (its events and projects' too).
ACTIVITY_LENGTH = 8


def network_page(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    network = network_or_404(viewer, slug)
    may_read = viewer.may_read(network)
    is_coordinator = viewer.is_coordinator(network)
    context = {
        "network": network,
        "is_member": viewer.is_member(network),
        "may_read": may_read,
        "is_coordinator": is_coordinator,
        "speaks_for": viewer.speaks_for(network),
        "groups": members_by_country(network, viewer),
        "themes": list(network.themes.all()),
        "countries": list(network.countries.all()),
        "pending": list(pending_for_network(network)) if is_coordinator else [],
        "may_join": _joinable(request.user, viewer, network),
        **neighbours(viewer, network),
        **(latest(network) if may_read else {}),
        "activity": feed(viewer.viewer, scope=network, limit=ACTIVITY_LENGTH),
    }
    return render(request, "networks/networks/network.html", context)


def _founders(user):
    """The published organizations `user` speaks for: who may found a network."""
    return organizations_spoken_for(user).published()


def _joinable(user, viewer: NetworkViewer, network: Network) -> bool:
    if not user.is_authenticated or network.status != Status.ACTIVE:
        return False
    mine = viewer.memberships.get(network.pk, {})
    return any(role in SPEAKING_ROLES and pk not in mine for pk, role in viewer.viewer.roles.items())


def _parents(viewer: NetworkViewer, network: Network | None = None):
    parents = viewer.known(Network.objects.filter(kind__in=(Kind.REGIONAL_BODY, Kind.NATIONAL_HUB)))
    if network is not None:
        parents = parents.exclude(pk=network.pk)
    return parents.order_by("name")


@login_required
def network_new(request: HttpRequest) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    founders = _founders(request.user)
    form = NetworkForm(request.POST or None, parents=_parents(viewer), founders=founders)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network = services.network_create(
                actor=request.user,
                founder=data["founder"],
                name=data["name"],
                description=data["description"],
                language=data["language"],
                kind=data["kind"],
                visibility=data["visibility"],
                themes=list(data["themes"]),
                countries=list(data["countries"]),
                parent=data["parent"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if network.kind == Kind.RESPONSE:
                return redirect("networks:incident_edit", network.slug)
            return redirect("networks:network", network.slug)
    return render(request, "networks/networks/form.html", {"form": form, "founders": founders})


@login_required
def network_edit(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    network = network_or_404(viewer, slug)
    if not viewer.is_coordinator(network):
        raise PermissionDenied
    initial = {field: getattr(network, field) for field in FIELDS} | {
        "themes": list(network.themes.all()),
        "countries": list(network.countries.all()),
    }
    form = NetworkForm(request.POST or None, initial=initial, parents=_parents(viewer, network))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.network_update(
                actor=request.user,
                network=network,
                themes=list(data["themes"]),
                countries=list(data["countries"]),
                **{field: data[field] for field in FIELDS},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("networks:network", network.slug)
    return render(request, "networks/networks/form.html", {"form": form, "network": network})


@require_POST
@login_required
def network_close(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    network = network_or_404(viewer, slug)
    with contextlib.suppress(ValidationError):  # already closed: the page says so
        services.network_close(actor=request.user, network=network)
    return redirect("networks:network", network.slug)
