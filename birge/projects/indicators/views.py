"""The pages of how a project measures itself: its indicators with the value of each period (and the one
form that records a period's values, for those who work on it), one indicator's edit page for the lead,
and the progress reports.

Whoever may know the project reads its indicators and published reports; a draft exists only for those
who work on the project."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.core.markdown import render as markdown
from birge.core.pagination import paginate
from birge.projects.indicators import reads, services
from birge.projects.indicators.forms import IndicatorForm, ReportForm, ValuesForm
from birge.projects.indicators.models import Indicator, ReportStatus
from birge.projects.permissions import ProjectViewer
from birge.projects.projects.models import Project
from birge.projects.projects.reads import project_or_404

INDICATOR_FIELDS = ("name", "unit", "baseline", "baseline_year", "target")


def _known(request: HttpRequest, slug: str) -> tuple[ProjectViewer, Project]:
    viewer = ProjectViewer.of(request.user)
    return viewer, project_or_404(viewer, slug)


def _period(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def _values_initial(indicators: list[Indicator], start: dt.date | None) -> dict:
    """The recorded values of the period that starts on `start`, to change them."""
    initial: dict = {}
    for indicator in indicators:
        for value in indicator.values.all():
            if value.period_start == start:
                initial |= {
                    "period_start": value.period_start,
                    "period_end": value.period_end,
                    f"actual_{indicator.pk}": value.actual,
                    f"comment_{indicator.pk}": value.comment,
                }
    return initial


def _record_values(actor, form: ValuesForm) -> int:
    """Record every value given, all or none: a period refused for one indicator is refused for all."""
    given = form.given()
    if not given:
        raise ValidationError(_("Give the value of at least one indicator."))
    data = form.cleaned_data
    errors: dict[str, list[str]] = {}
    with transaction.atomic():
        for indicator, actual, comment in given:
            try:
                services.value_record(
                    actor=actor,
                    indicator=indicator,
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    actual=actual,
                    comment=comment,
                )
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    key = f"{field}_{indicator.pk}" if field in ("actual", "comment") else field
                    known = errors.setdefault(key, [])
                    known.extend(message for message in messages_ if message not in known)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ValidationError(errors)
    return len(given)


def indicators(request: HttpRequest, slug: str) -> HttpResponse:
    """The table of indicators for whoever may know the project; the form of a period's values for those
    who work on it, and the form of a new indicator for its lead."""
    viewer, project = _known(request, slug)
    works_on, leads = viewer.works_on(project), viewer.leads(project)
    rows = reads.indicators_of(project)
    for indicator in rows:
        indicator.project = project
    kind = request.POST.get("form", "") if request.method == "POST" else ""
    if kind:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (leads if kind == "indicator" else works_on):
            raise PermissionDenied
    start = _period(request.GET.get("period", ""))
    values_form = None
    if works_on and rows:
        values_form = ValuesForm(
            request.POST if kind == "values" else None, indicators=rows, initial=_values_initial(rows, start)
        )
    indicator_form = IndicatorForm(request.POST if kind == "indicator" else None) if leads else None
    if kind == "values" and values_form is not None and values_form.is_valid():
        try:
            count = _record_values(request.user, values_form)
        except ValidationError as error:
            apply_errors(values_form, error)
        else:
            messages.success(request, _("The values are recorded (%(count)d).") % {"count": count})
            return redirect("projects:indicators", project.slug)
    elif kind == "indicator" and indicator_form.is_valid():
        try:
            services.indicator_add(
                actor=request.user,
                project=project,
                **{field: indicator_form.cleaned_data[field] for field in INDICATOR_FIELDS},
            )
        except ValidationError as error:
            apply_errors(indicator_form, error)
        else:
            messages.success(request, _("The indicator is added."))
            return redirect("projects:indicators", project.slug)
    context = {
        "project": project,
        "table": reads.indicator_table(rows),
        "editing": works_on,
        "managing": leads,
        "values_form": values_form,
        "indicator_form": indicator_form,
    }
    return render(request, "projects/indicators/indicators.html", context, status=400 if kind else 200)


@login_required
def indicator(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change one indicator; the lead only."""
    viewer, project = _known(request, slug)
    if not viewer.leads(project):
        raise PermissionDenied
    found = reads.indicator_or_404(project, pk)
    initial = {field: getattr(found, field) for field in INDICATOR_FIELDS}
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(
                actor=request.user,
                indicator=found,
                **{field: form.cleaned_data[field] for field in INDICATOR_FIELDS},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The indicator is saved."))
            return redirect("projects:indicators", project.slug)
    context = {"project": project, "indicator": found, "form": form}
    return render(
        request, "projects/indicators/indicator.html", context, status=400 if form.is_bound else 200
    )


# Progress reports -------------------------------------------------------------------------------------------


def _save_report(request: HttpRequest, project: Project, form: ReportForm, report=None):
    """Save the report from the valid `form`, and publish it when the person pressed that button."""
    data = form.cleaned_data
    with transaction.atomic():
        report = services.report_save(
            actor=request.user,
            project=project,
            title=data["title"],
            text=data["text"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            report=report,
        )
        if "publish" in request.POST and report.status == ReportStatus.DRAFT:
            services.report_publish(actor=request.user, report=report)
            messages.success(request, _("The report is published; the project's people are told."))
        else:
            messages.success(request, _("The report is saved."))
    return report


def reports(request: HttpRequest, slug: str) -> HttpResponse:
    """The reports this person may read, and the form of a new one for those who work on the project."""
    viewer, project = _known(request, slug)
    works_on = viewer.works_on(project)
    form = ReportForm() if works_on else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not works_on:
            raise PermissionDenied
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                report = _save_report(request, project, form)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect("projects:report", project.slug, report.pk)
    links = paginate(request, reads.reports_of(viewer, project, works_on=works_on))
    context = {"project": project, "links": links, "form": form, "works_on": works_on}
    invalid = form is not None and form.is_bound
    return render(request, "projects/indicators/reports.html", context, status=400 if invalid else 200)


def report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One report; those who work on the project may correct it here, and publish a draft."""
    viewer, project = _known(request, slug)
    found = reads.report_or_404(viewer, project, pk)
    works_on = viewer.works_on(project)
    form = None
    if works_on:
        initial = {
            "title": found.title,
            "period_start": found.period_start,
            "period_end": found.period_end,
            "text": found.text,
        }
        form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                _save_report(request, project, form, found)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect("projects:report", project.slug, found.pk)
    context = {"project": project, "report": found, "html": markdown(found.text), "form": form}
    invalid = form is not None and form.is_bound
    return render(request, "projects/indicators/report.html", context, status=400 if invalid else 200)


@require_POST
@login_required
def report_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer, project = _known(request, slug)
    found = reads.report_or_404(viewer, project, pk)
    try:
        services.report_publish(actor=request.user, report=found)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The report is published; the project's people are told."))
    return redirect("projects:report", project.slug, found.pk)
