"""The funding demo: four operators' programs, with calls in the states a visitor meets (open, announced,
decided), made by the programs' staff through the services; loading it again changes nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.utils import timezone

from birge.accounts.models import User
from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.funding import demo as funding_demo
from birge.funding.events import Verb
from birge.funding.models import Call, Criterion, Lot, Program, ProgramStaff, Status
from birge.orgs import demo as orgs_demo
from birge.orgs.members.models import Membership


def _load() -> None:
    orgs_demo.load(StringIO())
    funding_demo.load(StringIO())


@pytest.fixture
def demo(reference):
    _load()


def _call(operator: str, status: str) -> Call:
    return Call.objects.get(program__operator__slug=operator, status=status)


def test_each_operator_runs_its_program(demo):
    programs = {
        program.operator.slug: (program.mechanism, program.currency, sorted(program.applicants))
        for program in Program.objects.select_related("operator")
    }
    assert programs == {
        "kz-cisc": ("state_grant", "KZT", ["organization"]),
        "kg-youth-agency": ("state_grant", "KGS", ["organization"]),
        "tj-committee-women-family": ("state_grant", "TJS", ["individual", "initiative_group"]),
        "shymkent-akimat": ("social_contract", "KZT", ["organization"]),
    }


def test_the_calls_are_in_the_states_the_demo_shows(demo):
    statuses = sorted(Call.objects.values_list("program__operator__slug", "status"))
    assert statuses == [
        ("kg-youth-agency", Status.OPEN),
        ("kz-cisc", Status.DECIDED),
        ("kz-cisc", Status.OPEN),
        ("shymkent-akimat", Status.OPEN),
        ("tj-committee-women-family", Status.PUBLISHED),
    ]
    decided = _call("kz-cisc", Status.DECIDED)
    walked = Event.objects.filter(target_id=str(decided.pk), verb__startswith="funding.call_")
    assert set(walked.values_list("verb", flat=True)) >= {
        Verb.CALL_PUBLISHED,
        Verb.CALL_OPENED,
        Verb.CALL_CLOSED,
        Verb.CALL_REVIEW_STARTED,
        Verb.CALL_DECIDED,
    }


def test_each_call_keeps_the_rules_of_its_program(demo):
    now = timezone.now()
    open_grants = _call("kz-cisc", Status.OPEN)
    assert open_grants.opens_at < now
    assert timedelta(days=20) < open_grants.closes_at - now < timedelta(days=22)
    assert open_grants.grant_min < open_grants.grant_max <= open_grants.budget_ceiling
    assert _call("kz-cisc", Status.DECIDED).closes_at < now

    youth = _call("kg-youth-agency", Status.OPEN)
    assert (youth.cofinancing_min, youth.cofinancing_max) == (20, 40)

    women = _call("tj-committee-women-family", Status.PUBLISHED)
    assert sorted(women.applicants) == ["individual", "initiative_group"]
    assert women.opens_at > now

    home_care = _call("shymkent-akimat", Status.OPEN)
    assert home_care.service_specification
    ceilings = [lot.price_ceiling for lot in home_care.lots.all()]
    assert len(ceilings) == 2 and sum(ceilings) == home_care.price_ceiling

    for call in Call.objects.all():
        assert sum(call.criteria.values_list("weight", flat=True)) == 100
        assert call.published_at < now


def test_the_list_of_calls_shows_the_current_ones(demo, client):
    response = client.get("/ru/calls/")
    assert response.status_code == 200
    page = response.content.decode()
    for call in Call.objects.filter(status__in=[Status.PUBLISHED, Status.OPEN]):
        assert call.title in page
    assert _call("kz-cisc", Status.DECIDED).title not in page


def _snapshot() -> dict:
    counted = (Program, ProgramStaff, Call, Criterion, Lot, Event, Notification, User, Membership)
    return {
        "counts": {model.__name__: model.objects.count() for model in counted},
        "calls": sorted(Call.objects.values_list("slug", "status", "opens_at", "closes_at", "published_at")),
    }


def test_loading_again_changes_nothing(demo):
    before = _snapshot()
    _load()
    assert _snapshot() == before
