"""The committee's decisions, one application at a time, and telling every applicant when the call is
decided: the decision, the reasons, and the scores when the call publishes them, in the applicant's own
language."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.core.validators import validate_multi_line
from birge.funding.applications.models import Application
from birge.funding.applications.models import Status as ApplicationStatus
from birge.funding.calls.models import Call
from birge.funding.calls.models import Status as CallStatus
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.events import Verb
from birge.funding.money import money
from birge.funding.permissions import can_decide
from birge.funding.review.ranking import ranking


def decision_record(*, actor, application: Application, outcome: str, reasons: str, amount=None) -> Decision:
    """Approve (with an amount no larger than requested, within the grant range and the call's budget),
    reject or waitlist one application, with reasons. May be changed until the call is decided."""
    call = application.call
    if not can_decide(actor, call.program):
        raise PermissionDenied
    if call.status != CallStatus.IN_REVIEW:
        raise ValidationError(_("Decisions are made while the call is under review."))
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only submitted applications are decided on."))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": [_("Choose a decision.")]})
    reasons = (reasons or "").strip()
    validate_multi_line(reasons)
    errors: dict[str, list[str]] = {}
    if not reasons:
        errors["reasons"] = [_("Give the reasons: the applicant reads them.")]
    if outcome == Outcome.APPROVED:
        if amount is None or amount <= 0:
            errors["amount"] = [_("Give the amount granted.")]
        else:
            if application.requested_amount is not None and amount > application.requested_amount:
                errors["amount"] = [_("The amount granted cannot exceed the amount requested.")]
            elif (
                call.grant_min is not None
                and amount < call.grant_min
                or (call.grant_max is not None and amount > call.grant_max)
            ):
                errors["amount"] = [_("The amount must be within the call's grant range.")]
    else:
        amount = None
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Two committee members approving at once must not both fit under the ceiling: lock the call.
        locked = Call.objects.select_for_update().only("status").get(pk=call.pk)
        # The officer may have recorded the call as decided since it was read: the applicants are told
        # then, so a decision written after it would never reach them (or change one already told).
        if locked.status != CallStatus.IN_REVIEW:
            raise ValidationError(_("Decisions are made while the call is under review."))
        if amount is not None and call.budget_ceiling is not None:
            others = Decision.objects.filter(application__call=call, outcome=Outcome.APPROVED).exclude(
                application=application
            ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
            if others + amount > call.budget_ceiling:
                raise ValidationError(
                    {
                        "amount": [
                            _("This would exceed the call's budget: %(left)s is left of %(ceiling)s.")
                            % {
                                "left": money(call.budget_ceiling - others),
                                "ceiling": money(call.budget_ceiling),
                            }
                        ]
                    }
                )
        old = Decision.objects.filter(application=application).first()
        before = (
            {"outcome": old.outcome, "amount": str(old.amount) if old and old.amount else None} if old else {}
        )
        decision, _created = Decision.objects.update_or_create(
            application=application,
            defaults={"outcome": outcome, "amount": amount, "reasons": reasons, "decided_by": actor},
        )
        record_event(
            actor,
            Verb.DECISION_RECORDED,
            application,
            before,
            {"outcome": outcome, "amount": str(amount) if amount is not None else None},
        )
    return decision


def undecided(call: Call) -> list[str]:
    """Why the call cannot be declared decided yet (empty: it can)."""
    missing = call.applications.filter(status=ApplicationStatus.SUBMITTED, decision__isnull=True).count()
    if missing:
        waiting = ngettext(
            "%(count)s submitted application still waits for a decision.",
            "%(count)s submitted applications still wait for a decision.",
            missing,
        )
        return [waiting % {"count": missing}]
    return []


def decisions_announce(call: Call, event=None) -> int:
    """Tell each applicant the decision on their application (once), when the call is decided."""
    rows = {row.application.pk: row for row in ranking(call)} if call.publish_scores else {}
    decisions = Decision.objects.filter(application__call=call, announced_at=None).select_related(
        "application__owner", "application__call__program"
    )
    told = 0
    for decision in decisions:
        application = decision.application
        row = rows.get(application.pk)
        notify(
            [application.owner],
            kind="funding.application",
            about=application,
            event=event,
            subject=gettext_lazy("The decision on your application"),
            template="funding/decisions/email/decision.txt",
            context={
                "application": application,
                "decision": decision,
                "currency": call.program.currency,
                "score": row.mean if row else None,
            },
            link=("funding:application", (application.pk,)),
        )
        told += 1
    decisions.update(announced_at=timezone.now())
    return told
