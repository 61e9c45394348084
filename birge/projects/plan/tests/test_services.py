"""A project's plan: activities within its dates and in the hands of its organizations, budget lines and
co-financing above zero, the co-financing share, the lead's alone, every change in the audit log."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Event
from birge.orgs.tests.factories import OrganizationFactory
from birge.projects.events import Verb
from birge.projects.plan.models import Activity, BudgetLine, Cofinancing
from birge.projects.plan.reads import budget_of
from birge.projects.plan.services import (
    activity_add,
    activity_remove,
    activity_update,
    budget_line_add,
    budget_line_remove,
    budget_line_update,
    cofinancing_add,
    cofinancing_remove,
    cofinancing_update,
)
from birge.projects.projects.models import Project

pytestmark = pytest.mark.usefixtures("in_english")


def plan_events() -> list[str]:
    return [event.new["what"] for event in Event.objects.filter(verb=Verb.PLAN_CHANGED).order_by("pk")]


def test_the_lead_plans_changes_and_removes_an_activity(project, coordinator, kg_ngo):
    activity = activity_add(
        actor=coordinator,
        project=project,
        title=" Приёмная в Оше ",
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 6, 30),
        responsible=kg_ngo,
    )
    assert (activity.title, activity.responsible, activity.status) == ("Приёмная в Оше", kg_ngo, "planned")

    activity_update(
        actor=coordinator,
        activity=activity,
        title="Приёмная в Оше и Джалал-Абаде",
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 9, 30),
        status="under_way",
    )
    activity.refresh_from_db()
    assert (activity.ends_on, activity.responsible, activity.status) == (
        dt.date(2026, 9, 30),
        None,
        "under_way",
    )

    activity_remove(actor=coordinator, activity=activity)
    assert not Activity.objects.exists()
    assert plan_events() == ["activity_added", "activity_changed", "activity_removed"]
    # A change of the plan is a change of the project: lists and the IATI export see it.
    assert Project.objects.get().updated_at > project.created_at


def test_an_activity_keeps_within_the_projects_dates_and_in_order(project, coordinator):
    with pytest.raises(ValidationError) as raised:
        activity_add(
            actor=coordinator,
            project=project,
            title="",
            starts_on=dt.date(2025, 12, 1),
            ends_on=dt.date(2026, 1, 10),
        )
    assert raised.value.message_dict == {
        "title": ["Name the activity."],
        "starts_on": ["Keep the activity within the project's dates: 1 January 2026 – 30 June 2027."],
    }
    with pytest.raises(ValidationError) as raised:
        activity_add(
            actor=coordinator, project=project, title="Тренинг", starts_on=dt.date(2026, 5, 1), ends_on=None
        )
    assert raised.value.message_dict == {"ends_on": ["Say when it ends."]}
    with pytest.raises(ValidationError) as raised:
        activity_add(
            actor=coordinator,
            project=project,
            title="Тренинг",
            starts_on=dt.date(2026, 5, 1),
            ends_on=dt.date(2026, 4, 1),
        )
    assert raised.value.message_dict == {"ends_on": ["The end comes before the start."]}
    assert not Activity.objects.exists()


def test_the_responsible_organization_is_one_of_the_projects(project, coordinator, tj_ngo):
    with pytest.raises(ValidationError) as raised:
        activity_add(
            actor=coordinator,
            project=project,
            title="Тренинг",
            starts_on=dt.date(2026, 5, 1),
            ends_on=dt.date(2026, 5, 2),
            responsible=tj_ngo,
        )
    assert raised.value.message_dict == {
        "responsible": ["Choose one of the project's organizations as responsible."]
    }


def test_only_the_lead_changes_the_plan(project, kg_owner, reader, outsider):
    for person in (kg_owner, reader, outsider):
        with pytest.raises(PermissionDenied):
            activity_add(
                actor=person,
                project=project,
                title="Т",
                starts_on=dt.date(2026, 5, 1),
                ends_on=dt.date(2026, 5, 2),
            )
        with pytest.raises(PermissionDenied):
            budget_line_add(actor=person, project=project, category="Аренда", amount=10)
        with pytest.raises(PermissionDenied):
            cofinancing_add(actor=person, project=project, source="Фонд", kind="donor", amount=10)
    assert not Event.objects.filter(verb=Verb.PLAN_CHANGED).exists()


def test_budget_lines_and_cofinancing_give_the_share_of_the_budget(project, coordinator, kg_ngo):
    rent = budget_line_add(actor=coordinator, project=project, category="Аренда", amount="600000")
    budget_line_add(actor=coordinator, project=project, category="Юристы", amount=Decimal("1400000.50"))
    own = cofinancing_add(
        actor=coordinator,
        project=project,
        source="Мигрант Ордо",
        kind="own",
        amount="300000",
        organization=kg_ngo,
    )
    cofinancing_add(actor=coordinator, project=project, source="Акимат", kind="state", amount="200000")

    budget = budget_of(project)
    assert budget.total == Decimal("2000000.50") and budget.cofinanced == Decimal("500000")
    assert budget.share == 25

    budget_line_update(actor=coordinator, line=rent, category="Аренда офиса", amount="100000")
    cofinancing_update(actor=coordinator, row=own, source="Мигрант Ордо", kind="in_kind", amount="1000000")
    assert budget_of(project).share == 80  # 1 200 000 of 1 500 000.50
    budget_line_remove(actor=coordinator, line=rent)
    cofinancing_remove(actor=coordinator, row=own)
    assert (BudgetLine.objects.count(), Cofinancing.objects.count()) == (1, 1)
    assert plan_events() == [
        "budget_line_added",
        "budget_line_added",
        "cofinancing_added",
        "cofinancing_added",
        "budget_line_changed",
        "cofinancing_changed",
        "budget_line_removed",
        "cofinancing_removed",
    ]
    changed = Event.objects.filter(verb=Verb.PLAN_CHANGED, new__what="budget_line_changed").get()
    assert (changed.new["amount"], changed.new["was"]) == ("100000.00", "600000.00")


def test_no_budget_no_share(project):
    assert budget_of(project).share is None


def test_amounts_are_above_zero_and_sources_named_and_of_a_kind(project, coordinator, reference):
    with pytest.raises(ValidationError) as raised:
        budget_line_add(actor=coordinator, project=project, category="", amount="0")
    assert raised.value.message_dict == {
        "category": ["Name the budget line."],
        "amount": ["Give an amount greater than zero."],
    }
    with pytest.raises(ValidationError) as raised:
        budget_line_add(actor=coordinator, project=project, category="Аренда", amount=None)
    assert raised.value.message_dict == {"amount": ["Give the amount."]}
    with pytest.raises(ValidationError) as raised:
        cofinancing_add(
            actor=coordinator,
            project=project,
            source=" ",
            kind="lottery",
            amount="-5",
            organization=OrganizationFactory(draft=True),
        )
    assert raised.value.message_dict == {
        "source": ["Name the source."],
        "kind": ["Choose the kind of source."],
        "amount": ["Give an amount greater than zero."],
        "organization": ["Choose an organization with a published profile."],
    }
    assert not BudgetLine.objects.exists() and not Cofinancing.objects.exists()
