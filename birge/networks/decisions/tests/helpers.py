"""What the decision tests share: proposing a decision with sensible defaults, and making one due."""

import datetime as dt

from django.utils import timezone

from birge.networks.decisions.models import Decision, DecisionKind, Vote
from birge.networks.decisions.services import decision_propose


def propose(actor, network, **fields) -> Decision:
    values = {
        "title": "Принять план на 2026 год",
        "proposal": "Сеть принимает план работы на 2026 год.",
        "kind": DecisionKind.CONSENT,
        "closes_at": timezone.now() + dt.timedelta(days=3),
    }
    if fields.get("kind") in (DecisionKind.ONE_OPTION, DecisionKind.OPTIONS):
        values["options"] = ["Алматы", "Бишкек", "Душанбе"]
    return decision_propose(actor=actor, network=network, **(values | fields))


def make_due(decision: Decision, *, ago: dt.timedelta = dt.timedelta(minutes=1)) -> Decision:
    """Move the closing time into the past, as the clock would."""
    Decision.objects.filter(pk=decision.pk).update(closes_at=timezone.now() - ago)
    decision.refresh_from_db()
    return decision


def cast(decision: Decision, organization, answer: str = "", options=()) -> Vote:
    """A vote written straight to the table (for growing data; the services are tested on their own)."""
    vote = Vote.objects.create(decision=decision, organization=organization, answer=answer)
    vote.options.set(options)
    return vote


def more_voting_members(network, decision: Decision, *, to: int) -> None:
    """Member organizations (each with an owner) up to `to` more than the fixtures' three, each of which
    has voted on `decision`: the first option, or the kind's first answer."""
    from birge.networks.conftest import add_member, organization_in
    from birge.networks.decisions.models import ANSWERS
    from birge.networks.membership.models import NetworkMembership
    from conftest import make_user

    first = decision.options.order_by("position").first()
    start = NetworkMembership.objects.filter(network=network).count()
    for n in range(start, 3 + to):
        owner = make_user(f"voter{decision.pk}-{n}@example.org")
        organization = organization_in("KG", owner, name=f"Участник {n}", name_ru=f"Участник {n}")
        add_member(network, organization)
        if decision.kind in ANSWERS:
            cast(decision, organization, answer=ANSWERS[decision.kind][n % 2])
        else:
            cast(decision, organization, options=[first])
