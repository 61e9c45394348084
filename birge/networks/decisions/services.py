"""Every write to a network's decisions: proposing one, voting, making the vote anonymous, closing it with
its outcome, reminding those who have not voted, and the coordinators' words on the outcome.

Each checks permission, validates, writes inside a transaction, records the audit entry and tells people.
Closing is run by the task `close_decision` at the closing time (on a backend that can wait: the database
queue of `birge worker`) and, as the fallback on any backend, by the hourly `decisions_close_due()`; both
call `decision_close_if_due`, which does nothing to a decision that is not due or already closed, so that
either may run twice, or early.

The audit log says which organization voted, never what it chose: a decision made anonymous later must not
keep, in its log, who chose what."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core import checks
from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.core.validators import validate_single_line
from birge.networks.charter.models import CharterVersion
from birge.networks.decisions.models import (
    ANSWERS,
    Answer,
    Decision,
    DecisionKind,
    DecisionStatus,
    Option,
    Vote,
)
from birge.networks.decisions.reads import tally, voting_ended
from birge.networks.events import Verb
from birge.networks.membership.reads import member_ids, people_of, speakers_of, voters_of
from birge.networks.networks.models import Network
from birge.networks.networks.services import require_active
from birge.networks.permissions import can_manage, can_propose, can_speak_for

logger = logging.getLogger(__name__)

MIN_OPTIONS = 2
MAX_OPTIONS = 20
MAX_TITLE = 200
MAX_OPTION = 200
MAX_PROPOSAL = 20000
MAX_COMMENT = 2000
MAX_OUTCOME = 5000
# The shortest and the longest time a decision may stay open.
SHORTEST = dt.timedelta(hours=1)
LONGEST = dt.timedelta(days=366)
# The reminder goes this long before the close, once, to decisions open longer than that.
REMIND_BEFORE = dt.timedelta(hours=24)


# Proposing -----------------------------------------------------------------------------------------------


def _options(kind: str, labels: Iterable[str], errors: dict) -> list[str]:
    if kind not in (DecisionKind.ONE_OPTION, DecisionKind.OPTIONS):
        return []
    cleaned = []
    for label in labels:
        label = (label or "").strip()
        if not label:
            continue
        try:
            validate_single_line(label)
        except ValidationError as error:
            errors.setdefault("options", []).extend(error.messages)
            continue
        if len(label) > MAX_OPTION:
            errors.setdefault("options", []).append(
                _("Keep each option under %(count)d characters.") % {"count": MAX_OPTION}
            )
        elif label.casefold() not in {known.casefold() for known in cleaned}:
            cleaned.append(label)
    if len(cleaned) < MIN_OPTIONS:
        errors.setdefault("options", []).append(_("Give at least two different options, one per line."))
    elif len(cleaned) > MAX_OPTIONS:
        errors.setdefault("options", []).append(_("Give at most %(count)d options.") % {"count": MAX_OPTIONS})
    return cleaned


def decision_propose(
    *,
    actor,
    network: Network,
    title: str,
    proposal: str,
    closes_at: dt.datetime,
    kind: str = DecisionKind.CONSENT,
    options: Iterable[str] = (),
    anonymous: bool = False,
    results_hidden: bool = False,
    charter_version: CharterVersion | None = None,
) -> Decision:
    """Put a decision to the network's member organizations, open until `closes_at`; coordinators and the
    committee only. Option decisions need at least two options. A decision may carry a version of the
    network's charter, adopted when it closes carried. The people who vote are told."""
    if not can_propose(actor, network):
        raise PermissionDenied
    require_active(network)
    errors: dict[str, list[str]] = {}
    title = checks.line(errors, "title", title, required=_("Give the decision a title."), limit=MAX_TITLE)
    proposal = checks.text(
        errors, "proposal", proposal, limit=MAX_PROPOSAL, required=_("Write what is proposed.")
    )
    if kind not in DecisionKind.values:
        errors.setdefault("kind", []).append(_("Choose how members answer."))
    labels = _options(kind, options, errors)
    now = timezone.now()
    if closes_at is None:
        errors.setdefault("closes_at", []).append(_("Say when voting closes."))
    elif closes_at < now + SHORTEST:
        errors.setdefault("closes_at", []).append(_("Leave members at least an hour to vote."))
    elif closes_at > now + LONGEST:
        errors.setdefault("closes_at", []).append(_("Close the vote within a year."))
    if charter_version is not None and (
        charter_version.network_id != network.pk or charter_version.adopted_at is not None
    ):
        errors.setdefault("charter_version", []).append(
            _("Choose a version of this network's charter that is not adopted yet.")
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision = Decision.objects.create(
            network=network,
            title=title,
            proposal=proposal,
            kind=kind,
            closes_at=closes_at,
            anonymous=bool(anonymous),
            results_hidden=bool(results_hidden),
            charter_version=charter_version,
            created_by=actor,
        )
        Option.objects.bulk_create(
            Option(decision=decision, position=position, label=label) for position, label in enumerate(labels)
        )
        record_event(
            actor,
            Verb.DECISION_PROPOSED,
            decision,
            new={
                "network": network.pk,
                "kind": kind,
                "closes_at": closes_at.isoformat(),
                "anonymous": decision.anonymous,
                "results_hidden": decision.results_hidden,
                "options": labels,
                "charter_version": charter_version.number if charter_version else None,
            },
        )
        notify(
            voters_of(network),
            kind="networks.decision",
            about=decision,
            subject=gettext_lazy("A decision to vote on in your network"),
            template="networks/decisions/email/proposed.txt",
            context={"network": network.name, "decision": decision},
            link=("networks:decision", (network.slug, decision.pk)),
        )
        transaction.on_commit(lambda: schedule_close(decision))
    return decision


def schedule_close(decision: Decision) -> bool:
    """Queue the decision's closing for its closing time, on a task backend that can wait (the database
    queue run by `birge worker`). The immediate backend of the demo and the tests would run it at once, so
    nothing is queued there: the hourly `decisions_close_due()` closes it. Returns whether it was queued."""
    from birge.networks.decisions.tasks import close_decision

    if not close_decision.get_backend().supports_defer:
        return False
    close_decision.using(run_after=decision.closes_at).enqueue(decision.pk)
    return True


# Voting --------------------------------------------------------------------------------------------------


def _refuse_if_ended(decision: Decision) -> None:
    # Closed, or past its closing time though the task has not closed it yet.
    if voting_ended(decision):
        raise ValidationError(_("Voting on this decision has closed: the vote cannot be cast or changed."))


def _choice(decision: Decision, answer: str, option_ids: Iterable[int]) -> tuple[str, list[Option]]:
    if decision.kind in ANSWERS:
        if answer not in ANSWERS[decision.kind]:
            raise ValidationError({"answer": _("Choose an answer.")})
        return answer, []
    try:
        wanted = {int(pk) for pk in option_ids}
    except (TypeError, ValueError):
        wanted = {0}
    chosen = [option for option in decision.options.all() if option.pk in wanted]
    if len(chosen) != len(wanted) or not chosen:
        raise ValidationError({"options": _("Choose among the decision's options.")})
    if decision.kind == DecisionKind.ONE_OPTION and len(chosen) != 1:
        raise ValidationError({"options": _("Choose one option.")})
    return "", chosen


def decision_vote(
    *,
    actor,
    decision: Decision,
    organization_id: int,
    answer: str = "",
    options: Iterable[int] = (),
    comment: str = "",
) -> Vote:
    """Cast or change the vote of a member organization, by someone who speaks for it, until the close.
    One vote per organization: a second one replaces the first."""
    network = decision.network
    if not can_speak_for(actor, network, organization_id):
        raise PermissionDenied
    _refuse_if_ended(decision)
    answer, chosen = _choice(decision, answer, options)
    errors: dict[str, list[str]] = {}
    comment = checks.text(errors, "comment", comment, limit=MAX_COMMENT)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The decision's row is the lock: the close waits for a vote under way, and two votes of the same
        # organization are written one after the other.
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        _refuse_if_ended(locked)
        vote = Vote.objects.filter(decision=locked, organization_id=organization_id).first()
        verb = Verb.VOTE_CHANGED if vote is not None else Verb.VOTED
        if vote is None:
            vote = Vote(decision=locked, organization_id=organization_id)
        vote.answer = answer
        vote.comment = comment
        vote.cast_by = None if locked.anonymous else actor
        vote.save()
        vote.options.set(chosen)
        # Which organization voted, never what it chose (see the module's note).
        record_event(actor, verb, locked, new={"organization": organization_id})
    return vote


def may_make_anonymous(who, decision: Decision) -> bool:
    """The proposer (while still able to propose) or a coordinator may make an open decision anonymous."""
    user = getattr(who, "user", who)
    proposer = user is not None and decision.created_by_id is not None and decision.created_by_id == user.pk
    return (proposer and can_propose(who, decision.network)) or can_manage(who, decision.network)


def decision_make_anonymous(*, actor, decision: Decision) -> Decision:
    """Make an open decision's voting anonymous, for good: who cast each vote is forgotten, and nothing
    shows who chose what. There is no way back."""
    if not may_make_anonymous(actor, decision):
        raise PermissionDenied
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if locked.anonymous:
            return locked
        if locked.status != DecisionStatus.OPEN:
            raise ValidationError(_("The decision is closed: its voting can no longer be made anonymous."))
        locked.anonymous = True
        locked.save(update_fields=["anonymous"])
        Vote.objects.filter(decision=locked).update(cast_by=None)
        record_event(
            actor, Verb.DECISION_MADE_ANONYMOUS, locked, old={"anonymous": False}, new={"anonymous": True}
        )
    decision.anonymous = True
    return locked


# Closing -------------------------------------------------------------------------------------------------


def outcome_of(decision: Decision, counts) -> tuple[bool, str]:
    """Whether the decision carried, and the sentence that records it, in the active language. Consent
    carries with no objection; yes or no with more yes than no; one option when a single option has the
    most votes; several options when any option has votes, naming those with the most."""
    if decision.kind == DecisionKind.CONSENT:
        objections = counts.answers.get(Answer.OBJECT, 0)
        if objections:
            return False, _("Not carried: %(count)d objection(s).") % {"count": objections}
        return True, _("Carried: no objection.")
    if decision.kind == DecisionKind.YES_NO:
        yes, no = counts.answers.get(Answer.YES, 0), counts.answers.get(Answer.NO, 0)
        carried = yes > no
        words = _("Carried") if carried else _("Not carried")
        return carried, _("%(words)s: %(yes)d yes, %(no)d no.") % {"words": words, "yes": yes, "no": no}
    top = max((row.count for row in counts.options), default=0)
    if not top:
        return False, _("Not carried: no option received a vote.")
    winners = ", ".join(f"“{row.option.label}”" for row in counts.options if row.count == top)
    if decision.kind == DecisionKind.ONE_OPTION and sum(row.count == top for row in counts.options) > 1:
        return False, _("Not carried: %(options)s tied with %(count)d vote(s) each.") % {
            "options": winners,
            "count": top,
        }
    return True, _("Chosen with the most votes (%(count)d): %(options)s.") % {
        "options": winners,
        "count": top,
    }


def decision_close_if_due(decision_id: int, *, now: dt.datetime | None = None) -> bool:
    """Close the decision if its closing time has come and it is still open: record whether it carried and
    the outcome, adopt the charter version it carries if it carried, and tell everyone in the network.
    Does nothing (and returns False) otherwise, so that the task and the hourly run may both call it."""
    now = now or timezone.now()
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("network", "charter_version")
            .filter(pk=decision_id)
            .first()
        )
        if decision is None or decision.status != DecisionStatus.OPEN or decision.closes_at > now:
            return False
        network = decision.network
        with translation.override(network.language):
            carried, outcome = outcome_of(decision, tally(decision))
        decision.status = DecisionStatus.CLOSED
        decision.closed_at = now
        decision.carried = carried
        decision.outcome = outcome
        decision.save(update_fields=["status", "closed_at", "carried", "outcome"])
        record_event(
            None,
            Verb.DECISION_CLOSED,
            decision,
            old={"status": DecisionStatus.OPEN},
            new={"status": DecisionStatus.CLOSED, "carried": carried},
        )
        if carried and decision.charter_version is not None:
            from birge.networks.charter.services import charter_adopt

            charter_adopt(decision=decision)
        notify(
            people_of(network),
            kind="networks.decision",
            about=decision,
            subject=gettext_lazy("A decision of your network is closed"),
            template="networks/decisions/email/closed.txt",
            context={"network": network.name, "decision": decision},
            link=("networks:decision", (network.slug, decision.pk)),
        )
    return True


