"""What the decision pages read: a network's decisions (open first), one decision, its tally, the votes of
the organizations a person speaks for, and what of the votes a page may show.

What a page may show of the votes is decided here, once: while a decision's results are hidden nobody sees
a count (only how many organizations voted, and their own organization's vote); an anonymous decision never
shows which organization chose what."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Prefetch, Value, When
from django.http import Http404
from django.utils import timezone

from birge.networks.decisions.models import ANSWERS, Decision, DecisionStatus, Option, Vote
from birge.networks.membership.models import NetworkMembership
from birge.networks.networks.models import Network
from birge.networks.permissions import NetworkViewer
from birge.orgs.profiles.models import Organization


def decisions_of(network: Network):
    """The network's decisions: open ones first, the soonest to close at the top; then closed ones, the
    latest first; each with how many organizations voted."""
    is_open = Case(
        When(status=DecisionStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Decision.objects.filter(network=network)
        .annotate(
            closed_rank=is_open,
            open_closes=Case(When(status=DecisionStatus.OPEN, then=F("closes_at"))),
            closed_closes=Case(When(status=DecisionStatus.CLOSED, then=F("closes_at"))),
            voted=Count("votes"),
        )
        .order_by(
            "closed_rank",
            F("open_closes").asc(nulls_last=True),
            F("closed_closes").desc(nulls_last=True),
            "-pk",
        )
    )


def voted_by(decisions, organization_ids) -> set[tuple[int, int]]:
    """(decision id, organization id) of the votes `organization_ids` cast on `decisions` (one query)."""
    if not organization_ids:
        return set()
    ids = [decision.pk for decision in decisions]
    rows = Vote.objects.filter(decision_id__in=ids, organization_id__in=organization_ids).order_by()
    return set(rows.values_list("decision_id", "organization_id"))


def decision_or_404(network: Network, pk: int) -> Decision:
    decision = (
        Decision.objects.filter(network=network, pk=pk)
        .select_related("charter_version", "created_by")
        .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("position", "pk")))
        .first()
    )
    if decision is None:
        raise Http404
    decision.network = network  # already read: the page asks the network's rules of it
    return decision


@dataclass(frozen=True)
class OptionCount:
    option: Option
    count: int


@dataclass(frozen=True)
class Tally:
    voted: int  # organizations that voted
    answers: dict[str, int] = field(default_factory=dict)  # consent and yes/no: answer -> votes
    options: list[OptionCount] = field(default_factory=list)  # option decisions, in the options' order

    def rows(self, decision: Decision) -> list[tuple[str, int]]:
        """(label, count) for every possible answer or option, in order, zeros included."""
        if decision.kind in ANSWERS:
            return [(answer.label, self.answers.get(answer, 0)) for answer in ANSWERS[decision.kind]]
        return [(row.option.label, row.count) for row in self.options]


def tally(decision: Decision) -> Tally:
    """The counts of a decision's votes (two queries at most)."""
    voted = Vote.objects.filter(decision=decision).count()
    if decision.kind in ANSWERS:
        rows = Vote.objects.filter(decision=decision).order_by().values_list("answer").annotate(n=Count("pk"))
        return Tally(voted=voted, answers=dict(rows))
    options = Option.objects.filter(decision=decision).annotate(n=Count("votes")).order_by("position", "pk")
    return Tally(voted=voted, options=[OptionCount(option, option.n) for option in options])


def member_count(network: Network) -> int:
    return NetworkMembership.objects.filter(network=network).count()


def _with_options(decision: Decision, votes):
    """Votes with the options they chose, read at once; answers of consent or yes/no need no more."""
    if decision.kind in ANSWERS:
        return votes
    return votes.prefetch_related(Prefetch("options", queryset=Option.objects.order_by("position", "pk")))


def votes_of(decision: Decision, organization_ids) -> dict[int, Vote]:
    """The votes of these organizations (those a person speaks for), by organization, with their options."""
    if not organization_ids:
        return {}
    rows = Vote.objects.filter(decision=decision, organization_id__in=organization_ids).select_related(
        "organization"
    )
    return {vote.organization_id: vote for vote in _with_options(decision, rows)}


def named_votes(decision: Decision, viewer: NetworkViewer) -> list[Vote]:
    """Every organization's vote with what it chose, for a decision whose results may be shown and that is
    not anonymous; an organization whose profile is not published is named only to its own people."""
    rows = (
        Vote.objects.filter(decision=decision)
        .select_related("organization")
        .order_by("organization__name", "pk")
    )
    mine = viewer.viewer.member_of
    votes = list(_with_options(decision, rows))
    for vote in votes:
        vote.named = vote.organization.published_at is not None or vote.organization_id in mine
    return votes


def results_shown(decision: Decision) -> bool:
    """Whether anyone may see the counts: always, unless they are hidden until the close."""
    return not (decision.results_hidden and decision.status == DecisionStatus.OPEN)


def voting_ended(decision: Decision) -> bool:
    return decision.status != DecisionStatus.OPEN or decision.closes_at <= timezone.now()


def voted_count(decision: Decision) -> int:
    return Vote.objects.filter(decision=decision).count()


def organization_names(organization_ids) -> list[tuple[int, str]]:
    """(id, name) of organizations a person speaks for, by name: whom their vote forms are for."""
    if not organization_ids:
        return []
    rows = Organization.objects.filter(pk__in=organization_ids).order_by("name", "pk")
    return list(rows.values_list("pk", "name"))
