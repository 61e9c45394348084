"""Grant competitions and social contracts: Django finds the models of each feature through this module."""

from birge.funding.alerts.models import CallAlert
from birge.funding.applications.models import Application, Attachment, Partner
from birge.funding.awards.models import Award, Indicator, Tranche
from birge.funding.builder.models import FormVersion
from birge.funding.calls.models import Call, Criterion, Lot, Status
from birge.funding.decisions.models import Decision
from birge.funding.evaluation.models import Evaluation
from birge.funding.monitoring.models import FollowUp, Photo, Visit
from birge.funding.programs.models import Program, ProgramStaff
from birge.funding.questions.models import CallQuestion
from birge.funding.reports.models import IndicatorValue, Line, Report, ReportFile
from birge.funding.review.models import Assignment, PoolMember, Score

__all__ = [
    "Application",
    "Assignment",
    "Attachment",
    "Award",
    "Call",
    "CallAlert",
    "CallQuestion",
    "Criterion",
    "Decision",
    "Evaluation",
    "FollowUp",
    "FormVersion",
    "Indicator",
    "IndicatorValue",
    "Line",
    "Lot",
    "Partner",
    "Photo",
    "PoolMember",
    "Program",
    "ProgramStaff",
    "Report",
    "ReportFile",
    "Score",
    "Status",
    "Tranche",
    "Visit",
]
