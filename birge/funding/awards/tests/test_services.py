"""Awards: made by the program's managers and officers from an approved application of a decided call, once;
a schedule of payments adding up to the amount granted, reports in order with the final one last, and
indicators with targets; payments recorded as paid once, even by two officers at the same moment."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.funding.applications.models import Application
from birge.funding.awards.models import Award, Tranche, TrancheStatus
from birge.funding.awards.services import (
    IndicatorPlan,
    ReportPlan,
    TranchePlan,
    award_make,
    grantees,
    planned_budget,
    tranche_pay,
)
from birge.funding.awards.tests.factories import REQUESTED, approve, decided, plan
from birge.funding.calls.models import Status as CallStatus
from birge.funding.decisions.services import decision_record
from birge.funding.events import Verb
from birge.funding.reports.models import Kind, Line, Report
from birge.funding.review.tests.factories import move
from birge.orgs.members.models import Role
from birge.orgs.tests.factories import with_member
from conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 1)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


# Making an award --------------------------------------------------------------------------------------------


def test_the_officer_makes_the_award_with_its_schedule(
    approved, officer, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        award = award_make(actor=officer, application=approved, **plan(REQUESTED, TODAY, indicators=2))

    award.refresh_from_db()
    assert (award.amount, award.currency, award.title) == (REQUESTED, "KZT", approved.title)
    assert award.recipient_name == "Жастар бірлігі" and award.organization == approved.organization
    assert award.signed_on == timezone.localdate() and award.created_by == officer
    # The application's lines, as requested (granted in full).
    assert award.budget == [
        {"category": "Тренинги", "planned": "2000000.00"},
        {"category": "Аренда", "planned": "400000.00"},
    ]
    first, second = award.tranches.order_by("number")
    assert (first.amount, first.status, first.after_report) == (
        Decimal(1_200_000),
        TrancheStatus.PAYABLE,
        None,
    )
    interim, final = award.reports.order_by("number")
    assert (second.status, second.after_report) == (TrancheStatus.SCHEDULED, interim)
    assert (interim.kind, final.kind, interim.currency) == (Kind.INTERIM, Kind.FINAL, "KZT")
    # Each report accounts against the plan, line by line.
    assert [(line.category, line.planned) for line in final.lines.all()] == [
        ("Тренинги", Decimal(2_000_000)),
        ("Аренда", Decimal(400_000)),
    ]
    assert award.indicators.count() == 2
    event = Event.objects.get(verb=Verb.AWARD_MADE)
    assert event.actor == officer and event.new == {"amount": "2400000.00", "tranches": 2, "reports": 2}
    notice = Notification.objects.get(kind="funding.award")
    assert notice.recipient == applicant and notice.url == f"/ru/calls/awards/{award.pk}/"
    assert [message.to for message in mail.outbox] == [[applicant.email]]


def test_a_smaller_grant_scales_the_budget_lines_to_the_cent(approved):
    lines = planned_budget(approved, Decimal(2_000_000))

    assert lines == [
        {"category": "Тренинги", "planned": "1666666.67"},
        {"category": "Аренда", "planned": "333333.33"},
    ]


def schedule_with(**changes) -> dict:
    return {**plan(REQUESTED, TODAY), **changes}


HALF = Decimal(1_200_000)

REFUSED = [
    ("ends_on", schedule_with(ends_on=TODAY), "The project must end after it starts."),
    ("tranches", schedule_with(tranches=[]), "Plan at least one payment."),
    (
        "tranches",
        schedule_with(tranches=[TranchePlan(HALF, TODAY), TranchePlan(Decimal(-1), days(5))]),
        "Every payment must be a positive amount.",
    ),
    (
        "tranches",
        schedule_with(tranches=[TranchePlan(HALF, TODAY)]),
        "The payments add up to 1,200,000; they must add up to the amount granted, 2,400,000.",
    ),
    (
        "tranches",
        schedule_with(tranches=[TranchePlan(HALF, TODAY), TranchePlan(HALF, days(9), after_report=3)]),
        "A payment waits for a report that is not planned.",
    ),
    ("reports", schedule_with(reports=[]), "Plan at least one report: the final one."),
    (
        "reports",
        schedule_with(reports=[ReportPlan(days(90)), ReportPlan(days(200))]),
        "The last report, and only the last, is the final report.",
    ),
    (
        "reports",
        schedule_with(reports=[ReportPlan(days(200)), ReportPlan(days(90), kind=Kind.FINAL)]),
        "Reports are due one after another, each on its own date.",
    ),
    (
        "reports",
        schedule_with(tranches=[TranchePlan(REQUESTED, TODAY)], reports=[ReportPlan(TODAY, kind=Kind.FINAL)]),
        "The first report is due after the project starts.",
    ),
    (
        "indicators",
        schedule_with(indicators=[IndicatorPlan(title=" ", target=Decimal(5))]),
        "Every indicator needs a name and a target.",
    ),
]


@pytest.mark.parametrize(("key", "schedule", "message"), REFUSED)
def test_a_schedule_that_does_not_make_an_agreement_is_refused(approved, officer, key, schedule, message):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        award_make(actor=officer, application=approved, **schedule)

    assert message in refused.value.message_dict[key]
    assert not Award.objects.exists() and not Report.objects.exists() and not Tranche.objects.exists()


@pytest.mark.parametrize("who", ["committee_member", "reviewer", "outsider", "applicant"])
def test_only_those_who_run_the_program_make_awards(request, approved, who):
    with pytest.raises(PermissionDenied):
        award_make(actor=request.getfixturevalue(who), application=approved, **plan(REQUESTED))
    assert not Award.objects.exists()


def test_the_manager_makes_awards_too(approved, manager):
    assert award_make(actor=manager, application=approved, **plan(REQUESTED)).created_by == manager


def test_an_application_is_awarded_once(award, approved, manager):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        award_make(actor=manager, application=approved, **plan(REQUESTED))

    assert refused.value.messages == ["This application already has its award."]
    assert Award.objects.count() == 1


def test_no_award_before_the_call_is_decided(
    make_application, applicant, applicant_org, open_call, officer, committee_member
):
    submitted = make_application(applicant, applicant_org)
    move(open_call, CallStatus.IN_REVIEW)
    submitted = approve(Application.objects.get(pk=submitted.pk), committee_member)

    with pytest.raises(ValidationError):
        award_make(actor=officer, application=submitted, **plan(REQUESTED))
    assert not Award.objects.exists()


def test_no_award_for_an_application_not_approved(
    make_application, applicant, applicant_org, open_call, officer, committee_member
):
    submitted = Application.objects.get(pk=make_application(applicant, applicant_org).pk)
    move(open_call, CallStatus.IN_REVIEW)
    decision_record(
        actor=committee_member,
        application=Application.objects.get(pk=submitted.pk),
        outcome="waitlisted",
        reasons="Нет бюджета.",
    )
    [application] = decided([submitted])

    with pytest.raises(ValidationError):
        award_make(actor=officer, application=application, **plan(REQUESTED))


def test_the_grantees_are_who_applied_and_the_organizations_editors(award, applicant, applicant_org):
    editor = make_user("editor@example.org")
    member = make_user("member@example.org")
    with_member(applicant_org, editor, Role.EDITOR)
    with_member(applicant_org, member, Role.MEMBER)

    assert grantees(award) == [applicant, editor]


# Paying -----------------------------------------------------------------------------------------------------


def test_a_payable_tranche_is_recorded_as_paid_and_the_grantee_told(
    award, officer, applicant, django_capture_on_commit_callbacks
):
    tranche = award.tranches.get(number=1)

    with django_capture_on_commit_callbacks(execute=True):
        tranche_pay(actor=officer, tranche=tranche, paid_on=dt.date(2027, 3, 5))

    tranche.refresh_from_db()
    assert (tranche.status, tranche.paid_on, tranche.paid_by) == (
        TrancheStatus.PAID,
        dt.date(2027, 3, 5),
        officer,
    )
    event = Event.objects.get(verb=Verb.TRANCHE_PAID)
    assert event.actor == officer and event.new == {"tranche": 1, "amount": "1200000.00"}
    assert Notification.objects.filter(kind="funding.award", recipient=applicant).count() == 2
    assert [message.to for message in mail.outbox] == [[applicant.email]]


def test_a_tranche_is_paid_once(award, officer, manager):
    tranche = award.tranches.get(number=1)
    tranche_pay(actor=officer, tranche=tranche)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        tranche_pay(actor=manager, tranche=award.tranches.get(number=1))

    assert refused.value.messages == ["This payment is already recorded as paid."]
    assert Event.objects.filter(verb=Verb.TRANCHE_PAID).count() == 1
    assert award.tranches.get(number=1).paid_by == officer


def test_a_tranche_waiting_for_its_report_cannot_be_paid(award, officer):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        tranche_pay(actor=officer, tranche=award.tranches.get(number=2))

    assert refused.value.messages == ["This payment waits for its report to be accepted."]
    assert award.tranches.get(number=2).status == TrancheStatus.SCHEDULED


@pytest.mark.parametrize("who", ["committee_member", "reviewer", "applicant", "outsider"])
def test_only_those_who_run_the_program_record_payments(request, award, who):
    with pytest.raises(PermissionDenied):
        tranche_pay(actor=request.getfixturevalue(who), tranche=award.tranches.get(number=1))
    assert award.tranches.get(number=1).status == TrancheStatus.PAYABLE


@pytest.mark.django_db(transaction=True)
def test_two_officers_paying_the_same_tranche_at_once_pay_it_once(award, officer, manager):
    """Both press "Record as paid" at the same moment, each in their own connection: one payment is
    recorded, the other officer is told it is paid."""
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def pay(actor):
        translation.activate("en")
        try:
            tranche = Tranche.objects.select_related("award__application__call__program").get(
                award=award, number=1
            )
            start.wait(timeout=10)
            tranche_pay(actor=actor, tranche=tranche)
            outcomes.append("paid")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        except Exception as error:  # noqa: BLE001 — the test reports any failure of a thread
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=pay, args=(person,)) for person in (officer, manager)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["This payment is already recorded as paid.", "paid"]
    assert Event.objects.filter(verb=Verb.TRANCHE_PAID).count() == 1
    assert Tranche.objects.get(award=award, number=1).status == TrancheStatus.PAID


def test_lines_are_written_for_every_report(award):
    assert Line.objects.filter(report__award=award).count() == 2 * 2
