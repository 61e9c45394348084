"""The ranking of a call's applications by their reviewers' weighted totals, for the officer and the
committee: a constant number of queries, whatever the number of applications and reviews."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from birge.funding.applications.models import Application
from birge.funding.applications.models import Status as ApplicationStatus
from birge.funding.calls.models import Call
from birge.funding.review.models import Assignment, Conflict

# The JSON documents of an application, left out of the ranking's rows.
APPLICANTS_TEXTS = ("answers", "budget", "submitted_content")


# Rows a ranking page shows at once: the ranks are counted over the whole call, and the spreadsheet holds
# every row. Fifty keep a page of a 600-application call within the HTML budget.
RANKING_PAGE = 50


@dataclass
class Row:
    application: Application
    totals: list[Decimal]  # submitted reviews' totals
    assigned: int  # reviewers on it without a conflict
    mean: Decimal | None
    spread: Decimal | None
    disagreement: bool
    rank: int | None = None

    @property
    def outcome(self) -> str:
        decision = getattr(self.application, "decision", None)
        return decision.outcome if decision else ""


@dataclass(frozen=True)
class RankingFilters:
    disagreement_only: bool = False
    unreviewed_only: bool = False  # fewer submitted reviews than reviewers assigned
    outcome: str = ""  # a decisions.Outcome value, "none" for undecided

    @classmethod
    def from_query(cls, params) -> RankingFilters:
        outcome = params.get("outcome", "")
        return cls(
            disagreement_only=params.get("disagreement") == "1",
            unreviewed_only=params.get("unreviewed") == "1",
            outcome=outcome if outcome in ("approved", "rejected", "waitlisted", "none") else "",
        )


def ranking(call: Call, filters: RankingFilters | None = None) -> list[Row]:
    """Every submitted application, best mean first (those without a review last), with its rank among
    the reviewed ones; then narrowed by `filters`."""
    applications = list(
        call.applications.filter(status=ApplicationStatus.SUBMITTED)
        .select_related("organization", "owner", "decision", "lot")
        # What the applicant wrote is read one application at a time, never from the ranking: decoding
        # it for every row was a fifth of the ranking's time for a call of 600 applications.
        .defer(*APPLICANTS_TEXTS)
        .order_by("pk")
    )
    totals: dict[int, list[Decimal]] = defaultdict(list)
    assigned: dict[int, int] = defaultdict(int)
    reviews = Assignment.objects.filter(application__call=call).exclude(conflict=Conflict.DECLARED)
    for application, total in reviews.values_list("application_id", "total"):
        assigned[application] += 1
        if total is not None:
            totals[application].append(total)
    rows = []
    threshold = Decimal(call.disagreement_threshold)
    for application in applications:
        scores = totals[application.pk]
        mean = spread = None
        if scores:
            mean = (sum(scores) / len(scores)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            spread = max(scores) - min(scores)
        rows.append(
            Row(
                application,
                scores,
                assigned[application.pk],
                mean,
                spread,
                spread is not None and spread > threshold,
            )
        )
    rows.sort(key=lambda row: (row.mean is None, -(row.mean or 0), row.application.pk))
    for number, row in enumerate((row for row in rows if row.mean is not None), start=1):
        row.rank = number
    filters = filters or RankingFilters()
    if filters.disagreement_only:
        rows = [row for row in rows if row.disagreement]
    if filters.unreviewed_only:
        rows = [row for row in rows if len(row.totals) < row.assigned or not row.assigned]
    if filters.outcome:
        rows = [row for row in rows if row.outcome == ("" if filters.outcome == "none" else filters.outcome)]
    return rows
