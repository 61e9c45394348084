"""Grant competitions and social contracts: Django finds the models of each feature through this module."""

from birge.funding.alerts.models import CallAlert
from birge.funding.calls.models import Call, Criterion, Lot, Status
from birge.funding.programs.models import Program, ProgramStaff
from birge.funding.questions.models import CallQuestion

__all__ = ["Call", "CallAlert", "CallQuestion", "Criterion", "Lot", "Program", "ProgramStaff", "Status"]
