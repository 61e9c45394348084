"""The decided competition's eight grants, four months on, played through the services by the centre's
manager and the grantees: each agreement with its payments, reports and indicators; the first project, a
short one, finished — final report accepted, visited, evaluated and closed; the second's interim report
accepted (its second payment payable) and visited, with follow-up actions; the third's sent back for
changes; the fourth's overdue; the other four not due yet. The services stamp the present moment; the dates
the pages show are written back afterwards, as `_backdate` does for the applications."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from birge.funding.awards.models import Award, Tranche
from birge.funding.awards.services import IndicatorPlan, ReportPlan, TranchePlan, award_make, tranche_pay
from birge.funding.calls.models import Call
from birge.funding.decisions.models import Outcome
from birge.funding.evaluation.models import Closing, Criterion
from birge.funding.evaluation.services import evaluation_record
from birge.funding.monitoring.models import FollowUp
from birge.funding.monitoring.services import FollowUpPlan, visit_record
from birge.funding.reports.models import Kind, Report
from birge.funding.reports.services import (
    ReportInput,
    report_accept,
    report_request_changes,
    report_save,
    report_submit,
)

# Days from today: the agreements were signed some four months ago.
SIGNED, STARTS = -120, -115
INDICATORS = [
    ("Участники мероприятий проекта", "человек", 200),
    ("Обученные волонтёры", "человек", 20),
]


def _plan(amount: Decimal, today, *, short: bool) -> dict:
    """Short: three months, paid 70 % on signing and the rest after the final report. Otherwise ten months,
    60 % on signing and 40 % after the interim report due about three weeks ago (the fourth story's is
    overdue; those of the last four are due later, as their projects started later in the season)."""
    start = today + timedelta(days=STARTS)
    if short:
        first = (amount * Decimal("0.7")).quantize(Decimal(1))
        return {
            "starts_on": start,
            "ends_on": start + timedelta(days=90),
            "tranches": [
                TranchePlan(amount=first, due_on=start),
                TranchePlan(amount=amount - first, due_on=start + timedelta(days=105), after_report=1),
            ],
            "reports": [ReportPlan(due_on=start + timedelta(days=100), kind=Kind.FINAL)],
        }
    first = (amount * Decimal("0.6")).quantize(Decimal(1))
    return {
        "starts_on": start,
        "ends_on": start + timedelta(days=300),
        "tranches": [
            TranchePlan(amount=first, due_on=start),
            TranchePlan(amount=amount - first, due_on=start + timedelta(days=100), after_report=1),
        ],
        "reports": [
            ReportPlan(due_on=start + timedelta(days=92)),
            ReportPlan(due_on=start + timedelta(days=310), kind=Kind.FINAL),
        ],
    }


def _filled(report: Report, owner) -> Report:
    """The grantee's report: 45 % of each line spent by the interim report (within what the first payment
    brought), all of it by the final one; indicator values; a narrative."""
    report.refresh_from_db()
    final = report.kind == Kind.FINAL
    share = Decimal(1) if final else Decimal("0.45")
    data = ReportInput(
        narrative=(
            "Проведены запланированные встречи и тренинги; участники приходили из всех сёл района. "
            "Волонтёры ведут журнал посещений, фотографии и списки участников приложены."
        ),
        currency=report.award.currency,
        spent={
            line.position: (line.planned * share).quantize(Decimal("0.01")) for line in report.lines.all()
        },
        values={
            indicator.pk: indicator.target
            if final
            else (indicator.target * Decimal("0.4")).quantize(Decimal(1))
            for indicator in report.award.indicators.all()
        },
    )
    return report_save(actor=owner, report=report, revision=report.revision, data=data)


def make_awards(call: Call, manager) -> list[Award]:
    today = timezone.localdate()
    approved = list(
        call.applications.filter(decision__outcome=Outcome.APPROVED)
        .select_related("decision", "owner", "organization", "call__program")
        .order_by("-decision__amount", "pk")
    )
    awards = []
    for number, application in enumerate(approved):
        plan = _plan(application.decision.amount, today, short=number == 0)
        if number >= 4:  # later starters: their interim report is not due yet
            shift = timedelta(days=40 + 5 * number)
            plan["reports"] = [
                ReportPlan(due_on=report.due_on + shift, kind=report.kind) for report in plan["reports"]
            ]
        award = award_make(
            actor=manager,
            application=application,
            indicators=[
                IndicatorPlan(title=title, unit=unit, target=Decimal(target))
                for title, unit, target in INDICATORS
            ],
            **plan,
        )
        tranche_pay(actor=manager, tranche=award.tranches.get(number=1), paid_on=plan["starts_on"])
        awards.append(award)
    _stories(awards, manager, today)
    Award.objects.filter(pk__in=[award.pk for award in awards]).update(
        signed_on=today + timedelta(days=SIGNED)
    )
    return awards


def _stories(awards: list[Award], manager, today) -> None:
    finished, accepted, sent_back = awards[0], awards[1], awards[2]
    # The short project: final report in and accepted, the last payment made, visited, evaluated.
    report = finished.reports.get()
    report_submit(actor=finished.application.owner, report=_filled(report, finished.application.owner))
    report_accept(
        actor=manager, report=report, comment="Отчёт принят, спасибо за подробные списки участников."
    )
    tranche_pay(actor=manager, tranche=finished.tranches.get(number=2))
    visit_record(
        actor=manager,
        award=finished,
        visited_on=today + timedelta(days=STARTS + 60),
        findings=(
            "Занятия проходят в арендованном зале акимата; пришли 34 человека, журнал ведётся аккуратно."
        ),
        follow_ups=[
            FollowUpPlan(
                action="Прислать фотографии итогового мероприятия",
                owner=finished.recipient_name,
                due_on=today + timedelta(days=STARTS + 95),
            )
        ],
    )
    FollowUp.objects.filter(visit__award=finished).update(done_on=today + timedelta(days=STARTS + 93))
    evaluation_record(
        actor=manager,
        award=finished,
        ratings={
            Criterion.RELEVANCE: 4,
            Criterion.EFFECTIVENESS: 3,
            Criterion.EFFICIENCY: 3,
            Criterion.IMPACT: 3,
            Criterion.SUSTAINABILITY: 2,
        },
        lessons=(
            "Короткий проект успел многое, но после гранта занятия держатся на энтузиазме двух волонтёров. "
            "В следующем конкурсе просить план продолжения работы и софинансирование от акимата."
        ),
        closing=Closing.ACHIEVED,
    )
    # The interim report accepted: the second payment is payable; a visit with one action open.
    report = accepted.reports.get(number=1)
    report_submit(actor=accepted.application.owner, report=_filled(report, accepted.application.owner))
    report_accept(actor=manager, report=report)
    visit_record(
        actor=manager,
        award=accepted,
        visited_on=today - timedelta(days=10),
        findings="Центр открыт, консультации ведутся по графику. Нет вывески о поддержке проекта грантом.",
        follow_ups=[
            FollowUpPlan(
                action="Разместить у входа информацию о государственном гранте",
                owner=accepted.recipient_name,
                due_on=today - timedelta(days=3),
            ),
            FollowUpPlan(
                action="Согласовать с центром дату итогового круглого стола",
                owner="Ержан Байжанов",
                due_on=today + timedelta(days=20),
            ),
        ],
    )
    # Sent back: the figures agree, but the officer wants the receipts behind the largest line.
    report = sent_back.reports.get(number=1)
    report_submit(actor=sent_back.application.owner, report=_filled(report, sent_back.application.owner))
    report_request_changes(
        actor=manager,
        report=report,
        comment=(
            "Приложите, пожалуйста, копии счетов и актов по первой статье бюджета и список участников "
            "тренингов."
        ),
    )
    # The fourth award's interim report is simply late: nothing sent. The hourly job reminds its grantee.
    Tranche.objects.filter(award__in=awards, paid_on__isnull=False).update(paid_by=manager)
