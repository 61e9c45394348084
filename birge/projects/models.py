"""Joint projects: Django finds the models of each feature through this module."""

from birge.projects.indicators.models import Indicator, ProgressReport, Value
from birge.projects.plan.models import Activity, BudgetLine, Cofinancing
from birge.projects.projects.models import Partner, Project

__all__ = [
    "Activity",
    "BudgetLine",
    "Cofinancing",
    "Indicator",
    "Partner",
    "ProgressReport",
    "Project",
    "Value",
]
