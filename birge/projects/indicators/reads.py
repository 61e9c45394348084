"""What the indicator and report pages read: each indicator with its value per period and how far it has
come from its baseline towards its target, and the progress reports this person may read (the published
ones, and the drafts for those who work on the project)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.http import Http404

from birge.projects.indicators.models import Indicator, ProgressReport, ReportStatus, Value
from birge.projects.permissions import ProjectViewer
from birge.projects.projects.models import Project


def reached(indicator: Indicator, actual: Decimal | None) -> int | None:
    """How much of the way from the baseline to the target `actual` has come, in percent (above 100 past
    the target); None without a value."""
    if actual is None or indicator.target == indicator.baseline:
        return None
    return round((actual - indicator.baseline) * 100 / (indicator.target - indicator.baseline))


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    cells: list[Value | None]  # one for each of the table's periods

    @property
    def latest(self) -> Value | None:
        values = [cell for cell in self.cells if cell is not None]
        return values[-1] if values else None

    @property
    def reached(self) -> int | None:
        latest = self.latest
        return reached(self.indicator, latest.actual if latest else None)


@dataclass(frozen=True)
class IndicatorTable:
    periods: list[tuple[dt.date, dt.date]]
    rows: list[IndicatorRow]


def indicators_of(project: Project) -> list[Indicator]:
    """The project's indicators with their values (two queries)."""
    values = Value.objects.order_by("period_start", "pk")
    return list(
        Indicator.objects.filter(project=project)
        .prefetch_related(Prefetch("values", queryset=values))
        .order_by("position", "pk")
    )


def indicator_table(indicators: list[Indicator]) -> IndicatorTable:
    """Baseline, the value of each period, target: one column for each period any indicator recorded."""
    periods = sorted({(value.period_start, value.period_end) for i in indicators for value in i.values.all()})
    rows = []
    for indicator in indicators:
        by_period = {(value.period_start, value.period_end): value for value in indicator.values.all()}
        rows.append(IndicatorRow(indicator, [by_period.get(period) for period in periods]))
    return IndicatorTable(periods, rows)


def indicator_or_404(project: Project, pk: int) -> Indicator:
    indicator = Indicator.objects.filter(project=project, pk=pk).first()
    if indicator is None:
        raise Http404
    indicator.project = project
    return indicator


def reports_of(viewer: ProjectViewer, project: Project, *, works_on: bool | None = None):
    """The reports this person may read, newest period first: the drafts only for those who work on the
    project."""
    reports = ProgressReport.objects.filter(project=project).select_related("author")
    if not (viewer.works_on(project) if works_on is None else works_on):
        reports = reports.filter(status=ReportStatus.PUBLISHED)
    return reports.order_by("-period_end", "-pk")


def published_reports(project: Project) -> list[ProgressReport]:
    return list(
        ProgressReport.objects.filter(project=project, status=ReportStatus.PUBLISHED).order_by(
            "-period_end", "-pk"
        )
    )


def report_or_404(viewer: ProjectViewer, project: Project, pk: int) -> ProgressReport:
    report = reports_of(viewer, project).filter(pk=pk).first()
    if report is None:
        raise Http404
    report.project = project
    return report
