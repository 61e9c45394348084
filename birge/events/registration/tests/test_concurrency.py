"""Many people asking for the last places of an event at the same moment, each in their own connection (a
thread): never more are confirmed than there are places, everyone else is on the waitlist in one
consistent order (the order in which they got the event's lock), and a place freed at that moment goes to
the first who was already waiting, not to a newcomer.

Run on SQLite by `make test` (its writers take turns: every `atomic` block opens an IMMEDIATE transaction
and waits up to the busy timeout, see birge/settings/env.py) and on PostgreSQL by `.ci/run` (the event's
row is locked with SELECT ... FOR UPDATE); locally, with
DATABASE_URL=postgres://postgres@127.0.0.1:5432/birge_reg and
`.venv/bin/pytest birge/events/registration --create-db`.
"""

import threading

import pytest
from django.db import connection
from django.utils import translation

from birge.core.models import Event as AuditEntry
from birge.events.catalog.models import Event
from birge.events.events import Verb
from birge.events.registration.models import Registration, Status
from birge.events.registration.services import cancel, register, waitlist_position
from conftest import make_user

PEOPLE = 8
PLACES = 3


def at_once(actions: list) -> list[tuple]:
    """Run each of `actions` in its own thread: each prepares (reads its copies) and returns what to do,
    which all do at the same moment; the outcome of each."""
    start = threading.Barrier(len(actions))
    outcomes: list[tuple] = []

    def run(action):
        translation.activate("en")
        try:
            prepared = action()
            start.wait(timeout=10)
            outcomes.append(("done", prepared()))
        except Exception as error:  # noqa: BLE001 — the test reports any failure of a thread
            outcomes.append(("failed", repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def registering(event: Event, person):
    def prepare():
        # Read before the others register: a copy of the event stale by the time it registers.
        copy = Event.objects.select_related("network").prefetch_related("organizers").get(pk=event.pk)
        list(copy.organizers.all())
        return lambda: register(person, copy).status

    return prepare


def cancelling(registration: Registration):
    def prepare():
        copy = Registration.objects.select_related("event", "person").get(pk=registration.pk)
        return lambda: cancel(copy.person, copy).status

    return prepare


@pytest.fixture
def people(db):
    return [make_user(f"participant{n}@example.org", display_name=f"Participant {n}") for n in range(PEOPLE)]


def assert_one_queue(event: Event) -> list[Registration]:
    """Exactly the places are confirmed, by people who asked before everyone waiting; the waitlist numbers
    run from 1 without a gap or a repeat. Returns the waiting, in their order."""
    rows = list(
        Registration.objects.filter(event=event).exclude(status=Status.CANCELLED).order_by("queued_at", "pk")
    )
    confirmed = [row for row in rows if row.status == Status.CONFIRMED]
    waiting = [row for row in rows if row.status == Status.WAITLISTED]
    assert len(confirmed) == PLACES
    assert rows == confirmed + waiting
    assert [waitlist_position(row) for row in waiting] == list(range(1, len(waiting) + 1))
    return waiting


@pytest.mark.django_db(transaction=True)
def test_never_more_confirmed_than_places_and_the_rest_wait_in_order(kz_ngo, people):
    from birge.events.conftest import make_event

    event = make_event([kz_ngo], capacity=PLACES)

    outcomes = at_once([registering(event, person) for person in people])

    assert sorted(outcomes) == sorted(
        [("done", Status.CONFIRMED)] * PLACES + [("done", Status.WAITLISTED)] * (PEOPLE - PLACES)
    )
    waiting = assert_one_queue(event)
    assert len(waiting) == PEOPLE - PLACES
    # Each waiting person was told the number they hold now (nobody left since).
    told = dict(AuditEntry.objects.filter(verb=Verb.WAITLISTED).values_list("target_id", "new"))
    assert [told[str(row.pk)]["position"] for row in waiting] == list(range(1, PEOPLE - PLACES + 1))
    assert AuditEntry.objects.filter(verb=Verb.REGISTERED).count() == PLACES


@pytest.mark.django_db(transaction=True)
def test_a_place_freed_while_newcomers_register_goes_to_the_first_waiting(kz_ngo, people):
    from birge.events.conftest import make_event

    event = make_event([kz_ngo], capacity=PLACES)
    early = [register(person, event) for person in people[:5]]  # three places taken, two waiting
    first_waiting = early[3]

    outcomes = at_once([cancelling(early[0])] + [registering(event, person) for person in people[5:]])

    assert ("done", Status.CANCELLED) in outcomes
    assert sorted(o for o in outcomes if o[1] != Status.CANCELLED) == [("done", Status.WAITLISTED)] * 3
    first_waiting.refresh_from_db()
    assert first_waiting.status == Status.CONFIRMED
    waiting = assert_one_queue(event)
    assert waiting[0].person == people[4] and {row.person for row in waiting[1:]} == set(people[5:])
    assert AuditEntry.objects.filter(verb=Verb.PROMOTED).count() == 1
