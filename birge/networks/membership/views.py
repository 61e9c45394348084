"""The membership pages: a network's members for its coordinators, invitations and requests, joining and
leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.networks.membership import services
from birge.networks.membership.forms import (
    AnswerForm,
    FindOrganizationForm,
    InviteForm,
    JoinForm,
    LeaveForm,
    RemoveForm,
    RoleForm,
)
from birge.networks.membership.models import Admission, NetworkMembership
from birge.networks.membership.reads import (
    members_of,
    organizations_spoken_for,
    pending_for_network,
    pending_for_person,
)
from birge.networks.networks.reads import network_or_404
from birge.networks.permissions import NetworkViewer
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.visibility import present_all

FOUND_AT_MOST = 20


def _coordinated(request: HttpRequest, slug: str):
    viewer = NetworkViewer.of(request.user)
    network = network_or_404(viewer, slug)
    if not viewer.is_coordinator(network):
        raise PermissionDenied
    return viewer, network


def _candidates(network, query: str):
    """Published organizations that are not members yet, by name or address."""
    if not query:
        return []
    members = NetworkMembership.objects.filter(network=network).values("organization_id")
    found = (
        Organization.objects.published()
        .filter(
            Q(name__icontains=query) | Q(acronym__iexact=query) | Q(slug=query.strip("/").rsplit("/", 1)[-1])
        )
        .exclude(pk__in=members)
        .select_related("country")
        .order_by("name")
    )
    return list(found[:FOUND_AT_MOST])


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    viewer, network = _coordinated(request, slug)
    find = FindOrganizationForm(request.GET or None)
    query = find.cleaned_data["q"].strip() if find.is_valid() else ""
    rows = list(members_of(network))
    context = {
        "network": network,
        "rows": list(zip(present_all([row.organization for row in rows], viewer.viewer), rows, strict=True)),
        "pending": list(pending_for_network(network)),
        "find": find,
        "query": query,
        "candidates": present_all(_candidates(network, query), viewer.viewer),
        "invite_form": InviteForm(),
        "role_form": RoleForm(),
        "remove_form": RemoveForm(),
    }
    return render(request, "networks/membership/members.html", context)


@require_POST
@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    viewer, network = _coordinated(request, slug)
    form = InviteForm(request.POST)
    organization = None
    if form.is_valid():
        organization = Organization.objects.published().filter(slug=form.cleaned_data["organization"]).first()
        if organization is None:
            form.add_error(None, _("No published organization has this address."))
        else:
            try:
                services.invite(
                    actor=request.user,
                    network=network,
                    organization=organization,
                    role=form.cleaned_data["role"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("The invitation is sent to %(name)s.") % {"name": organization.name}
                )
                return redirect("networks:members", network.slug)
    return render(
        request,
        "networks/membership/invite_failed.html",
        {"network": network, "form": form, "organization": organization},
        status=400,
    )


@require_POST
@login_required
def member(request: HttpRequest, slug: str, organization: str) -> HttpResponse:
    """Change a member's role, or remove it (with a reason)."""
    viewer, network = _coordinated(request, slug)
    membership = get_object_or_404(
        NetworkMembership.objects.select_related("organization"),
        network=network,
        organization__slug=organization,
    )
    form = RemoveForm(request.POST) if "remove" in request.POST else RoleForm(request.POST)
    if form.is_valid():
        try:
            if "remove" in request.POST:
                services.member_remove(
                    actor=request.user,
                    network=network,
                    organization=membership.organization,
                    reason=form.cleaned_data["reason"],
                )
            else:
                services.member_set_role(
                    actor=request.user,
                    network=network,
                    organization=membership.organization,
                    role=form.cleaned_data["role"],
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("networks:members", network.slug)
    return render(
        request,
        "networks/membership/member_failed.html",
        {"network": network, "membership": membership, "form": form},
        status=400,
    )


@login_required
def join(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    network = network_or_404(viewer, slug)
    members_already = NetworkMembership.objects.filter(network=network).values("organization_id")
    organizations = organizations_spoken_for(request.user).exclude(pk__in=members_already)
    form = JoinForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_join(
                actor=request.user,
                network=network,
                organization=form.cleaned_data["organization"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your request is sent to the network's coordinators."))
            return redirect("networks:network", network.slug)
    return render(
        request,
        "networks/membership/join.html",
        {"network": network, "form": form, "has_any": organizations.exists()},
    )


@login_required
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    network = network_or_404(viewer, slug)
    speaks = viewer.speaks_for(network)
    if not speaks:
        raise Http404
    form = LeaveForm(
        request.POST or None, organizations=Organization.objects.filter(pk__in=speaks).order_by("name")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(
                actor=request.user, network=network, organization=form.cleaned_data["organization"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your organization has left the network."))
            return redirect("networks:list")
    return render(request, "networks/membership/leave.html", {"network": network, "form": form})


@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    return render(
        request,
        "networks/membership/invitations.html",
        {"admissions": list(pending_for_person(viewer)), "answer_form": AnswerForm()},
    )


def _admission(request: HttpRequest, pk: int) -> Admission:
    admission = Admission.objects.select_related("network", "organization").filter(pk=pk).first()
    # Only the two sides know of an admission; anyone else finds nothing.
    if admission is None or not (
        services.may_answer(request.user, admission) or services.may_withdraw(request.user, admission)
    ):
        raise Http404
    return admission


@require_POST
@login_required
def admission_answer(request: HttpRequest, pk: int) -> HttpResponse:
    admission = _admission(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.admission_answer(
                actor=request.user,
                admission=admission,
                accept=form.cleaned_data["accept"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if form.cleaned_data["accept"] and admission.kind == "invitation":
                return redirect("networks:network", admission.network.slug)
    else:
        messages.error(request, _("Choose to accept or to decline."))
    if admission.kind == "request":
        return redirect("networks:members", admission.network.slug)
    return redirect("networks:invitations")


@require_POST
@login_required
def admission_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    admission = _admission(request, pk)
    try:
        services.admission_withdraw(actor=request.user, admission=admission)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if admission.kind == "invitation":
        return redirect("networks:members", admission.network.slug)
    return redirect("networks:invitations")
