"""Many people pledging the last units of a need at the same moment, each in their own connection (a
thread): every pledge is counted in the need's sum (no lost update), and exactly the pledges that come after
the need is met are refused, or, when the pledgers confirmed going beyond it, recorded as beyond the need.

Run on SQLite by `make test` (its writers take turns: every `atomic` block opens an IMMEDIATE transaction
and waits up to the busy timeout, see birge/settings/env.py) and on PostgreSQL by `.ci/run` (the need's row
is locked with SELECT ... FOR UPDATE); locally, with DATABASE_URL=postgres://postgres@127.0.0.1:5432/birge_resp
and `.venv/bin/pytest birge/networks/response --create-db`.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import translation

from birge.core.models import Event
from birge.networks.events import Verb
from birge.networks.response.models import Need, NeedKind, Pledge
from birge.networks.response.services import BeyondNeed, need_add, pledge
from birge.networks.response.tests.conftest import describe
from conftest import make_user

PEOPLE = 8
NEEDED = Decimal(10)
ALREADY = Decimal(7)  # three tonnes left for eight people pledging one each


def pledge_at_once(need: Need, people: list, *, confirmed: bool) -> list[tuple]:
    """Each person pledges one unit of `need`, all released at the same moment; the outcome of each."""
    start = threading.Barrier(len(people))
    outcomes: list[tuple] = []

    def give(person):
        translation.activate("en")
        try:
            # Read before the others pledge: a copy of the need stale by the time it pledges.
            copy = Need.objects.select_related("incident__network").get(pk=need.pk)
            start.wait(timeout=10)
            made = pledge(actor=person, need=copy, quantity=Decimal(1), beyond_confirmed=confirmed)
            outcomes.append(("pledged", made.beyond_need))
        except BeyondNeed as error:
            outcomes.append(("refused", error.remaining))
        except Exception as error:  # noqa: BLE001 — the test reports any failure of a thread
            outcomes.append(("failed", repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=give, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def last_tonnes(response, coordinator, kg_owner, kg_ngo):
    """Ten tonnes of water are needed, seven are pledged already."""
    need = need_add(
        actor=coordinator,
        incident=describe(response, coordinator),
        kind=NeedKind.GOODS,
        title="Питьевая вода",
        quantity=NEEDED,
        unit="т",
    )
    pledge(actor=kg_owner, need=need, quantity=ALREADY, organization=kg_ngo)
    return need


@pytest.fixture
def people(db):
    return [make_user(f"helper{n}@example.org", display_name=f"Helper {n}") for n in range(PEOPLE)]


def assert_no_pledge_lost(need: Need) -> Need:
    need.refresh_from_db()
    total = Pledge.objects.filter(need=need).aggregate(total=Sum("quantity"))["total"]
    assert need.pledged == total
    assert Event.objects.filter(verb=Verb.PLEDGED).count() == Pledge.objects.filter(need=need).count()
    return need


@pytest.mark.django_db(transaction=True)
def test_pledges_beyond_the_last_units_are_refused_and_none_is_lost(last_tonnes, people):
    outcomes = pledge_at_once(last_tonnes, people, confirmed=False)

    left = NEEDED - ALREADY
    assert sorted(outcomes) == sorted(
        [("pledged", Decimal(0))] * int(left) + [("refused", Decimal(0))] * (PEOPLE - int(left))
    )
    need = assert_no_pledge_lost(last_tonnes)
    assert need.pledged == NEEDED and need.remaining == 0
    assert not Pledge.objects.filter(beyond_need__gt=0).exists()


@pytest.mark.django_db(transaction=True)
def test_confirmed_pledges_beyond_the_last_units_are_all_recorded_as_beyond_the_need(last_tonnes, people):
    outcomes = pledge_at_once(last_tonnes, people, confirmed=True)

    left = NEEDED - ALREADY
    assert sorted(outcomes) == sorted(
        [("pledged", Decimal(0))] * int(left) + [("pledged", Decimal(1))] * (PEOPLE - int(left))
    )
    need = assert_no_pledge_lost(last_tonnes)
    assert need.pledged == ALREADY + PEOPLE
    beyond = Pledge.objects.filter(need=need).aggregate(total=Sum("beyond_need"))["total"]
    assert beyond == ALREADY + PEOPLE - NEEDED
