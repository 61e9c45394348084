"""The states award and report tests start from, built one way through the services: an application the
committee approved in a decided call, an award made from it with two payments (one on signing, one after
the first report) and two reports, more awards for lists that grow, and reports filled in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from birge.funding.applications.models import Application
from birge.funding.awards.models import Award
from birge.funding.awards.services import IndicatorPlan, ReportPlan, TranchePlan, award_make
from birge.funding.calls.models import Status as CallStatus
from birge.funding.decisions.models import Outcome
from birge.funding.decisions.services import decision_record
from birge.funding.reports.models import Kind, Report
from birge.funding.reports.services import ReportInput, report_save
from birge.funding.review.tests.factories import applications, move
from birge.orgs.members.models import Role
from birge.orgs.tests.factories import with_member
from conftest import make_user

# What GOOD_BUDGET in funding/conftest.py asks for: 2 000 000 for trainings and 400 000 for rent.
REQUESTED = Decimal("2400000")
REASONS = "Проект отвечает приоритетам программы; бюджет обоснован."
INDICATOR = "Обучено молодых лидеров"


def approve(application: Application, committee_member, amount: Decimal = REQUESTED) -> Application:
    decision_record(
        actor=committee_member,
        application=application,
        outcome=Outcome.APPROVED,
        amount=amount,
        reasons=REASONS,
    )
    return application


def decided(applications_: list[Application]) -> list[Application]:
    """The applications read afresh, their call decided (awards are made only then)."""
    move(applications_[0].call, CallStatus.DECIDED)
    return list(
        Application.objects.filter(pk__in=[application.pk for application in applications_])
        .select_related("call__program", "decision", "organization", "owner")
        .order_by("pk")
    )


def plan(amount: Decimal, today: dt.date | None = None, *, indicators: int = 1) -> dict:
    """Half on signing, half once the first report is accepted; an interim report in three months and the
    final one in seven; `indicators` indicators."""
    today = today or timezone.localdate()
    half = (amount / 2).quantize(Decimal("0.01"))
    return {
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=180),
        "tranches": [
            TranchePlan(amount=half, due_on=today),
            TranchePlan(amount=amount - half, due_on=today + dt.timedelta(days=100), after_report=1),
        ],
        "reports": [
            ReportPlan(due_on=today + dt.timedelta(days=90)),
            ReportPlan(due_on=today + dt.timedelta(days=210), kind=Kind.FINAL),
        ],
        "indicators": [
            IndicatorPlan(
                title=INDICATOR if n == 0 else f"{INDICATOR} {n + 1}",
                target=Decimal(60),
                unit="человек",
                baseline=Decimal(0),
            )
            for n in range(indicators)
        ],
    }


def more_awards(make_application, call, committee_member, officer, count: int) -> list[Award]:
    """`count` more awards of 1 000 000 in the call, each to its own organization (reopened for their
    applications, decided again after)."""
    move(call, CallStatus.OPEN)
    made = applications(make_application, count)
    move(call, CallStatus.IN_REVIEW)
    for application in made:
        approve(application, committee_member, Decimal(1_000_000))
    return [
        award_make(actor=officer, application=application, **plan(Decimal(1_000_000)))
        for application in decided(made)
    ]


def filled(report: Report, actor, **changes) -> Report:
    """The report saved with everything a submission needs: each line spent as planned, every indicator
    given, a narrative; `changes` (ReportInput's fields) override."""
    report.refresh_from_db()
    award = report.award
    data = {
        "narrative": "Проведены три тренинга в трёх районах.",
        "currency": award.currency,
        "spent": {line.position: line.planned for line in report.lines.all()},
        "values": {indicator.pk: Decimal(40) for indicator in award.indicators.all()},
        **changes,
    }
    return report_save(actor=actor, report=report, revision=report.revision, data=ReportInput(**data))


@pytest.fixture
def editor(applicant_org):
    """Dana, who may edit the recipient organization's profile: a grantee as much as the one who applied."""
    person = make_user("editor@example.org", display_name="Dana")
    with_member(applicant_org, person, Role.EDITOR)
    return person


@pytest.fixture
def approved(make_application, applicant, applicant_org, open_call, committee_member) -> Application:
    """Aigerim's application for her organization, approved in full, the call decided."""
    submitted = make_application(applicant, applicant_org)
    move(open_call, CallStatus.IN_REVIEW)
    approve(Application.objects.get(pk=submitted.pk), committee_member)
    [application] = decided([submitted])
    return application


@pytest.fixture
def award(approved, officer) -> Award:
    """The award of `approved`, made by the officer: 1 200 000 on signing, 1 200 000 after report 1."""
    return award_make(actor=officer, application=approved, **plan(REQUESTED))


@pytest.fixture
def first_report(award) -> Report:
    return award.reports.get(number=1)
