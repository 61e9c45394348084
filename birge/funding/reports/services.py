"""Every write to a report: the grantee saves and submits it, the officer accepts it or asks for changes,
and the hourly job reminds grantees of overdue reports.

A report is saved as often as the grantee likes, incomplete; its figures must agree only when it is
submitted, and `report_problems` names every disagreement in plain words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.core.uploads import safe_filename
from birge.core.validators import first_forbidden_in_text
from birge.funding.awards.models import TrancheStatus
from birge.funding.awards.services import grantees, tranches_release
from birge.funding.events import Verb
from birge.funding.files import clean_upload
from birge.funding.money import money
from birge.funding.permissions import can_manage_awards, can_report_on
from birge.funding.programs.models import ProgramStaff, StaffRole
from birge.funding.reports.models import (
    OPEN_TO_GRANTEE,
    IndicatorValue,
    Kind,
    Line,
    Report,
    ReportFile,
    Status,
)

MAX_FILES = 20
# An overdue report is reminded of once a week until it comes.
REMIND_EVERY = dt.timedelta(days=7)


@dataclass
class ReportInput:
    """What the grantee's form sends: texts as typed, amounts already parsed (None where left empty)."""

    narrative: str = ""
    currency: str = ""
    financial_comment: str = ""
    spent: dict[int, Decimal | None] = field(default_factory=dict)  # line position -> amount
    line_comments: dict[int, str] = field(default_factory=dict)
    values: dict[int, Decimal | None] = field(default_factory=dict)  # indicator id -> value
    value_comments: dict[int, str] = field(default_factory=dict)


class StaleReport(ValidationError):
    """The report changed since this form was loaded; carries the stored report so both can be shown."""

    def __init__(self, report: Report):
        super().__init__(_("Someone saved this report after you opened it. Your text is kept below."))
        self.report = report


def _clean_text(value: str, field_name: str) -> str:
    value = (value or "").strip()
    if first_forbidden_in_text(value) is not None:
        raise ValidationError({field_name: [_("Remove the invisible or control characters from this text.")]})
    return value


def report_lines(report: Report) -> list[Line]:
    return list(report.lines.all())


