"""What a report's page reads: the report with its award, its budget lines, the award's indicators with the
values given, and its files. A constant number of queries, whatever the number of lines, indicators or
files."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from birge.funding.awards.models import Indicator
from birge.funding.reports.models import IndicatorValue, Line, Report, ReportFile


def report_or_none(award_pk: int, number: int) -> Report | None:
    """The report, with its award and what the permission checks read (the application's call and
    program)."""
    return (
        Report.objects.select_related("award__application__call__program", "award__organization")
        .filter(award_id=award_pk, number=number)
        .first()
    )


@dataclass(frozen=True)
class Contents:
    lines: list[Line]
    indicators: list[Indicator]
    values: dict[int, IndicatorValue]  # indicator id -> the value this report gives
    files: list[ReportFile]

    @property
    def planned(self) -> Decimal:
        return sum((line.planned for line in self.lines), Decimal(0))

    @property
    def spent(self) -> Decimal:
        return sum((line.spent for line in self.lines), Decimal(0))

    def indicator_rows(self):
        for indicator in self.indicators:
            yield indicator, self.values.get(indicator.pk)


def contents(report: Report) -> Contents:
    # Explicit orders: the models' default ones sort by the report's and the award's own, through joins.
    return Contents(
        lines=list(report.lines.order_by("position")),
        indicators=list(report.award.indicators.order_by("position", "pk")),
        values={value.indicator_id: value for value in report.values.all()},
        files=list(
            report.files.only("pk", "report_id", "name", "size", "kind", "uploaded_at").order_by("pk")
        ),
    )
