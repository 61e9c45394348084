"""Every write to how a project measures itself: its indicators (the lead sets them), the value each
reached in a reporting period, and the progress reports (the people who speak for any of the project's
organizations record values and write reports).

Each checks permission, validates, writes inside a transaction and records the audit entry. Publishing a
report tells every person of every organization of the project."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.projects import checks
from birge.projects.events import Verb
from birge.projects.indicators.models import Indicator, ProgressReport, ReportStatus, Value
from birge.projects.permissions import can_manage, can_work_on
from birge.projects.projects.models import Project
from birge.projects.projects.services import touch

MAX_NAME = 300
MAX_UNIT = 50
MAX_COMMENT = 500
MAX_REPORT_TITLE = 200
MAX_REPORT = 30_000
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _outside_the_project() -> str:
    # A whole sentence for each thing with dates (the plan's activities have theirs), so that each language
    # words it its own way.
    return _("Keep the period within the project's dates: %(start)s – %(end)s.")


# Indicators -------------------------------------------------------------------------------------------------


def _clean_indicator(values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    name = checks.line(errors, "name", values.get("name"), limit=MAX_NAME, required=_("Name the indicator."))
    unit = checks.line(errors, "unit", values.get("unit"), limit=MAX_UNIT)
    target = checks.amount(
        errors, "target", values.get("target"), required=_("Give the indicator a target."), positive=False
    )
    raw_baseline = values.get("baseline")
    baseline = checks.amount(
        errors, "baseline", 0 if raw_baseline in (None, "") else raw_baseline,
        required=_("Give the baseline as a number."), positive=False,
    )  # fmt: skip
    year = values.get("baseline_year")
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        errors.setdefault("baseline_year", []).append(
            _("Give a year between %(first)d and %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if target is not None and baseline is not None and target == baseline:
        errors.setdefault("target", []).append(_("A target equal to the baseline measures no change."))
    if errors:
        raise ValidationError(errors)
    return {"name": name, "unit": unit, "target": target, "baseline": baseline, "baseline_year": year}


def indicator_add(
    *,
    actor,
    project: Project,
    name: str,
    target,
    unit: str = "",
    baseline=0,
    baseline_year: int | None = None,
) -> Indicator:
    """An indicator the project measures itself by, from its baseline to its target; the lead only."""
    if not can_manage(actor, project):
        raise PermissionDenied
    values = _clean_indicator(
        {"name": name, "unit": unit, "target": target, "baseline": baseline, "baseline_year": baseline_year}
    )
    with transaction.atomic():
        last = Indicator.objects.filter(project=project).aggregate(last=Max("position"))["last"]
        indicator = Indicator.objects.create(project=project, position=(last or 0) + 1, **values)
        touch(project)
        record_event(
            actor,
            Verb.INDICATOR_SAVED,
            indicator,
            new={"project": project.pk, "name": values["name"], "target": str(values["target"])},
        )
    return indicator


def indicator_update(*, actor, indicator: Indicator, **changes) -> Indicator:
    """Change an indicator's name, unit, baseline or target; the lead only."""
    project = indicator.project
    if not can_manage(actor, project):
        raise PermissionDenied
    fields = ("name", "unit", "target", "baseline", "baseline_year")
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"indicator_update() got unexpected fields {sorted(unknown)}")
    before = {field: getattr(indicator, field) for field in fields}
    values = _clean_indicator({**before, **changes})
    with transaction.atomic():
        for field in fields:
            setattr(indicator, field, values[field])
        indicator.save()
        touch(project)
        old = {key: str(value) for key, value in before.items() if values[key] != value}
        record_event(
            actor,
            Verb.INDICATOR_SAVED,
            indicator,
            old=old,
            new={"project": project.pk, **{key: str(values[key]) for key in old}},
        )
    return indicator


# Values -----------------------------------------------------------------------------------------------------


