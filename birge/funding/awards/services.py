"""Every write to an award: making it from an approved application with its schedule, and paying its
tranches. Each checks permission, changes inside a transaction, records the audit entry and tells the
grantee."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.core.validators import validate_single_line
from birge.funding.applications.budget import parse_amount
from birge.funding.applications.models import Application
from birge.funding.awards.models import Award, Indicator, Tranche, TrancheStatus
from birge.funding.calls.models import Status as CallStatus
from birge.funding.decisions.models import Outcome
from birge.funding.events import Verb
from birge.funding.money import money
from birge.funding.permissions import can_manage_awards
from birge.funding.reports.models import Kind as ReportKind
from birge.funding.reports.models import Line, Report
from birge.orgs.members.models import Membership, Role

# Awards are made once the committee's decisions are final and announced.
AWARDED_FROM = (CallStatus.DECIDED, CallStatus.ARCHIVED)


@dataclass(frozen=True)
class TranchePlan:
    amount: Decimal
    due_on: dt.date
    after_report: int | None = None  # the number of the report whose acceptance releases it


@dataclass(frozen=True)
class ReportPlan:
    due_on: dt.date
    kind: str = ReportKind.INTERIM


@dataclass(frozen=True)
class IndicatorPlan:
    title: str
    target: Decimal
    unit: str = ""
    baseline: Decimal = Decimal(0)


def planned_budget(application: Application, amount: Decimal) -> list[dict[str, str]]:
    """The application's budget lines scaled to the amount granted (the committee may grant less than was
    asked), to the cent; the last line takes the rounding so that the lines add up to the award."""
    lines = []
    for row in application.budget or []:
        requested = parse_amount(row.get("requested"))
        if requested:
            lines.append([row.get("category") or _("budget line"), requested])
    total = sum((requested for _category, requested in lines), Decimal(0))
    if not total:
        return [{"category": str(_("The project")), "planned": str(amount)}]
    planned, given = [], Decimal(0)
    for number, (category, requested) in enumerate(lines, start=1):
        share = (
            amount - given if number == len(lines) else (requested * amount / total).quantize(Decimal("0.01"))
        )
        given += share
        planned.append({"category": category, "planned": str(share)})
    return planned


def _schedule_problems(
    amount: Decimal,
    starts_on: dt.date,
    ends_on: dt.date,
    tranches: list[TranchePlan],
    reports: list[ReportPlan],
    indicators: list[IndicatorPlan],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if ends_on <= starts_on:
        add("ends_on", _("The project must end after it starts."))
    if not tranches:
        add("tranches", _("Plan at least one payment."))
    elif any(plan.amount is None or plan.amount <= 0 for plan in tranches):
        add("tranches", _("Every payment must be a positive amount."))
    elif sum(plan.amount for plan in tranches) != amount:
        add(
            "tranches",
            _("The payments add up to %(sum)s; they must add up to the amount granted, %(amount)s.")
            % {"sum": money(sum(plan.amount for plan in tranches)), "amount": money(amount)},
        )
    if not reports:
        add("reports", _("Plan at least one report: the final one."))
    else:
        if reports[-1].kind != ReportKind.FINAL or any(
            plan.kind == ReportKind.FINAL for plan in reports[:-1]
        ):
            add("reports", _("The last report, and only the last, is the final report."))
        dates = [plan.due_on for plan in reports]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            add("reports", _("Reports are due one after another, each on its own date."))
        if dates[0] <= starts_on:
            add("reports", _("The first report is due after the project starts."))
    for plan in tranches:
        if plan.after_report is not None and not 1 <= plan.after_report <= len(reports):
            add("tranches", _("A payment waits for a report that is not planned."))
            break
    for plan in indicators:
        validate_single_line(plan.title)
        if not plan.title.strip() or plan.target is None:
            add("indicators", _("Every indicator needs a name and a target."))
            break
    return errors


def award_make(
    *,
    actor,
    application: Application,
    starts_on: dt.date,
    ends_on: dt.date,
    tranches: list[TranchePlan],
    reports: list[ReportPlan],
    indicators: list[IndicatorPlan] = (),
    variance_threshold: int = 10,
) -> Award:
    """The agreement for an application the committee approved: the amount it granted, the project's dates,
    the payments (each due on a date, some only after a report is accepted), the reports and indicators."""
    call = application.call
    program = call.program
    if not can_manage_awards(actor, program):
        raise PermissionDenied
    decision = getattr(application, "decision", None)
    if call.status not in AWARDED_FROM or decision is None or decision.outcome != Outcome.APPROVED:
        raise ValidationError(_("Awards are made for approved applications once the call is decided."))
    errors = _schedule_problems(decision.amount, starts_on, ends_on, tranches, reports, list(indicators))
    if errors:
        raise ValidationError(errors)
    organization = application.organization
    with transaction.atomic():
        # Two officers pressing the button at once make one award: the second finds the first.
        Application.objects.select_for_update().only("pk").get(pk=application.pk)
        if Award.objects.filter(application=application).exists():
            raise ValidationError(_("This application already has its award."))
        award = Award.objects.create(
            application=application,
            title=application.title,
            amount=decision.amount,
            currency=program.currency,
            starts_on=starts_on,
            ends_on=ends_on,
            signed_on=timezone.localdate(),
            variance_threshold=variance_threshold,
            budget=planned_budget(application, decision.amount),
            organization=organization,
            recipient_name=organization.name if organization else application.applicant_name,
            country=(organization.country if organization else application.country),
            region=(organization.region if organization else application.region),
            created_by=actor,
        )
        made = Report.objects.bulk_create(
            Report(award=award, number=number, kind=plan.kind, due_on=plan.due_on, currency=award.currency)
            for number, plan in enumerate(reports, start=1)
        )
        by_number = {report.number: report for report in made}
        # Each report accounts against the same plan, line by line.
        Line.objects.bulk_create(
            Line(report=report, position=position, category=row["category"], planned=Decimal(row["planned"]))
            for report in made
            for position, row in enumerate(award.budget)
        )
        Tranche.objects.bulk_create(
            Tranche(
                award=award,
                number=number,
                amount=plan.amount,
                due_on=plan.due_on,
                after_report=by_number.get(plan.after_report),
                status=TrancheStatus.SCHEDULED if plan.after_report else TrancheStatus.PAYABLE,
            )
            for number, plan in enumerate(tranches, start=1)
        )
        Indicator.objects.bulk_create(
            Indicator(
                award=award,
                title=plan.title.strip(),
                unit=plan.unit.strip(),
                baseline=plan.baseline,
                target=plan.target,
                position=position,
            )
            for position, plan in enumerate(indicators)
        )
        event = record_event(
            actor,
            Verb.AWARD_MADE,
            award,
            new={"amount": str(award.amount), "tranches": len(tranches), "reports": len(reports)},
        )
        tell_grantees(award, event, gettext_lazy("Your grant agreement"), "funding/awards/email/made.txt")
    return award


def tranche_pay(*, actor, tranche: Tranche, paid_on: dt.date | None = None) -> Tranche:
    """Record that a payable tranche was paid. Once: a second press, a retry or a second officer finds it
    paid and is refused."""
    award = tranche.award
    if not can_manage_awards(actor, award.application.call.program):
        raise PermissionDenied
    paid_on = paid_on or timezone.localdate()
    with transaction.atomic():
        # One conditional UPDATE decides: whoever changes the row from payable to paid paid it.
        changed = Tranche.objects.filter(pk=tranche.pk, status=TrancheStatus.PAYABLE).update(
            status=TrancheStatus.PAID, paid_on=paid_on, paid_by=actor
        )
        if not changed:
            tranche.refresh_from_db()
            if tranche.status == TrancheStatus.PAID:
                raise ValidationError(_("This payment is already recorded as paid."))
            raise ValidationError(_("This payment waits for its report to be accepted."))
        tranche.refresh_from_db()
        event = record_event(
            actor, Verb.TRANCHE_PAID, award, new={"tranche": tranche.number, "amount": str(tranche.amount)}
        )
        tell_grantees(
            award,
            event,
            gettext_lazy("A payment of your grant was made"),
            "funding/awards/email/paid.txt",
            tranche=tranche,
        )
    return tranche


def tranches_release(report: Report, event=None) -> list[Tranche]:
    """Make payable the tranches that waited for `report` (called when it is accepted)."""
    waiting = list(report.releases.filter(status=TrancheStatus.SCHEDULED))
    Tranche.objects.filter(pk__in=[tranche.pk for tranche in waiting]).update(status=TrancheStatus.PAYABLE)
    for tranche in waiting:
        tranche.status = TrancheStatus.PAYABLE
        record_event(None, Verb.TRANCHE_PAYABLE, report.award, new={"tranche": tranche.number})
    return waiting


def grantees(award: Award) -> list:
    """Who is told about the award: who applied, and the recipient organization's editors."""
    people = [award.application.owner]
    if award.organization_id:
        people += [
            membership.user
            for membership in Membership.objects.filter(
                organization_id=award.organization_id, role__in=(Role.OWNER, Role.EDITOR)
            ).select_related("user")
        ]
    return list(dict.fromkeys(people))


def tell_grantees(award: Award, event, subject, template: str, *, link=None, **context) -> None:
    """Notify the grantees of `award` (see `grantees`); the link leads to the award unless `link` is given."""
    notify(
        grantees(award),
        kind="funding.award",
        about=award,
        event=event,
        subject=subject,
        template=template,
        context={"award": award, **context},
        link=link or ("funding:award", (award.pk,)),
    )
