"""Grant competitions and social contracts: Django finds the models of each feature through this module."""

from birge.funding.calls.models import Call, Criterion, Lot, Status
from birge.funding.programs.models import Program, ProgramStaff

__all__ = ["Call", "Criterion", "Lot", "Program", "ProgramStaff", "Status"]
