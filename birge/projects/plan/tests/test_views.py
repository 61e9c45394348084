"""The plan pages: the lead adds an activity, a budget line and a co-financing source without JavaScript,
a refused form keeps what was typed, one row is changed or removed on its own page, and only the lead
opens them."""

import datetime as dt

import pytest

from birge.core.testing import assert_within_budget
from birge.projects.plan.models import Activity, BudgetLine, Cofinancing
from birge.projects.plan.services import activity_add, budget_line_add

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def plan_url(project) -> str:
    return f"/en/projects/{project.slug}/plan/"


def test_only_the_lead_opens_the_plan_pages(client, project, kg_owner, reader):
    for person in (kg_owner, reader):
        client.force_login(person)
        assert client.get(plan_url(project)).status_code == 403
        assert client.post(plan_url(project), {"form": "line", "line-category": "Аренда"}).status_code == 403
    assert not BudgetLine.objects.exists()


def test_the_lead_adds_each_kind_of_row(client, project, coordinator, kg_ngo):
    client.force_login(coordinator)
    response = client.get(plan_url(project))
    assert_within_budget(response)
    assert "No activity is planned yet." in response.content.decode()

    response = client.post(
        plan_url(project),
        {
            "form": "activity",
            "activity-title": "Приёмная в Оше",
            "activity-starts_on": "2026-02-01",
            "activity-ends_on": "2026-06-30",
            "activity-responsible": str(kg_ngo.pk),
            "activity-status": "planned",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#activity")
    client.post(plan_url(project), {"form": "line", "line-category": "Юристы", "line-amount": "1000"})
    client.post(
        plan_url(project),
        {"form": "source", "source-source": "Свои", "source-kind": "own", "source-amount": "250"},
    )

    assert Activity.objects.get().responsible == kg_ngo
    assert BudgetLine.objects.get().category == "Юристы" and Cofinancing.objects.get().source == "Свои"
    response = client.get(plan_url(project))
    assert_within_budget(response)
    html = response.content.decode()
    assert "<svg" in html and "Приёмная в Оше" in html
    assert "Co-financing covers 25 % of the budget." in html


def test_a_refused_row_keeps_what_was_typed(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(
        plan_url(project),
        {
            "form": "activity",
            "activity-title": "Тренинг юристов",
            "activity-starts_on": "2028-01-01",
            "activity-ends_on": "2028-02-01",
            "activity-status": "planned",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keep the activity within the project&#x27;s dates" in html
    assert 'value="Тренинг юристов"' in html and 'value="2028-01-01"' in html

    response = client.post(plan_url(project), {"form": "line", "line-category": "Аренда", "line-amount": "0"})
    assert response.status_code == 400
    assert "Give an amount greater than zero." in response.content.decode()
    assert 'value="Аренда"' in response.content.decode()
    assert not Activity.objects.exists() and not BudgetLine.objects.exists()


def test_one_row_is_changed_and_removed_on_its_own_page(client, project, coordinator):
    activity = activity_add(
        actor=coordinator,
        project=project,
        title="Тренинг",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 3, 2),
    )
    line = budget_line_add(actor=coordinator, project=project, category="Аренда", amount=100)
    client.force_login(coordinator)

    page = f"{plan_url(project)}activity/{activity.pk}/"
    response = client.get(page)
    assert_within_budget(response)
    assert 'value="Тренинг"' in response.content.decode()
    response = client.post(
        page,
        {
            "activity-title": "Тренинг юристов",
            "activity-starts_on": "2026-03-01",
            "activity-ends_on": "2026-03-05",
            "activity-status": "done",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.status) == ("Тренинг юристов", "done")

    response = client.post(
        f"{plan_url(project)}line/{line.pk}/", {"line-category": "Аренда", "line-amount": "-1"}
    )
    assert response.status_code == 400 and "Give an amount greater than zero." in response.content.decode()
    assert client.post(f"{plan_url(project)}line/{line.pk}/remove/").status_code == 302
    assert not BudgetLine.objects.exists()
    # A row of another kind, or of nothing, is not there.
    assert client.get(f"{plan_url(project)}nonsense/{line.pk}/").status_code == 404
    assert client.get(f"{plan_url(project)}source/{activity.pk}/").status_code == 404