def decisions_close_due() -> int:
    """The hourly fallback: close every open decision whose closing time has passed. Returns how many. One
    that fails to close (its transaction rolled back) is logged and tried again next hour; others close."""
    now = timezone.now()
    due = Decision.objects.filter(status=DecisionStatus.OPEN, closes_at__lte=now).order_by("closes_at")
    closed = 0
    for pk in list(due.values_list("pk", flat=True)):
        try:
            closed += decision_close_if_due(pk, now=now)
        except Exception:
            logger.exception("decision %s could not be closed", pk)
    return closed


# Reminding -----------------------------------------------------------------------------------------------


def decision_remind(decision_id: int, *, now: dt.datetime | None = None) -> bool:
    """Remind the people who speak for the member organizations that have not voted, once, in the last day
    before the close. Returns whether a reminder was recorded."""
    now = now or timezone.now()
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("network")
            .filter(pk=decision_id)
            .first()
        )
        if (
            decision is None
            or decision.status != DecisionStatus.OPEN
            or decision.reminded_at is not None
            or not now < decision.closes_at <= now + REMIND_BEFORE
        ):
            return False
        network = decision.network
        voted = set(Vote.objects.filter(decision=decision).values_list("organization_id", flat=True))
        waiting = [pk for pk in member_ids(network) if pk not in voted]
        decision.reminded_at = now
        decision.save(update_fields=["reminded_at"])
        record_event(None, Verb.DECISION_REMINDED, decision, new={"organizations": len(waiting)})
        if waiting:
            notify(
                speakers_of(waiting),
                kind="networks.decision",
                about=decision,
                subject=gettext_lazy("A reminder: your organization has not voted yet"),
                template="networks/decisions/email/reminder.txt",
                context={"network": network.name, "decision": decision},
                link=("networks:decision", (network.slug, decision.pk)),
            )
    return True


