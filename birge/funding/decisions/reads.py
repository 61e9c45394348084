"""What the committee's pages read besides the application itself (birge.funding.applications.content):
the call's budget so far, and an application's reviews. A constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from birge.funding.applications.models import Application
from birge.funding.calls.models import Call
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.review.models import Assignment, Conflict


@dataclass(frozen=True)
class BudgetSummary:
    ceiling: Decimal | None
    approved: Decimal

    @property
    def left(self) -> Decimal | None:
        return None if self.ceiling is None else self.ceiling - self.approved


def budget_summary(call: Call) -> BudgetSummary:
    """The call's budget, and what the approvals so far take of it (the sum the decision service checks)."""
    approved = Decision.objects.filter(application__call=call, outcome=Outcome.APPROVED).aggregate(
        total=Sum("amount")
    )["total"]
    return BudgetSummary(call.budget_ceiling, approved or Decimal(0))


def reviews_of(application: Application) -> list[Assignment]:
    """The reviewers on the application (those who declared a conflict are off it) and their totals; named,
    as only the program's staff read this."""
    return list(
        application.assignments.exclude(conflict=Conflict.DECLARED)
        .select_related("reviewer")
        .order_by("submitted_at", "pk")
    )
