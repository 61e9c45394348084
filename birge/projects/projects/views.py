"""A project's own pages: the list, its page, starting and changing it, its status and its partners.

A project a person may not know (a private one, or one of a secret network, for an outsider) answers 404
on every page, exactly as an address where nothing is."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.choices import reference_choices
from birge.core.forms import apply_errors
from birge.core.pagination import paginate
from birge.networks.networks.models import Network
from birge.networks.permissions import SPEAKING_ROLES, NetworkViewer
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.visibility import present_all
from birge.projects.indicators.reads import indicator_table, indicators_of, published_reports
from birge.projects.permissions import ProjectViewer
from birge.projects.plan.reads import activities_of, budget_of
from birge.projects.plan.timeline import timeline
from birge.projects.projects import services
from birge.projects.projects.forms import FindOrganizationForm, PartnerForm, ProjectForm, StatusForm
from birge.projects.projects.models import Partner, Project, Status
from birge.projects.projects.reads import (
    ProjectFilters,
    known_projects,
    linkable_awards,
    partner_choices,
    partners_by_country,
    project_or_404,
)

FOUND_AT_MOST = 10
# The fields of the form that `project_update` takes as they are.
EDITABLE = (
    "title",
    "summary",
    "goal",
    "objectives",
    "language",
    "visibility",
    "starts_on",
    "ends_on",
    "currency",
    "network",
)
# The most recent published reports the project's page lists.
LATEST_REPORTS = 5


def project_list(request: HttpRequest) -> HttpResponse:
    viewer = ProjectViewer.of(request.user)
    filters = ProjectFilters.from_query(request.GET)
    reference = reference_choices()
    organization = None
    if filters.organization:
        organization = Organization.objects.published().filter(slug=filters.organization).first()
    context = {
        "links": paginate(request, known_projects(viewer, filters)),
        "filters": filters,
        "filtered": filters != ProjectFilters(),
        "organization": organization,
        "statuses": Status.choices,
        "countries": [(code, name) for code, name, is_home in reference.countries if is_home],
        "themes": [(slug, name) for slug, name, parent in reference.areas if parent is None],
        "can_create": request.user.is_authenticated and _leads(request.user).exists(),
    }
    return render(request, "projects/projects/list.html", context)


def project_page(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = ProjectViewer.of(request.user)
    project = project_or_404(viewer, slug)
    activities = activities_of(project)
    reports = published_reports(project)
    context = {
        "project": project,
        "leads": viewer.leads(project),
        "works_on": viewer.works_on(project),
        "groups": partners_by_country(project, viewer),
        "themes": list(project.themes.all()),
        "countries": list(project.countries.all()),
        "activities": activities,
        "timeline": timeline(
            activities,
            starts_on=project.starts_on,
            ends_on=project.ends_on,
            title=_("Activities of the project on a timeline"),
            today=timezone.localdate(),
        ),
        "budget": budget_of(project),
        "table": indicator_table(indicators_of(project)),
        "reports": reports[:LATEST_REPORTS],
        "more_reports": len(reports) > LATEST_REPORTS,
        "network_known": project.network_id is not None and _network_known(viewer, project.network),
        # What anyone may know is what the IATI export publishes.
        "in_iati": ProjectViewer(None).may_know(project),
    }
    return render(request, "projects/projects/project.html", context)


def _network_known(viewer: ProjectViewer, network: Network) -> bool:
    """A secret network is named only to those whose organization belongs to it."""
    return NetworkViewer(viewer.viewer).may_know(network)


def _leads(user):
    """The published organizations `user` speaks for: who may lead a project."""
    return (
        Organization.objects.published()
        .filter(memberships__user=user, memberships__role__in=SPEAKING_ROLES)
        .order_by("name", "pk")
    )


def _networks_of(organizations):
    return Network.objects.filter(memberships__organization__in=organizations).distinct().order_by("name")


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    leads = _leads(request.user)
    form = ProjectForm(request.POST or None, leads=leads, networks=_networks_of(leads))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.project_create(
                actor=request.user,
                lead=data["lead"],
                themes=list(data["themes"]),
                countries=list(data["countries"]),
                **{field: data[field] for field in EDITABLE},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The project is started. Add its partners next."))
            return redirect("projects:partners", project.slug)
    context = {"form": form, "leads": leads}
    return render(request, "projects/projects/form.html", context, status=400 if form.is_bound else 200)


def _managed(request: HttpRequest, slug: str) -> tuple[ProjectViewer, Project]:
    viewer = ProjectViewer.of(request.user)
    project = project_or_404(viewer, slug)
    if not viewer.leads(project):
        raise PermissionDenied
    return viewer, project


def _edit_form(project: Project, data=None) -> ProjectForm:
    initial = {field: getattr(project, field) for field in EDITABLE} | {
        "themes": list(project.themes.all()),
        "countries": list(project.countries.all()),
        "peer_development": project.peer_development,
        "mentor": project.mentor_id,
        "mentee": project.mentee_id,
        "award": project.award_id,
    }
    return ProjectForm(
        data,
        initial=initial,
        networks=_networks_of([project.lead_id]),
        partners=partner_choices(project),
        awards=linkable_awards(project),
    )


def _render_edit(
    request: HttpRequest, project: Project, form: ProjectForm, status_form: StatusForm | None = None
):
    allowed = services.allowed_statuses(project)
    context = {
        "project": project,
        "form": form,
        "status_form": status_form or (StatusForm(allowed=allowed) if allowed else None),
    }
    invalid = form.is_bound or (status_form is not None and status_form.is_bound)
    return render(request, "projects/projects/form.html", context, status=400 if invalid else 200)


@login_required
def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    viewer, project = _managed(request, slug)
    form = _edit_form(project, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.project_update(
                actor=request.user,
                project=project,
                themes=list(data["themes"]),
                countries=list(data["countries"]),
                peer_development=data["peer_development"],
                mentor=form.organization("mentor"),
                mentee=form.organization("mentee"),
                award=data["award"],
                **{field: data[field] for field in EDITABLE},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("projects:project", project.slug)
    return _render_edit(request, project, form)


@require_POST
@login_required
def project_status(request: HttpRequest, slug: str) -> HttpResponse:
    viewer, project = _managed(request, slug)
    form = StatusForm(request.POST, allowed=services.allowed_statuses(project))
    if form.is_valid():
        try:
            services.status_change(actor=request.user, project=project, status=form.cleaned_data["status"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The project is now %(status)s.") % {"status": project.get_status_display()}
            )
            return redirect("projects:project", project.slug)
    return _render_edit(request, project, _edit_form(project), status_form=form)


def _candidates(project: Project, query: str) -> list[Organization]:
    """Published organizations not in the project yet, by name, acronym or address."""
    if not query:
        return []
    found = (
        Organization.objects.published()
        .filter(
            Q(name__icontains=query) | Q(acronym__iexact=query) | Q(slug=query.strip("/").rsplit("/", 1)[-1])
        )
        .exclude(pk__in=[partner.organization_id for partner in project.partners.all()])
        .select_related("country")
        .order_by("name")
    )
    return list(found[:FOUND_AT_MOST])


@login_required
def partners(request: HttpRequest, slug: str) -> HttpResponse:
    """The project's organizations, finding one to add, and on POST adding it."""
    viewer, project = _managed(request, slug)
    find = FindOrganizationForm(request.GET or None)
    query = find.cleaned_data["q"].strip() if find.is_valid() else ""
    form = PartnerForm(request.POST or None)
    failed_for = None
    if request.method == "POST" and form.is_valid():
        organization = Organization.objects.published().filter(slug=form.cleaned_data["organization"]).first()
        try:
            services.partner_add(
                actor=request.user,
                project=project,
                organization=organization,
                role=form.cleaned_data["role"],
                contribution=form.cleaned_data["contribution"],
            )
        except ValidationError as error:
            apply_errors(form, error)
            failed_for = organization
        else:
            messages.success(request, _("%(name)s joined the project.") % {"name": organization.name})
            return redirect("projects:partners", project.slug)
    rows = sorted(project.partners.all(), key=lambda partner: (partner.role != "lead", partner.pk))
    context = {
        "project": project,
        "rows": list(zip(present_all([row.organization for row in rows], viewer.viewer), rows, strict=True)),
        "find": find,
        "query": query,
        "candidates": present_all(_candidates(project, query), viewer.viewer),
        "form": form,
        "failed_for": failed_for,
    }
    return render(request, "projects/projects/partners.html", context, status=400 if form.is_bound else 200)


@require_POST
@login_required
def partner_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer, project = _managed(request, slug)
    partner = get_object_or_404(Partner.objects.select_related("organization"), project=project, pk=pk)
    partner.project = project
    try:
        services.partner_remove(actor=request.user, partner=partner)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s left the project.") % {"name": partner.organization.name})
    return redirect("projects:partners", project.slug)
