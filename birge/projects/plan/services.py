"""Every write to a project's plan: its activities on the timeline, the lines of its budget and the
sources that co-finance it. The lead manages them all.

Each checks permission, validates, writes inside a transaction and records the audit entry (one verb,
PLAN_CHANGED, saying what changed in `new["what"]`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from birge.core.audit import record_event
from birge.orgs.profiles.models import Organization
from birge.projects import checks
from birge.projects.events import Verb
from birge.projects.permissions import can_manage
from birge.projects.plan.models import Activity, ActivityStatus, BudgetLine, Cofinancing, SourceKind
from birge.projects.projects.models import Project
from birge.projects.projects.services import touch

MAX_TITLE = 200
MAX_CATEGORY = 200
MAX_SOURCE = 200


def _require_lead(actor, project: Project) -> None:
    if not can_manage(actor, project):
        raise PermissionDenied


def _record(actor, project: Project, what: str, target, **values) -> None:
    touch(project)
    record_event(actor, Verb.PLAN_CHANGED, target, new={"project": project.pk, "what": what, **values})


def _amount(value) -> str:
    return str(value)


# Activities -------------------------------------------------------------------------------------------------


def _clean_activity(
    project: Project,
    *,
    title: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    responsible: Organization | None,
    status: str,
) -> str:
    errors: dict[str, list[str]] = {}
    title = checks.line(errors, "title", title, limit=MAX_TITLE, required=_("Name the activity."))
    checks.period(
        errors,
        starts_on,
        ends_on,
        within=(project.starts_on, project.ends_on),
        fields=("starts_on", "ends_on"),
        outside=_("Keep the activity within the project's dates: %(start)s – %(end)s."),
    )
    if responsible is not None and responsible.pk not in {p.organization_id for p in project.partners.all()}:
        errors.setdefault("responsible", []).append(
            _("Choose one of the project's organizations as responsible.")
        )
    if status not in ActivityStatus.values:
        errors.setdefault("status", []).append(_("Choose a status."))
    if errors:
        raise ValidationError(errors)
    return title


def activity_add(
    *,
    actor,
    project: Project,
    title: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    responsible: Organization | None = None,
    status: str = ActivityStatus.PLANNED,
) -> Activity:
    """Add an activity to the plan, within the project's dates; its responsible organization, if any, is
    one of the project's."""
    _require_lead(actor, project)
    title = _clean_activity(
        project, title=title, starts_on=starts_on, ends_on=ends_on, responsible=responsible, status=status
    )
    with transaction.atomic():
        activity = Activity.objects.create(
            project=project,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            responsible=responsible,
            status=status,
        )
        _record(actor, project, "activity_added", activity, title=title)
    return activity


def activity_update(
    *,
    actor,
    activity: Activity,
    title: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    responsible: Organization | None = None,
    status: str = ActivityStatus.PLANNED,
) -> Activity:
    project = activity.project
    _require_lead(actor, project)
    title = _clean_activity(
        project, title=title, starts_on=starts_on, ends_on=ends_on, responsible=responsible, status=status
    )
    with transaction.atomic():
        activity.title, activity.starts_on, activity.ends_on = title, starts_on, ends_on
        activity.responsible, activity.status = responsible, status
        activity.save()
        _record(actor, project, "activity_changed", activity, title=title, status=status)
    return activity


def activity_remove(*, actor, activity: Activity) -> None:
    project = activity.project
    _require_lead(actor, project)
    with transaction.atomic():
        _record(actor, project, "activity_removed", activity, title=activity.title)
        activity.delete()


# Budget -----------------------------------------------------------------------------------------------------


def _clean_line(category: str, amount) -> tuple[str, Decimal]:
    errors: dict[str, list[str]] = {}
    category = checks.line(
        errors, "category", category, limit=MAX_CATEGORY, required=_("Name the budget line.")
    )
    number = checks.amount(errors, "amount", amount, required=_("Give the amount."))
    if errors:
        raise ValidationError(errors)
    return category, number


def budget_line_add(*, actor, project: Project, category: str, amount) -> BudgetLine:
    """A line of the budget, in the project's currency."""
    _require_lead(actor, project)
    category, number = _clean_line(category, amount)
    with transaction.atomic():
        line = BudgetLine.objects.create(project=project, category=category, amount=number)
        _record(actor, project, "budget_line_added", line, category=category, amount=_amount(number))
    return line


def budget_line_update(*, actor, line: BudgetLine, category: str, amount) -> BudgetLine:
    project = line.project
    _require_lead(actor, project)
    category, number = _clean_line(category, amount)
    with transaction.atomic():
        old = _amount(line.amount)
        line.category, line.amount = category, number
        line.save()
        _record(
            actor, project, "budget_line_changed", line, category=category, amount=_amount(number), was=old
        )
    return line


def budget_line_remove(*, actor, line: BudgetLine) -> None:
    project = line.project
    _require_lead(actor, project)
    with transaction.atomic():
        _record(
            actor, project, "budget_line_removed", line, category=line.category, amount=_amount(line.amount)
        )
        line.delete()


# Co-financing -----------------------------------------------------------------------------------------------


def _clean_source(source: str, kind: str, amount, organization: Organization | None) -> tuple[str, Decimal]:
    errors: dict[str, list[str]] = {}
    source = checks.line(errors, "source", source, limit=MAX_SOURCE, required=_("Name the source."))
    if kind not in SourceKind.values:
        errors.setdefault("kind", []).append(_("Choose the kind of source."))
    number = checks.amount(errors, "amount", amount, required=_("Give the amount."))
    if organization is not None and not organization.is_published:
        errors.setdefault("organization", []).append(_("Choose an organization with a published profile."))
    if errors:
        raise ValidationError(errors)
    return source, number


def cofinancing_add(
    *,
    actor,
    project: Project,
    source: str,
    kind: str,
    amount,
    organization: Organization | None = None,
) -> Cofinancing:
    """A source that co-finances the project (a partner's own funds, a state grant, a donor, in kind), in
    the project's currency; `organization` when the source is an organization in Birge."""
    _require_lead(actor, project)
    source, number = _clean_source(source, kind, amount, organization)
    with transaction.atomic():
        row = Cofinancing.objects.create(
            project=project, source=source, kind=kind, amount=number, organization=organization
        )
        _record(actor, project, "cofinancing_added", row, source=source, kind=kind, amount=_amount(number))
    return row


def cofinancing_update(
    *,
    actor,
    row: Cofinancing,
    source: str,
    kind: str,
    amount,
    organization: Organization | None = None,
) -> Cofinancing:
    project = row.project
    _require_lead(actor, project)
    source, number = _clean_source(source, kind, amount, organization)
    with transaction.atomic():
        old = _amount(row.amount)
        row.source, row.kind, row.amount, row.organization = source, kind, number, organization
        row.save()
        _record(
            actor,
            project,
            "cofinancing_changed",
            row,
            source=source,
            kind=kind,
            amount=_amount(number),
            was=old,
        )
    return row


def cofinancing_remove(*, actor, row: Cofinancing) -> None:
    project = row.project
    _require_lead(actor, project)
    with transaction.atomic():
        _record(actor, project, "cofinancing_removed", row, source=row.source, amount=_amount(row.amount))
        row.delete()
