"""The decision pages take as many queries with many decisions and votes as with few, for each person who
sees them: a coordinator, a member organization's voter, a plain member who reads, an outsider of a public
network and a visitor who is not signed in."""

import datetime as dt

import pytest
from django.utils import timezone

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.networks.decisions.models import Answer, DecisionKind
from birge.networks.decisions.services import decision_close_if_due, decision_vote
from birge.networks.decisions.tests.helpers import make_due, more_voting_members, propose

pytestmark = pytest.mark.usefixtures("in_english")

ROLES = ["coordinator", "kg_owner", "reader", "outsider", None]
# The list: the session and the user, the network, the person's organizations and their networks, the count,
# the page of decisions, and the votes of the organizations they speak for (a visitor has no user nor
# memberships). One decision adds its options, the counts or only how many voted, the member count, the
# names of the organizations one speaks for with their votes, and every organization's vote (with the
# options chosen) when that may be shown.
LIST_AT_MOST = 8
DECISION_AT_MOST = 14


def sign_in(client, request, who):
    if who:
        client.force_login(request.getfixturevalue(who))


def more_decisions(network, proposer, *, to: int) -> None:
    """Open and closed decisions of every kind, up to `to` in all."""
    kinds = list(DecisionKind)
    existing = network.decisions.count()
    for n in range(existing, to):
        decision = propose(
            proposer,
            network,
            title=f"Решение {n}",
            kind=kinds[n % len(kinds)],
            closes_at=timezone.now() + dt.timedelta(days=2 + n),
            anonymous=n % 3 == 0,
            results_hidden=n % 4 == 0,
        )
        if n % 2:
            make_due(decision)
            decision_close_if_due(decision.pk)


@pytest.mark.parametrize("who", ROLES)
def test_the_list_takes_as_many_queries_for_many_decisions_as_for_few(
    client, request, network, coordinator, kg_owner, kg_ngo, outsider_ngo, who
):
    sign_in(client, request, who)
    url = f"/en/networks/{network.slug}/decisions/"
    client.get(url)
    more_decisions(network, coordinator, to=2)
    few = counted_get(client, url)
    more_decisions(network, coordinator, to=12)
    for decision in network.decisions.filter(status="open", kind="consent")[:3]:
        decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.CONSENT)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    assert "Решение 11" in many.response.content.decode()
    assert_same_queries(few, many, at_most=LIST_AT_MOST)


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(
    "kind, closed, hidden, anonymous",
    [
        (DecisionKind.CONSENT, False, False, False),
        (DecisionKind.YES_NO, False, True, False),
        (DecisionKind.OPTIONS, True, False, False),
        (DecisionKind.ONE_OPTION, True, False, True),
    ],
)
def test_a_decision_takes_as_many_queries_for_many_votes_as_for_few(
    client,
    request,
    network,
    coordinator,
    kg_owner,
    kg_ngo,
    outsider_ngo,
    who,
    kind,
    closed,
    hidden,
    anonymous,
):
    decision = propose(coordinator, network, kind=kind, results_hidden=hidden, anonymous=anonymous)
    options = list(decision.options.all())
    choice = {"options": [options[0].pk]} if options else {"answer": "yes" if kind == "yes_no" else "consent"}
    decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, **choice)
    sign_in(client, request, who)
    url = f"/en/networks/{network.slug}/decisions/{decision.pk}/"
    if closed:
        make_due(decision)
        decision_close_if_due(decision.pk)
    client.get(url)
    more_voting_members(network, decision, to=1)
    few = counted_get(client, url)
    more_voting_members(network, decision, to=12)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    page = many.response.content.decode()
    # Twelve organizations joined and voted beside the Kyrgyz one; the two others of the fixtures did not.
    assert "13 of 15 member organizations have voted." in page
    if not hidden and not anonymous:
        assert "Участник 14" in page  # who chose what, for every organization
    assert_same_queries(few, many, at_most=DECISION_AT_MOST)