def value_record(
    *,
    actor,
    indicator: Indicator,
    period_start: dt.date | None,
    period_end: dt.date | None,
    actual,
    comment: str = "",
) -> Value:
    """The value `indicator` reached in the period; recording a period again (the same start) replaces its
    value. The period lies within the project's dates and overlaps no other recorded period."""
    project = indicator.project
    if not can_work_on(actor, project):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    checks.period(
        errors,
        period_start,
        period_end,
        within=(project.starts_on, project.ends_on),
        outside=_outside_the_project(),
    )
    number = checks.amount(errors, "actual", actual, required=_("Give the value reached."), positive=False)
    comment = checks.line(errors, "comment", comment, limit=MAX_COMMENT)
    if not errors:
        overlapping = (
            Value.objects.filter(
                indicator=indicator, period_start__lte=period_end, period_end__gte=period_start
            )
            .exclude(period_start=period_start)
            .first()
        )
        if overlapping is not None:
            errors.setdefault("period_start", []).append(
                _("This period overlaps the one already recorded from %(start)s to %(end)s.")
                % {"start": checks.day(overlapping.period_start), "end": checks.day(overlapping.period_end)}
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        existing = (
            Value.objects.select_for_update().filter(indicator=indicator, period_start=period_start).first()
        )
        old = (
            {"actual": str(existing.actual), "period_end": existing.period_end.isoformat()}
            if existing
            else {}
        )
        value, _created = Value.objects.update_or_create(
            indicator=indicator,
            period_start=period_start,
            defaults={"period_end": period_end, "actual": number, "comment": comment, "recorded_by": actor},
        )
        touch(project)
        record_event(
            actor,
            Verb.VALUE_RECORDED,
            value,
            old=old,
            new={
                "project": project.pk,
                "indicator": indicator.pk,
                "period_start": period_start.isoformat(),
                "period_end": period_end.isoformat(),
                "actual": str(number),
            },
        )
    return value


# Progress reports -------------------------------------------------------------------------------------------


def _clean_report(project: Project, values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    title = checks.line(
        errors, "title", values.get("title"), limit=MAX_REPORT_TITLE, required=_("Give the report a title.")
    )
    text = checks.text(
        errors, "text", values.get("text"), limit=MAX_REPORT, required=_("Write what was done in the period.")
    )
    checks.period(
        errors,
        values.get("period_start"),
        values.get("period_end"),
        within=(project.starts_on, project.ends_on),
        outside=_outside_the_project(),
    )
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "text": text,
        "period_start": values["period_start"],
        "period_end": values["period_end"],
    }


def report_save(
    *,
    actor,
    project: Project,
    title: str,
    text: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    report: ProgressReport | None = None,
) -> ProgressReport:
    """Write a new progress report (a draft) or change `report`; anyone who works on the project. A
    published report may be corrected: it stays published, and nobody is told again."""
    if not can_work_on(actor, project):
        raise PermissionDenied
    if report is not None and report.project_id != project.pk:
        raise PermissionDenied
    values = _clean_report(
        project, {"title": title, "text": text, "period_start": period_start, "period_end": period_end}
    )
    with transaction.atomic():
        if report is None:
            report = ProgressReport.objects.create(project=project, author=actor, **values)
        else:
            for field, value in values.items():
                setattr(report, field, value)
            report.save()
        touch(project)
        record_event(
            actor,
            Verb.REPORT_SAVED,
            report,
            new={"project": project.pk, "title": values["title"], "status": report.status},
        )
    return report


def report_publish(*, actor, report: ProgressReport) -> ProgressReport:
    """Publish a draft report: whoever may know the project reads it, and every person of every one of the
    project's organizations is told."""
    project = report.project
    if not can_work_on(actor, project):
        raise PermissionDenied
    if report.status == ReportStatus.PUBLISHED:
        raise ValidationError(_("The report is published already."))
    with transaction.atomic():
        report.status = ReportStatus.PUBLISHED
        report.published_at = timezone.now()
        report.save(update_fields=["status", "published_at"])
        touch(project)
        event = record_event(
            actor,
            Verb.REPORT_PUBLISHED,
            report,
            new={"project": project.pk, "title": report.title},
        )
        notify(
            people_of(project),
            kind="projects.report",
            about=report,
            event=event,
            subject=format_lazy(gettext_lazy("Progress report: {title}"), title=report.title),
            template="projects/indicators/email/report.txt",
            # The report's text is read on the platform: a private project's report must not travel by
            # e-mail, and a public one's may be long.
            context={"project": project.title, "title": report.title},
            link=("projects:report", (project.slug, report.pk)),
        )
    return report


def people_of(project: Project) -> list:
    """Everyone who belongs to one of the project's organizations (those who read its reports)."""
    organizations = project.partners.values("organization_id")
    return list(
        get_user_model()
        .objects.filter(is_active=True, memberships__organization_id__in=organizations)
        .distinct()
    )
