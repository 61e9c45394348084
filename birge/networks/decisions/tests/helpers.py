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
