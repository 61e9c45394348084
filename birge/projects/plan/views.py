"""The plan pages, for the project's lead: the activities on their timeline, the budget and its
co-financing, each with a form to add a row, and a page to change or remove one row. Everyone else reads
the plan on the project's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.projects.permissions import ProjectViewer
from birge.projects.plan import services
from birge.projects.plan.forms import ActivityForm, BudgetLineForm, CofinancingForm
from birge.projects.plan.reads import activities_of, budget_of, plan_row_or_404
from birge.projects.plan.timeline import timeline
from birge.projects.projects.models import Project
from birge.projects.projects.reads import partner_choices, project_or_404

KINDS = ("activity", "line", "source")


def _managed(request: HttpRequest, slug: str) -> Project:
    viewer = ProjectViewer.of(request.user)
    project = project_or_404(viewer, slug)
    if not viewer.leads(project):
        raise PermissionDenied
    return project


def _form(kind: str, project: Project, data=None, **kwargs):
    if kind == "activity":
        return ActivityForm(data, prefix=kind, partners=partner_choices(project), **kwargs)
    if kind == "line":
        return BudgetLineForm(data, prefix=kind, **kwargs)
    return CofinancingForm(data, prefix=kind, partners=partner_choices(project), **kwargs)


def _values(kind: str, form) -> dict:
    """What the service of `kind` takes, from the valid `form`."""
    data = form.cleaned_data
    if kind == "activity":
        return {
            "title": data["title"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "responsible": form.organization(),
            "status": data["status"],
        }
    if kind == "line":
        return {"category": data["category"], "amount": data["amount"]}
    return {
        "source": data["source"],
        "kind": data["kind"],
        "amount": data["amount"],
        "organization": form.organization(),
    }


def _initial(kind: str, row) -> dict:
    if kind == "activity":
        return {
            "title": row.title,
            "starts_on": row.starts_on,
            "ends_on": row.ends_on,
            "responsible": row.responsible_id,
            "status": row.status,
        }
    if kind == "line":
        return {"category": row.category, "amount": row.amount}
    return {"source": row.source, "kind": row.kind, "amount": row.amount, "organization": row.organization_id}


ADD = {
    "activity": services.activity_add,
    "line": services.budget_line_add,
    "source": services.cofinancing_add,
}
UPDATE = {
    "activity": lambda actor, row, values: services.activity_update(actor=actor, activity=row, **values),
    "line": lambda actor, row, values: services.budget_line_update(actor=actor, line=row, **values),
    "source": lambda actor, row, values: services.cofinancing_update(actor=actor, row=row, **values),
}
REMOVE = {
    "activity": lambda actor, row: services.activity_remove(actor=actor, activity=row),
    "line": lambda actor, row: services.budget_line_remove(actor=actor, line=row),
    "source": lambda actor, row: services.cofinancing_remove(actor=actor, row=row),
}


@login_required
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    project = _managed(request, slug)
    kind = request.POST.get("form", "") if request.method == "POST" else ""
    forms = {each: _form(each, project, request.POST if each == kind else None) for each in KINDS}
    if kind in forms and forms[kind].is_valid():
        try:
            ADD[kind](actor=request.user, project=project, **_values(kind, forms[kind]))
        except ValidationError as error:
            apply_errors(forms[kind], error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(f"{request.path}#{kind}")
    activities = activities_of(project)
    context = {
        "project": project,
        "activities": activities,
        "timeline": timeline(
            activities,
            starts_on=project.starts_on,
            ends_on=project.ends_on,
            title=_("Activities of the project on a timeline"),
            today=timezone.localdate(),
        ),
        "budget": budget_of(project),
        "editing": True,
        "forms": forms,
    }
    return render(request, "projects/plan/plan.html", context, status=400 if kind in forms else 200)


@login_required
def plan_item(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    """Change one activity, budget line or co-financing source."""
    project = _managed(request, slug)
    row = plan_row_or_404(project, kind, pk)
    form = _form(kind, project, request.POST or None, initial=_initial(kind, row))
    if request.method == "POST" and form.is_valid():
        try:
            UPDATE[kind](request.user, row, _values(kind, form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("projects:plan", project.slug)
    context = {"project": project, "kind": kind, "row": row, "form": form}
    return render(request, "projects/plan/item.html", context, status=400 if form.is_bound else 200)


@require_POST
@login_required
def plan_item_remove(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    project = _managed(request, slug)
    row = plan_row_or_404(project, kind, pk)
    REMOVE[kind](request.user, row)
    messages.success(request, _("Removed from the plan."))
    return redirect("projects:plan", project.slug)
