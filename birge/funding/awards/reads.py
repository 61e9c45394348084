"""What the grant pages read: the awards a person follows, with what each row of the list shows; the
counters and queues of the operator's dashboard; one award with its schedule. Each in a constant number of
queries, whatever the number of awards, payments, reports or indicators."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from birge.funding.applications.models import Application
from birge.funding.awards.models import Award, Indicator, Status, Tranche, TrancheStatus
from birge.funding.awards.services import AWARDED_FROM
from birge.funding.decisions.models import Outcome
from birge.funding.monitoring.models import FollowUp, Visit
from birge.funding.permissions import AWARD_ROLES, can_report_on, roles_in
from birge.funding.programs.models import ProgramStaff, StaffRole
from birge.funding.reports.models import OPEN_TO_GRANTEE, IndicatorValue, Report
from birge.funding.reports.models import Status as ReportStatus
from birge.orgs.members.models import Membership, Role
from birge.orgs.permissions import signed_in

# Each queue of the dashboard shows this many items, the most urgent first; its counter says how many in all.
QUEUE_LENGTH = 10

# The values a report gives are read by the staff once it is sent: a draft (or one sent back to the grantee
# and being reworked) is still the grantee's.
REPORTED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def followed_awards(user) -> QuerySet[Award]:
    """`can_follow_award` as a queryset: the awards `user` reports on (they applied, or they may edit the
    recipient organization's profile), and those of the programs where they manage, run or decide."""
    if not signed_in(user):
        return Award.objects.none()
    editable = Membership.objects.filter(user=user, role__in=(Role.OWNER, Role.EDITOR)).values(
        "organization_id"
    )
    programs = ProgramStaff.objects.filter(user=user, role__in=AWARD_ROLES).values("program_id")
    return Award.objects.filter(
        Q(application__owner=user)
        | Q(organization_id__in=editable)
        | Q(application__call__program_id__in=programs)
    )


@dataclass(frozen=True)
class AwardFilters:
    status: str = ""  # an awards.Status value
    overdue_only: bool = False

    @classmethod
    def from_query(cls, params) -> AwardFilters:
        status = params.get("status", "")
        return cls(
            status=status if status in Status.values else "",
            overdue_only=params.get("overdue") == "1",
        )


def award_rows(user, filters: AwardFilters, today: dt.date) -> QuerySet[Award]:
    """The list's rows: each award with the next report the grantee owes and how many payments are
    payable, as two subqueries of the one query (never a query per row)."""
    next_due = (
        Report.objects.filter(award=OuterRef("pk"), status__in=OPEN_TO_GRANTEE)
        .order_by("due_on")
        .values("due_on")[:1]
    )
    next_number = (
        Report.objects.filter(award=OuterRef("pk"), status__in=OPEN_TO_GRANTEE)
        .order_by("due_on")
        .values("number")[:1]
    )
    payable = (
        Tranche.objects.filter(award=OuterRef("pk"), status=TrancheStatus.PAYABLE)
        .order_by()
        .values("award")
        .annotate(count=Count("pk"))
        .values("count")
    )
    rows = (
        followed_awards(user)
        .only("pk", "title", "recipient_name", "organization_id", "amount", "currency", "status", "signed_on")
        .annotate(
            next_due=Subquery(next_due),
            next_report=Subquery(next_number),
            payable=Coalesce(Subquery(payable, output_field=IntegerField()), Value(0)),
        )
        .order_by("-signed_on", "-pk")
    )
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue_only:
        rows = rows.filter(next_due__lt=today)
    return rows


@dataclass(frozen=True)
class Dashboard:
    by_status: list[tuple[str, str, int]]  # (status, its label, how many awards)
    overdue: list[Report]  # the most overdue first, at most QUEUE_LENGTH
    overdue_count: int
    payable: list[Tranche]  # the longest due first, at most QUEUE_LENGTH
    payable_count: int
    to_award: list[Application]  # approved, of a decided call, without an award yet
    to_award_count: int
    follow_ups: list[FollowUp]  # monitoring actions not done yet, the earliest due first
    follow_ups_count: int

    @property
    def total(self) -> int:
        return sum(count for _status, _label, count in self.by_status)


def dashboard(user, today: dt.date) -> Dashboard:
    """The counters and queues at the top of the list: awards by status, reports overdue, payments to make,
    monitoring actions open, and, for those who make awards, the approved applications that wait for
    theirs."""
    awards = followed_awards(user)
    counts = dict(awards.order_by().values_list("status").annotate(count=Count("pk")))
    overdue = Report.objects.filter(
        award__in=awards, status__in=OPEN_TO_GRANTEE, due_on__lt=today
    ).select_related("award")
    payable = Tranche.objects.filter(award__in=awards, status=TrancheStatus.PAYABLE).select_related("award")
    waiting = _waiting_for_award(user)
    actions = FollowUp.objects.filter(visit__award__in=awards, done_on=None).select_related("visit__award")
    return Dashboard(
        by_status=[(value, label, counts.get(value, 0)) for value, label in Status.choices],
        overdue=list(overdue.order_by("due_on", "pk")[:QUEUE_LENGTH]),
        overdue_count=overdue.count(),
        payable=list(payable.order_by("due_on", "pk")[:QUEUE_LENGTH]),
        payable_count=payable.count(),
        to_award=list(waiting.order_by("pk")[:QUEUE_LENGTH]),
        to_award_count=waiting.count(),
        follow_ups=list(actions.order_by("due_on", "pk")[:QUEUE_LENGTH]),
        follow_ups_count=actions.count(),
    )


def _waiting_for_award(user) -> QuerySet[Application]:
    runs = ProgramStaff.objects.filter(user=user, role__in=(StaffRole.MANAGER, StaffRole.OFFICER)).values(
        "program_id"
    )
    return Application.objects.filter(
        call__program_id__in=runs,
        call__status__in=AWARDED_FROM,
        decision__outcome=Outcome.APPROVED,
        award__isnull=True,
    ).select_related("call__program", "decision")


# One award ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardAccess:
    grantee: bool  # can_report_on
    manages: bool  # can_manage_awards
    follows: bool  # can_follow_award


def award_access(user, award: Award) -> AwardAccess:
    """The viewer's standing on an award for its pages, each question asked of the database once: the
    predicates of permissions.py would ask for the program's roles twice and the membership twice. A test
    holds the answers to those predicates' for every role."""
    grantee = can_report_on(user, award)
    roles = roles_in(user, award.application.call.program)
    return AwardAccess(
        grantee=grantee,
        manages=bool(roles & {StaffRole.MANAGER, StaffRole.OFFICER}),
        follows=grantee or bool(roles & AWARD_ROLES),
    )


def award_or_none(pk: int) -> Award | None:
    """The award with what its page and the permission checks read (the application's call and program)."""
    return (
        Award.objects.select_related(
            "application__call__program", "organization", "country", "region", "created_by"
        )
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    latest: IndicatorValue | None  # the value of the latest report sent that gives one


@dataclass(frozen=True)
class Schedule:
    tranches: list[Tranche]
    reports: list[Report]
    indicators: list[IndicatorRow]

    @property
    def paid(self) -> Decimal:
        return sum(
            (tranche.amount for tranche in self.tranches if tranche.status == TrancheStatus.PAID), Decimal(0)
        )


def schedule(award: Award) -> Schedule:
    """The award's payments, reports and indicators with the latest value each reached: four queries."""
    tranches = list(award.tranches.select_related("after_report", "paid_by").order_by("number"))
    reports = list(award.reports.order_by("number"))
    # Explicit orders: the models' default ones sort by the award's own order, through a join.
    indicators = list(award.indicators.order_by("position", "pk"))
    latest: dict[int, IndicatorValue] = {}
    values = (
        IndicatorValue.objects.filter(report__award=award, report__status__in=REPORTED, value__isnull=False)
        .select_related("report")
        .order_by("-report__number")
    )
    for value in values:
        latest.setdefault(value.indicator_id, value)
    return Schedule(
        tranches=tranches,
        reports=reports,
        indicators=[IndicatorRow(indicator, latest.get(indicator.pk)) for indicator in indicators],
    )


def visits_of(award: Award) -> list[Visit]:
    """The award's monitoring visits, the latest first, each with how many of its actions are still open."""
    return list(
        award.visits.select_related("officer").annotate(
            open_actions=Count("follow_ups", filter=Q(follow_ups__done_on=None))
        )
    )
