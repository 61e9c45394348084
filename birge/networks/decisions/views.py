"""The decision pages: a network's decisions, proposing one, one decision with its vote and results, and
the posts that vote, make a vote anonymous and record the outcome.

A network's decisions are its content: a person who may not read it (a members-only network's outsider)
finds nothing there, exactly as at an address where nothing is."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.charts import Bar, bar_chart
from birge.core.forms import apply_errors
from birge.core.pagination import paginate
from birge.networks.charter.models import CharterVersion
from birge.networks.decisions import reads, services
from birge.networks.decisions.forms import OutcomeForm, ProposalForm, VoteForm
from birge.networks.decisions.models import Decision, DecisionStatus
from birge.networks.networks.models import Network, Status
from birge.networks.networks.reads import readable_network_or_404
from birge.networks.permissions import NetworkViewer


def _readable(request: HttpRequest, slug: str) -> tuple[NetworkViewer, Network]:
    viewer = NetworkViewer.of(request.user)
    return viewer, readable_network_or_404(viewer, slug)


def decision_list(request: HttpRequest, slug: str) -> HttpResponse:
    viewer, network = _readable(request, slug)
    links = paginate(request, reads.decisions_of(network))
    decisions = list(links.page.object_list)
    speaks = viewer.speaks_for(network)
    voted = reads.voted_by(decisions, speaks)
    rows = []
    for decision in decisions:
        ended = reads.voting_ended(decision)
        waiting = 0 if ended else sum((decision.pk, pk) not in voted for pk in speaks)
        rows.append({"decision": decision, "ended": ended, "waiting": waiting})
    context = {
        "network": network,
        "links": links,
        "groups": [
            (_("Open for voting"), [row for row in rows if row["decision"].status == DecisionStatus.OPEN]),
            (_("Closed"), [row for row in rows if row["decision"].status == DecisionStatus.CLOSED]),
        ],
        "may_propose": network.status == Status.ACTIVE and viewer.is_committee(network),
    }
    return render(request, "networks/decisions/list.html", context)


def _charter_versions(network: Network):
    return CharterVersion.objects.filter(network=network, adopted_at__isnull=True).order_by("-number")


@login_required
def decision_new(request: HttpRequest, slug: str) -> HttpResponse:
    viewer, network = _readable(request, slug)
    if not viewer.is_committee(network):
        raise PermissionDenied
    versions = _charter_versions(network)
    initial = {}
    charter = request.GET.get("charter", "")
    if charter.isdigit():
        initial["charter_version"] = versions.filter(number=int(charter)).first()
    form = ProposalForm(request.POST or None, charter_versions=versions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_propose(
                actor=request.user,
                network=network,
                title=data["title"],
                proposal=data["proposal"],
                kind=data["kind"],
                options=data["options"],
                closes_at=data["closes_at"],
                anonymous=data["anonymous"],
                results_hidden=data["results_hidden"],
                charter_version=data.get("charter_version"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The decision is put to the members."))
            return redirect("networks:decision", network.slug, decision.pk)
    return render(
        request,
        "networks/decisions/new.html",
        {"network": network, "form": form, "closed": network.status == Status.CLOSED},
        status=400 if form.is_bound else 200,
    )


def _vote_forms(viewer: NetworkViewer, network: Network, decision: Decision, mine: dict) -> list:
    names = reads.organization_names(viewer.speaks_for(network))
    return [
        {
            "name": name,
            "vote": mine.get(pk),
            "form": VoteForm(decision=decision, organization_id=pk, vote=mine.get(pk)),
        }
        for pk, name in names
    ]


def _render_decision(
    request: HttpRequest,
    viewer: NetworkViewer,
    network: Network,
    decision: Decision,
    *,
    bound: VoteForm | None = None,
    outcome_form: OutcomeForm | None = None,
) -> HttpResponse:
    ended = reads.voting_ended(decision)
    speaks = viewer.speaks_for(network)
    mine = reads.votes_of(decision, speaks)
    shown = reads.results_shown(decision)
    counts = reads.tally(decision) if shown else None
    rows = counts.rows(decision) if counts else []
    ballots = []
    if speaks and (not ended or bound is not None):
        ballots = _vote_forms(viewer, network, decision, mine)
        for ballot in ballots:
            if bound is not None and ballot["form"].initial["organization"] == bound.initial["organization"]:
                ballot["form"] = bound
    is_coordinator = viewer.is_coordinator(network)
    closed = decision.status == DecisionStatus.CLOSED
    if closed and is_coordinator and outcome_form is None:
        outcome_form = OutcomeForm(initial={"outcome": decision.outcome, "review_on": decision.review_on})
    context = {
        "network": network,
        "decision": decision,
        "options": list(decision.options.all()),
        "ended": ended,
        "closed": closed,
        "shown": shown,
        "voted": counts.voted if counts else reads.voted_count(decision),
        "members": reads.member_count(network),
        "rows": rows,
        "chart": bar_chart(
            [Bar(str(label), count) for label, count in rows],
            title=_("Votes"),
            chart_id="tally",
        )
        if counts and counts.voted
        else "",
        "named": reads.named_votes(decision, viewer) if shown and not decision.anonymous else [],
        "mine": [vote for vote in mine.values()],
        "ballots": ballots,
        "may_anonymize": not closed
        and not decision.anonymous
        and services.may_make_anonymous(viewer, decision),
        "outcome_form": outcome_form if is_coordinator and closed else None,
    }
    invalid = bound is not None or (outcome_form is not None and outcome_form.is_bound)
    return render(request, "networks/decisions/decision.html", context, status=400 if invalid else 200)


def decision_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer, network = _readable(request, slug)
    decision = reads.decision_or_404(network, pk)
    return _render_decision(request, viewer, network, decision)


@require_POST
@login_required
def decision_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer, network = _readable(request, slug)
    decision = reads.decision_or_404(network, pk)
    raw = request.POST.get("organization", "")
    organization_id = int(raw) if raw.isdigit() else 0
    if organization_id not in viewer.speaks_for(network):
        raise PermissionDenied
    form = VoteForm(
        request.POST,
        decision=decision,
        organization_id=organization_id,
        vote=reads.votes_of(decision, [organization_id]).get(organization_id),
    )
    if form.is_valid():
        try:
            services.decision_vote(
                actor=request.user,
                decision=decision,
                organization_id=organization_id,
                answer=form.cleaned_data.get("answer", ""),
                options=form.chosen_options(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Your organization’s vote is recorded. You may change it until the close.")
            )
            return redirect("networks:decision", network.slug, decision.pk)
    return _render_decision(request, viewer, network, decision, bound=form)


@require_POST
@login_required
def decision_anonymous(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer, network = _readable(request, slug)
    decision = reads.decision_or_404(network, pk)
    try:
        services.decision_make_anonymous(actor=request.user, decision=decision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Voting on this decision is now anonymous."))
    return redirect("networks:decision", network.slug, decision.pk)


@require_POST
@login_required
def decision_outcome(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer, network = _readable(request, slug)
    decision = reads.decision_or_404(network, pk)
    if not viewer.is_coordinator(network):
        raise PermissionDenied
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.decision_record_outcome(
                actor=request.user,
                decision=decision,
                outcome=form.cleaned_data["outcome"],
                review_on=form.cleaned_data["review_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect("networks:decision", network.slug, decision.pk)
    return _render_decision(request, viewer, network, decision, outcome_form=form)
