"""What the plan pages read: a project's activities in order, its budget with the co-financing and the
share of the budget it covers, and one row of each for its edit page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404

from birge.projects.plan.models import Activity, BudgetLine, Cofinancing
from birge.projects.projects.models import Project


@dataclass(frozen=True)
class Budget:
    lines: list[BudgetLine]
    sources: list[Cofinancing]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def cofinanced(self) -> Decimal:
        return sum((source.amount for source in self.sources), Decimal(0))

    @property
    def share(self) -> int | None:
        """The percentage of the budget the co-financing covers (None without a budget); above 100 when
        the sources pledge more than the budget asks."""
        if not self.total:
            return None
        return round(self.cofinanced * 100 / self.total)


def activities_of(project: Project) -> list[Activity]:
    return list(
        Activity.objects.filter(project=project).select_related("responsible").order_by("starts_on", "pk")
    )


def budget_of(project: Project) -> Budget:
    return Budget(
        lines=list(BudgetLine.objects.filter(project=project).order_by("pk")),
        sources=list(
            Cofinancing.objects.filter(project=project).select_related("organization").order_by("pk")
        ),
    )


# What the plan's edit pages call each kind of row, and its model.
KINDS = {"activity": Activity, "line": BudgetLine, "source": Cofinancing}


def plan_row_or_404(project: Project, kind: str, pk: int):
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    row = model.objects.filter(project=project, pk=pk).first()
    if row is None:
        raise Http404
    row.project = project  # the one the page already read, with its partners
    return row