def report_save(*, actor, report: Report, revision: int, data: ReportInput) -> Report:
    """Keep what the grantee wrote, complete or not. Refused when the report is not theirs to write, when
    it changed since `revision` (nothing is overwritten), or when an amount is negative or a currency is
    not the award's (those are never right, even in a draft)."""
    award = report.award
    if not can_report_on(actor, award):
        raise PermissionDenied
    if report.status not in OPEN_TO_GRANTEE:
        raise ValidationError(_("This report is with the officer: it cannot change now."))
    errors: dict[str, list[str]] = {}
    narrative = _clean_text(data.narrative, "narrative")
    financial_comment = _clean_text(data.financial_comment, "financial_comment")
    if data.currency and data.currency != award.currency:
        errors["currency"] = [
            _("The award is in %(currency)s: report every amount in it.") % {"currency": award.currency}
        ]
    if any(amount is not None and amount < 0 for amount in data.spent.values()):
        errors["lines"] = [_("An amount spent cannot be negative.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The status is asked again here, not only above: a report submitted since `report` was read
        # (another tab, a colleague) must not change behind the officer's back.
        changed = Report.objects.filter(pk=report.pk, revision=revision, status__in=OPEN_TO_GRANTEE).update(
            narrative=narrative,
            currency=award.currency,
            financial_comment=financial_comment,
            revision=F("revision") + 1,
        )
        if not changed:
            stored = Report.objects.get(pk=report.pk)
            if stored.status not in OPEN_TO_GRANTEE:
                raise ValidationError(_("This report is with the officer: it cannot change now."))
            raise StaleReport(stored)
        lines = report_lines(report)
        for line in lines:
            if line.position in data.spent:
                line.spent = data.spent[line.position] or Decimal(0)
            if line.position in data.line_comments:
                line.comment = _clean_text(data.line_comments[line.position], "lines")
        Line.objects.bulk_update(lines, ["spent", "comment"])
        for indicator in award.indicators.all():
            if indicator.pk in data.values or indicator.pk in data.value_comments:
                IndicatorValue.objects.update_or_create(
                    report=report,
                    indicator=indicator,
                    defaults={
                        "value": data.values.get(indicator.pk),
                        "comment": _clean_text(data.value_comments.get(indicator.pk, ""), "values"),
                    },
                )
        record_event(actor, Verb.REPORT_SAVED, report)
    report.refresh_from_db()
    return report


def received(award) -> Decimal:
    """What the grantee has been paid so far."""
    return award.tranches.filter(status=TrancheStatus.PAID).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal(0)


def covered(report: Report) -> Decimal:
    """What a report's spending may reach without a word: the payments made, and those that wait for this
    very report (a final report accounts for money whose last payment comes once it is accepted)."""
    return report.award.tranches.filter(Q(status=TrancheStatus.PAID) | Q(after_report=report)).aggregate(
        total=Sum("amount")
    )["total"] or Decimal(0)


def report_problems(report: Report) -> list[str]:
    """Why the report cannot be submitted yet, every reason in plain words (empty: it can)."""
    award = report.award
    problems = []
    if not report.narrative.strip():
        problems.append(_("Say what was done in this period."))
    if report.currency != award.currency:
        problems.append(
            _("The award is in %(currency)s: report every amount in it.") % {"currency": award.currency}
        )
    lines = report_lines(report)
    for line in lines:
        if line.spent < 0:
            problems.append(_("“%(line)s”: an amount spent cannot be negative.") % {"line": line.category})
        elif not line.comment.strip() and _beyond_threshold(line, award.variance_threshold, report.kind):
            problems.append(
                _(
                    "“%(line)s”: %(spent)s spent against %(planned)s planned differs by more than "
                    "%(threshold)s %%; explain why in the line's comment."
                )
                % {
                    "line": line.category,
                    "spent": money(line.spent),
                    "planned": money(line.planned),
                    "threshold": award.variance_threshold,
                }
            )
    spent = sum((line.spent for line in lines), Decimal(0))
    paid = covered(report)
    if spent > paid and not report.financial_comment.strip():
        problems.append(
            _(
                "%(spent)s spent is more than the %(paid)s paid so far (with what this report releases); "
                "say in the comment on the spending where the rest came from."
            )
            % {"spent": money(spent), "paid": money(paid)}
        )
    given = {value.indicator_id: value for value in report.values.all()}
    for indicator in award.indicators.all():
        value = given.get(indicator.pk)
        if value is None or value.value is None:
            problems.append(_("Give the value reached for “%(indicator)s”.") % {"indicator": indicator.title})
    return problems


def _beyond_threshold(line: Line, threshold: int, kind: str) -> bool:
    """Whether a line needs its comment: spent beyond the plan by more than the threshold, in any report;
    in the final report also spent short of it by as much (an interim report is short of the plan by
    nature: the project is not over)."""
    if not line.planned:
        return line.spent > 0
    over = (line.spent - line.planned) * 100 > line.planned * threshold
    short = (line.planned - line.spent) * 100 > line.planned * threshold
    return over or (kind == Kind.FINAL and short)


def report_submit(*, actor, report: Report) -> Report:
    """Send the report to the officer, once every figure agrees. A second press finds it sent."""
    award = report.award
    if not can_report_on(actor, award):
        raise PermissionDenied
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status == Status.SUBMITTED:
            return locked
        if locked.status not in OPEN_TO_GRANTEE:
            raise ValidationError(_("This report is with the officer: it cannot change now."))
        locked.award = award
        problems = report_problems(locked)
        if problems:
            raise ValidationError(problems)
        locked.status = Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = actor
        locked.save(update_fields=["status", "submitted_at", "submitted_by"])
        event = record_event(actor, Verb.REPORT_SUBMITTED, locked, new={"status": Status.SUBMITTED})
        notify(
            _officers(award),
            kind="funding.report",
            about=award,
            event=event,
            subject=gettext_lazy("A report waits for your reading"),
            template="funding/reports/email/submitted.txt",
            context={"report": locked, "award": award},
            link=("funding:report", (award.pk, locked.number)),
        )
    return locked


def _decide(actor, report: Report, status: str, comment: str, verb: str) -> Report:
    award = report.award
    if not can_manage_awards(actor, award.application.call.program):
        raise PermissionDenied
    comment = _clean_text(comment, "comment")
    if status == Status.CHANGES_REQUESTED and not comment:
        raise ValidationError({"comment": [_("Say what should change: the grantee reads it.")]})
    with transaction.atomic():
        changed = Report.objects.filter(pk=report.pk, status=Status.SUBMITTED).update(
            status=status,
            officer_comment=comment,
            accepted_at=timezone.now() if status == Status.ACCEPTED else None,
        )
        if not changed:
            raise ValidationError(_("Only a submitted report is accepted or sent back."))
        report.refresh_from_db()
        event = record_event(actor, verb, report, new={"status": status})
        if status == Status.ACCEPTED:
            tranches_release(report, event)
            subject = gettext_lazy("Your report was accepted")
        else:
            subject = gettext_lazy("Changes are asked to your report")
        notify(
            grantees(award),
            kind="funding.award",
            about=award,
            event=event,
            subject=subject,
            template="funding/reports/email/decided.txt",
            context={"report": report, "award": award},
            link=("funding:report", (award.pk, report.number)),
        )
    return report


def report_accept(*, actor, report: Report, comment: str = "") -> Report:
    """Accept a submitted report; the tranches that waited for it become payable."""
    return _decide(actor, report, Status.ACCEPTED, comment, Verb.REPORT_ACCEPTED)


def report_request_changes(*, actor, report: Report, comment: str) -> Report:
    """Send a submitted report back to the grantee with what should change."""
    return _decide(actor, report, Status.CHANGES_REQUESTED, comment, Verb.REPORT_CHANGES_REQUESTED)


def report_file_add(*, actor, report: Report, uploaded) -> ReportFile:
    """Keep a file of evidence: its kind read from its content, images rebuilt from their pixels (no
    metadata, no location), stored under a name we make."""
    if not can_report_on(actor, report.award):
        raise PermissionDenied
    if report.status not in OPEN_TO_GRANTEE:
        raise ValidationError(_("This report is with the officer: it cannot change now."))
    if report.files.count() >= MAX_FILES:
        raise ValidationError(_("A report carries at most %(count)s files.") % {"count": MAX_FILES})
    clean = clean_upload(uploaded)
    with transaction.atomic():
        attached = ReportFile(
            report=report,
            name=clean.name or _("file"),
            kind=clean.kind,
            size=len(clean.data),
            sha256=clean.sha256,
        )
        attached.file.save(safe_filename(clean.kind), ContentFile(clean.data), save=False)
        attached.save()
        record_event(actor, Verb.REPORT_SAVED, report, new={"file": attached.sha256})
    return attached


def reports_remind_overdue(today: dt.date | None = None) -> int:
    """Remind the grantee of each overdue report, once a week until it comes (the hourly job)."""
    today = today or timezone.localdate()
    overdue = Report.objects.filter(status__in=OPEN_TO_GRANTEE, due_on__lt=today).select_related(
        "award__application__owner", "award__organization"
    )
    reminded = 0
    for report in overdue:
        if report.reminded_on and today - report.reminded_on < REMIND_EVERY:
            continue
        with transaction.atomic():
            event = record_event(
                None, Verb.REPORT_REMINDED, report, new={"due_on": report.due_on.isoformat()}
            )
            Report.objects.filter(pk=report.pk).update(reminded_on=today)
            notify(
                grantees(report.award),
                kind="funding.award",
                about=report.award,
                event=event,
                subject=gettext_lazy("A report is overdue"),
                template="funding/reports/email/overdue.txt",
                context={"report": report, "award": report.award},
                link=("funding:report", (report.award_id, report.number)),
            )
        reminded += 1
    return reminded


def _officers(award) -> list:
    return [
        staff.user
        for staff in ProgramStaff.objects.filter(
            program=award.application.call.program, role__in=(StaffRole.MANAGER, StaffRole.OFFICER)
        ).select_related("user")
    ]