def decisions_remind() -> int:
    """Hourly: remind non-voters of every decision closing within a day. Decisions open for less than a day
    get no reminder: the proposal itself was the notice. Returns how many decisions were reminded."""
    now = timezone.now()
    due = Decision.objects.filter(
        status=DecisionStatus.OPEN,
        reminded_at__isnull=True,
        closes_at__gt=now,
        closes_at__lte=now + REMIND_BEFORE,
        created_at__lt=F("closes_at") - REMIND_BEFORE,
    ).order_by("closes_at")
    return sum(decision_remind(pk, now=now) for pk in list(due.values_list("pk", flat=True)))


# The outcome after the close -----------------------------------------------------------------------------


def decision_record_outcome(
    *, actor, decision: Decision, outcome: str, review_on: dt.date | None = None
) -> Decision:
    """The coordinators complete a closed decision's outcome and may set a date to review it."""
    if not can_manage(actor, decision.network):
        raise PermissionDenied
    if decision.status != DecisionStatus.CLOSED:
        raise ValidationError(_("The outcome is written once the decision is closed."))
    errors: dict[str, list[str]] = {}
    outcome = checks.text(errors, "outcome", outcome, limit=MAX_OUTCOME, required=_("Write the outcome."))
    if review_on is not None and decision.closed_at and review_on <= timezone.localdate(decision.closed_at):
        errors.setdefault("review_on", []).append(_("Review the decision on a day after it closed."))
    if errors:
        raise ValidationError(errors)
    before = {"outcome": decision.outcome, "review_on": decision.review_on}
    with transaction.atomic():
        decision.outcome = outcome
        decision.review_on = review_on
        decision.save(update_fields=["outcome", "review_on"])
        after = {"outcome": outcome, "review_on": review_on}
        changed = [key for key in before if before[key] != after[key]]

        def shown(value):
            return value.isoformat() if isinstance(value, dt.date) else value

        record_event(
            actor,
            Verb.DECISION_OUTCOME_RECORDED,
            decision,
            old={key: shown(before[key]) for key in changed},
            new={key: shown(after[key]) for key in changed},
        )
    return decision
