"""Review: the call's reviewer pool, assignments (by hand, or balanced automatically), each reviewer's
declaration of a conflict of interest, scores, and reminders.

A reviewer never reviews an application of an organization they belong to, or one that names such an
organization as a partner; and once they declare a conflict on an application, they are off it for good.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.core.validators import validate_multi_line
from birge.funding.applications.models import Application, Partner
from birge.funding.applications.models import Status as ApplicationStatus
from birge.funding.calls.models import Call
from birge.funding.calls.models import Status as CallStatus
from birge.funding.events import Verb
from birge.funding.permissions import can_run_calls
from birge.funding.programs.models import StaffRole
from birge.funding.review.models import Assignment, Conflict, PoolMember, Score
from birge.orgs.members.models import Membership

# Reviewers are assigned once applications are in; they score while the call is under review.
ASSIGNING = (CallStatus.CLOSED, CallStatus.IN_REVIEW)
MAX_COMMENT = 5000


def _runs(actor, call: Call) -> None:
    if not can_run_calls(actor, call.program):
        raise PermissionDenied


def pool_set(*, actor, call: Call, members: list[tuple]) -> list[PoolMember]:
    """The call's reviewers: (user, languages they read) each, every one a reviewer of the program."""
    _runs(actor, call)
    reviewers = set(call.program.staff.filter(role=StaffRole.REVIEWER).values_list("user_id", flat=True))
    if any(user.pk not in reviewers for user, _languages in members):
        raise ValidationError(_("Only the program's reviewers can review its calls."))
    before = sorted(call.pool.values_list("user_id", flat=True))
    with transaction.atomic():
        call.pool.exclude(user__in=[user for user, _l in members]).delete()
        rows = [
            PoolMember.objects.update_or_create(
                call=call, user=user, defaults={"languages": sorted(set(languages))}
            )[0]
            for user, languages in members
        ]
        record_event(
            actor,
            Verb.POOL_CHANGED,
            call,
            {"pool": before},
            {"pool": sorted(user.pk for user, _l in members)},
        )
    return rows


def _ties(application_ids) -> dict[int, set[int]]:
    """Application id -> the organizations it speaks for or names as partners."""
    ties: dict[int, set[int]] = defaultdict(set)
    for pk, organization in Application.objects.filter(pk__in=application_ids).values_list(
        "pk", "organization_id"
    ):
        if organization:
            ties[pk].add(organization)
    for pk, organization in Partner.objects.filter(application__in=application_ids).values_list(
        "application_id", "organization_id"
    ):
        ties[pk].add(organization)
    return ties


def _memberships(user_ids) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    for user, organization in (
        Membership.objects.filter(user__in=user_ids).order_by().values_list("user_id", "organization_id")
    ):
        found[user].add(organization)
    return found


def assign(*, actor, application: Application, reviewer) -> Assignment:
    call = application.call
    _runs(actor, call)
    if call.status not in ASSIGNING or application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Reviewers are assigned to submitted applications once the call has closed."))
    if not call.pool.filter(user=reviewer).exists():
        raise ValidationError(_("Choose a reviewer from the call's pool."))
    if _ties([application.pk])[application.pk] & _memberships([reviewer.pk])[reviewer.pk]:
        raise ValidationError(
            _("This reviewer belongs to the applicant or to a partner: a conflict of interest.")
        )
    if application.assignments.filter(reviewer=reviewer).exists():
        raise ValidationError(
            _("This reviewer is already on this application, or declared a conflict on it.")
        )
    with transaction.atomic():
        assignment = Assignment.objects.create(application=application, reviewer=reviewer, assigned_by=actor)
        event = record_event(actor, Verb.REVIEW_ASSIGNED, application, new={"reviewer": reviewer.pk})
        _tell_reviewers({reviewer: 1}, call, event)
    return assignment


def unassign(*, actor, assignment: Assignment) -> None:
    _runs(actor, assignment.application.call)
    if assignment.submitted_at:
        raise ValidationError(_("A submitted review stays."))
    # The row of a declared conflict is what keeps the reviewer from being assigned to it again.
    if assignment.conflict == Conflict.DECLARED:
        raise ValidationError(_("A declared conflict of interest stays on record."))
    with transaction.atomic():
        record_event(
            actor, Verb.REVIEW_UNASSIGNED, assignment.application, old={"reviewer": assignment.reviewer_id}
        )
        assignment.delete()


