"""Background work of decisions: closing one at its closing time.

Queued by `decision_propose` (after the commit) with `run_after` set to the closing time, on a task backend
that can wait: the database queue that `birge worker` runs in production. The immediate backend of the demo
and the tests cannot wait, so nothing is queued there and the hourly `decisions_close_due()` closes
decisions instead (it runs everywhere, as the fallback for a task that was lost). The task may run twice, or
early (a closing time moved later): it closes only a decision that is open and due."""

from django_tasks import task

from birge.networks.decisions.services import decision_close_if_due


@task()
def close_decision(decision_id: int) -> bool:
    """Close the decision if it is due and open; True if this run closed it."""
    return decision_close_if_due(decision_id)
