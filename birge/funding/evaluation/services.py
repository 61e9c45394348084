"""The evaluation that closes an award: once, by the program's managers or officers, after the final report
is accepted (or at once when the project is terminated early)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.validators import first_forbidden_in_text
from birge.funding.awards.models import Award
from birge.funding.awards.models import Status as AwardStatus
from birge.funding.awards.services import tell_grantees
from birge.funding.evaluation.models import Closing, Criterion, Evaluation, Rating
from birge.funding.events import Verb
from birge.funding.permissions import can_manage_awards
from birge.funding.reports.models import Kind as ReportKind
from birge.funding.reports.models import Status as ReportStatus


def evaluation_problems(award: Award, closing: str) -> list[str]:
    if closing == Closing.TERMINATED:
        return []
    if award.reports.filter(kind=ReportKind.FINAL).exclude(status=ReportStatus.ACCEPTED).exists():
        return [_("The final report must be accepted first (or close the project as terminated early).")]
    return []


def evaluation_record(
    *, actor, award: Award, ratings: dict[str, int], lessons: str, closing: str
) -> Evaluation:
    """Rate the project on each criterion (1–4), write the lessons learned and how it ended; the award is
    then completed, or terminated."""
    if not can_manage_awards(actor, award.application.call.program):
        raise PermissionDenied
    lessons = (lessons or "").strip()
    errors: dict[str, list[str]] = {}
    if set(ratings) != set(Criterion.values) or any(value not in Rating.values for value in ratings.values()):
        errors["ratings"] = [_("Rate every criterion from 1 to 4.")]
    if not lessons:
        errors["lessons"] = [
            _("Write the lessons learned: the next call's applicants and officers read them.")
        ]
    elif first_forbidden_in_text(lessons) is not None:
        errors["lessons"] = [_("Remove the invisible or control characters from this text.")]
    if closing not in Closing.values:
        errors["closing"] = [_("Say how the project ended.")]
    elif problems := evaluation_problems(award, closing):
        errors["closing"] = problems
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Award.objects.select_for_update().get(pk=award.pk)
        if Evaluation.objects.filter(award=locked).exists():
            raise ValidationError(_("This project is evaluated already."))
        evaluation = Evaluation.objects.create(
            award=locked, ratings=ratings, lessons=lessons, closing=closing, evaluated_by=actor
        )
        status = AwardStatus.TERMINATED if closing == Closing.TERMINATED else AwardStatus.COMPLETED
        Award.objects.filter(pk=award.pk).update(status=status)
        award.status = status
        event = record_event(
            actor,
            Verb.EVALUATION_RECORDED,
            award,
            old={"status": AwardStatus.ACTIVE},
            new={"status": status, "closing": closing, "ratings": ratings},
        )
        tell_grantees(
            award,
            event,
            gettext_lazy("Your project is evaluated"),
            "funding/evaluation/email/evaluated.txt",
            link=("funding:evaluation", (award.pk,)),
            evaluation=evaluation,
        )
    return evaluation