@dataclass(frozen=True)
class AutoAssignment:
    created: int
    short: list[int]  # applications that could not get enough reviewers without a conflict or a language


def auto_assign(*, actor, call: Call) -> AutoAssignment:
    """Give every submitted application the call's number of reviewers: from the pool, never one who is
    tied to the applicant or declared a conflict, reading the application's language, and always the least
    loaded first, so the work is shared evenly."""
    # Two officers pressing the button at once take turns: the second sees the first one's assignments.
    with transaction.atomic():
        list(Call.objects.select_for_update().filter(pk=call.pk).values_list("pk"))
        return _auto_assign(actor=actor, call=call)


def _auto_assign(*, actor, call: Call) -> AutoAssignment:
    _runs(actor, call)
    if call.status not in ASSIGNING:
        raise ValidationError(_("Reviewers are assigned to submitted applications once the call has closed."))
    applications = list(
        call.applications.filter(status=ApplicationStatus.SUBMITTED)
        .order_by("pk")
        .values_list("pk", "language")
    )
    pool = list(call.pool.order_by("user_id").values_list("user_id", "languages"))
    if not pool:
        raise ValidationError(_("Choose the call's reviewers first."))
    taken: dict[int, set[int]] = defaultdict(set)  # application -> reviewers on it (conflicted included)
    active: dict[int, int] = defaultdict(int)  # application -> reviewers without a conflict
    load: dict[int, int] = {user: 0 for user, _languages in pool}
    for application, reviewer, conflict in Assignment.objects.filter(application__call=call).values_list(
        "application_id", "reviewer_id", "conflict"
    ):
        taken[application].add(reviewer)
        if conflict != Conflict.DECLARED:
            active[application] += 1
            if reviewer in load:
                load[reviewer] += 1
    ties = _ties([pk for pk, _language in applications])
    memberships = _memberships(load)
    reads = {user: set(languages) for user, languages in pool}

    def fits(user: int, application: int, language: str) -> bool:
        return (
            user not in taken[application]
            and not memberships[user] & ties[application]
            and (not reads[user] or language in reads[user])
        )

    candidates = {pk: [user for user in load if fits(user, pk, language)] for pk, language in applications}
    # The applications with the fewest possible reviewers choose first, so none is left without.
    order = sorted(applications, key=lambda item: (len(candidates[item[0]]), item[0]))
    new, short = [], []
    for pk, _language in order:
        need = call.reviews_per_application - active[pk]
        if need <= 0:
            continue
        chosen = sorted(candidates[pk], key=lambda user: (load[user], user))[:need]
        for user in chosen:
            load[user] += 1
            new.append(Assignment(application_id=pk, reviewer_id=user, assigned_by=actor))
        if len(chosen) < need:
            short.append(pk)
    with transaction.atomic():
        Assignment.objects.bulk_create(new)
        event = record_event(
            actor, Verb.REVIEW_ASSIGNED, call, new={"assignments": len(new), "short": len(short)}
        )
        counts: dict[int, int] = defaultdict(int)
        for assignment in new:
            counts[assignment.reviewer_id] += 1
        users = {member.user_id: member.user for member in call.pool.select_related("user")}
        _tell_reviewers({users[pk]: count for pk, count in counts.items()}, call, event)
    return AutoAssignment(len(new), sorted(short))


def _tell_reviewers(counts: dict, call: Call, event) -> None:
    # One notify() for every reviewer given the same number: auto-assignment shares the work evenly, so a
    # pool of 40 is told in a few calls instead of 40 (each call costs its own queries).
    by_count: dict[int, list] = defaultdict(list)
    for reviewer, count in counts.items():
        by_count[count].append(reviewer)
    for count, reviewers in sorted(by_count.items()):
        notify(
            reviewers,
            kind="funding.review",
            about=call,
            event=event,
            subject=gettext_lazy("Applications to review"),
            template="funding/review/email/assigned.txt",
            context={"call": call, "count": count},
            link=("funding:reviews", ()),
        )


def _own(actor, assignment: Assignment) -> None:
    if actor is None or not actor.is_authenticated or assignment.reviewer_id != actor.pk:
        raise PermissionDenied


