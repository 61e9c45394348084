"""Closing on time and reminding: the task queued for the closing time, safe to run early or twice; the
hourly fallback; the reminder a day before, once, to the organizations that have not voted."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.networks.decisions import services
from birge.networks.decisions.models import Answer, Decision, DecisionStatus
from birge.networks.decisions.services import (
    decision_vote,
    decisions_close_due,
    decisions_remind,
    schedule_close,
)
from birge.networks.decisions.tasks import close_decision
from birge.networks.decisions.tests.helpers import make_due, propose
from birge.networks.events import Verb

pytestmark = pytest.mark.usefixtures("in_english")

# The notices' titles, in the Russian the fixtures' people read.
CLOSED = "Голосование по решению вашей сети завершено"
REMINDER = "Напоминание: ваша организация ещё не проголосовала"

WORKER = ["db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0"]


def closings() -> int:
    return Event.objects.filter(verb=Verb.DECISION_CLOSED).count()


@pytest.fixture
def enqueued():
    """The close_decision tasks queued, whatever the backend."""
    queued = []

    def keep(sender, task_result, **kwargs):
        if task_result.task.name == close_decision.name:
            queued.append(task_result)

    task_enqueued.connect(keep)
    yield queued
    task_enqueued.disconnect(keep)


def test_on_a_backend_that_can_wait_the_close_is_queued_for_the_closing_time(
    network, coordinator, settings, enqueued, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        decision = propose(coordinator, network)
    [queued] = enqueued
    assert queued.task.run_after == decision.closes_at
    assert queued.args == [decision.pk]


def test_the_close_is_queued_only_once_the_proposal_is_committed(
    network, coordinator, settings, enqueued, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        propose(coordinator, network)
    assert callbacks and enqueued == []  # queued only once the proposal is committed


def test_on_the_immediate_backend_nothing_is_queued(
    network, coordinator, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = propose(coordinator, network)
    assert enqueued == [] and not schedule_close(decision)
    assert Decision.objects.get().status == DecisionStatus.OPEN


def test_the_task_closes_only_a_due_decision_and_only_once(network, coordinator, reader):
    decision = propose(coordinator, network)
    early = close_decision.enqueue(decision.pk)  # the immediate backend runs it at once
    assert early.return_value is False
    assert Decision.objects.get().status == DecisionStatus.OPEN and closings() == 0

    make_due(decision)
    assert close_decision.enqueue(decision.pk).return_value is True
    assert close_decision.enqueue(decision.pk).return_value is False
    assert Decision.objects.get().status == DecisionStatus.CLOSED and closings() == 1
    assert Notification.objects.filter(recipient=reader, title=CLOSED).count() == 1
    assert close_decision.enqueue(decision.pk + 1000).return_value is False  # a decision since deleted


def test_the_hourly_run_closes_every_due_decision_it_finds(network, coordinator):
    due = [make_due(propose(coordinator, network, title=f"Решение {n}")) for n in range(2)]
    later = propose(coordinator, network, title="Позже")
    assert decisions_close_due() == 2
    assert decisions_close_due() == 0
    assert {d.pk for d in Decision.objects.filter(status=DecisionStatus.CLOSED)} == {d.pk for d in due}
    assert Decision.objects.get(pk=later.pk).status == DecisionStatus.OPEN
    assert closings() == 2


def test_with_the_database_queue_the_worker_closes_the_decision_at_its_time(
    transactional_db, settings, network, coordinator, kg_owner, kg_ngo
):
    """The worker commits and closes connections, as in production: hence a transactional test."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    decision = propose(coordinator, network)
    queued = DBTaskResult.objects.get(task_path="birge.networks.decisions.tasks.close_decision")
    assert queued.run_after == decision.closes_at and queued.args_kwargs["args"] == [decision.pk]
    decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.OBJECT)

    call_command(*WORKER, verbosity=0)
    assert Decision.objects.get().status == DecisionStatus.OPEN  # not before its time

    make_due(decision)
    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=timezone.now())
    call_command(*WORKER, verbosity=0)
    decision.refresh_from_db()
    assert (decision.status, decision.carried) == (DecisionStatus.CLOSED, False)
    assert DBTaskResult.objects.get(pk=queued.pk).status == "SUCCESSFUL"
    assert decisions_close_due() == 0 and closings() == 1


# Reminders -------------------------------------------------------------------------------------------------


def closing_soon(decision, *, within=dt.timedelta(hours=12), opened=dt.timedelta(days=3)):
    now = timezone.now()
    Decision.objects.filter(pk=decision.pk).update(closes_at=now + within, created_at=now - opened)


def reminded():
    return set(Notification.objects.filter(title=REMINDER).values_list("recipient__email", flat=True))


def test_a_day_before_the_close_the_organizations_that_have_not_voted_are_reminded_once(
    network, coordinator, kg_owner, kg_ngo, tj_owner, reader, mailoutbox, django_capture_on_commit_callbacks
):
    decision = propose(coordinator, network)
    decision_vote(actor=kg_owner, decision=decision, organization_id=kg_ngo.pk, answer=Answer.CONSENT)
    assert decisions_remind() == 0  # three days to go
    closing_soon(decision)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert decisions_remind() == 1
    assert reminded() == {coordinator.email, tj_owner.email}
    assert sorted(message.to[0] for message in mailoutbox) == sorted([coordinator.email, tj_owner.email])
    assert "а ваша организация ещё не проголосовала." in mailoutbox[0].body
    decision.refresh_from_db()
    assert decision.reminded_at is not None
    event = Event.objects.get(verb=Verb.DECISION_REMINDED)
    assert (event.actor, event.new) == (None, {"organizations": 2})

    assert decisions_remind() == 0
    assert Notification.objects.filter(title=REMINDER).count() == 2


def test_no_reminder_for_a_decision_open_less_than_a_day_nor_a_closed_one(network, coordinator):
    short = propose(coordinator, network, title="Короткое")
    closing_soon(short, within=dt.timedelta(hours=5), opened=dt.timedelta(hours=2))
    closed = propose(coordinator, network, title="Закрытое")
    closing_soon(closed)
    Decision.objects.filter(pk=closed.pk).update(status=DecisionStatus.CLOSED)
    assert decisions_remind() == 0 and reminded() == set()


def test_a_decision_that_fails_to_close_stays_open_and_the_others_close(network, coordinator, monkeypatch):
    first = make_due(propose(coordinator, network, title="Первое"))
    second = make_due(propose(coordinator, network, title="Второе"))

    real = services.outcome_of

    def broken(decision, counts):
        if decision.pk == first.pk:
            raise RuntimeError("the database went away")
        return real(decision, counts)

    monkeypatch.setattr(services, "outcome_of", broken)
    assert decisions_close_due() == 1
    assert Decision.objects.get(pk=first.pk).status == DecisionStatus.OPEN
    assert Decision.objects.get(pk=second.pk).status == DecisionStatus.CLOSED
    monkeypatch.setattr(services, "outcome_of", real)
    assert decisions_close_due() == 1 and closings() == 2