def declare(*, actor, assignment: Assignment, conflict: bool, note: str = "") -> Assignment:
    """The reviewer says, before reading, whether they have a conflict of interest; said once."""
    _own(actor, assignment)
    if assignment.conflict:
        raise ValidationError(_("The declaration is already made."))
    note = (note or "").strip()[:MAX_COMMENT]
    validate_multi_line(note)
    assignment.conflict = Conflict.DECLARED if conflict else Conflict.NONE
    assignment.conflict_note = note if conflict else ""
    assignment.declared_at = timezone.now()
    with transaction.atomic():
        assignment.save(update_fields=["conflict", "conflict_note", "declared_at"])
        record_event(
            actor, Verb.CONFLICT_DECLARED, assignment.application, new={"conflict": assignment.conflict}
        )
    return assignment


def weighted_total(values: dict[int, int], criteria) -> Decimal:
    """A reviewer's total out of 100: each criterion's score as a share of its maximum, times its weight."""
    total = sum(
        Decimal(values[criterion.pk]) / criterion.max_score * criterion.weight for criterion in criteria
    )
    return Decimal(total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def scores_save(
    *, actor, assignment: Assignment, scores: dict[int, tuple], submit: bool = False
) -> Assignment:
    """Keep a reviewer's scores ({criterion id: (score, comment)}); with `submit`, every criterion must be
    scored and the review is final."""
    _own(actor, assignment)
    call = assignment.application.call
    if assignment.conflict != Conflict.NONE:
        raise ValidationError(_("Declare first that you have no conflict of interest."))
    if assignment.submitted_at:
        raise ValidationError(_("The review is submitted and cannot change."))
    if call.status != CallStatus.IN_REVIEW:
        raise ValidationError(_("Scores are given while the call is under review."))
    criteria = list(call.criteria.all())
    errors, values = {}, {}
    for criterion in criteria:
        value, comment = scores.get(criterion.pk, (None, ""))
        comment = (comment or "").strip()[:MAX_COMMENT]
        if value in (None, ""):
            if submit:
                errors[f"score_{criterion.pk}"] = [_("Score this criterion.")]
            values[criterion.pk] = (None, comment)
            continue
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = -1
        if not 0 <= value <= criterion.max_score:
            errors[f"score_{criterion.pk}"] = [
                _("A score from 0 to %(most)s.") % {"most": criterion.max_score}
            ]
        values[criterion.pk] = (value, comment)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assignment.scores.all().delete()
        Score.objects.bulk_create(
            Score(assignment=assignment, criterion_id=pk, value=value, comment=comment)
            for pk, (value, comment) in values.items()
            if value is not None
        )
        if submit:
            assignment.total = weighted_total({pk: value for pk, (value, _c) in values.items()}, criteria)
            assignment.submitted_at = timezone.now()
            assignment.save(update_fields=["total", "submitted_at"])
            record_event(
                actor, Verb.REVIEW_SUBMITTED, assignment.application, new={"total": str(assignment.total)}
            )
    return assignment


def remind(*, actor, call: Call) -> int:
    """Remind every reviewer with unfinished reviews of this call; returns how many were reminded."""
    _runs(actor, call)
    # A withdrawn application is no longer reviewed: nobody is reminded of it.
    waiting = Assignment.objects.filter(
        application__call=call, application__status=ApplicationStatus.SUBMITTED, submitted_at=None
    ).exclude(conflict=Conflict.DECLARED)
    counts: dict = defaultdict(int)
    for assignment in waiting.select_related("reviewer"):
        counts[assignment.reviewer] += 1
    with transaction.atomic():
        event = record_event(actor, Verb.REVIEW_REMINDED, call, new={"reviewers": len(counts)})
        for reviewer, count in counts.items():
            notify(
                [reviewer],
                kind="funding.review",
                about=call,
                event=event,
                subject=gettext_lazy("A reminder: reviews are waiting"),
                template="funding/review/email/reminder.txt",
                context={"call": call, "count": count},
                link=("funding:reviews", ()),
            )
        waiting.update(reminded_at=timezone.now())
    return len(counts)


def reminded_text(count: int) -> str:
    return ngettext("%(count)s reviewer reminded.", "%(count)s reviewers reminded.", count) % {"count": count}
