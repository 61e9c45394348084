"""The project list and a project's page take as many queries for many projects, organizations, plan
rows, indicators and reports as for few, for each role that opens them."""

import pytest

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.projects.tests.helpers import (
    more_indicators,
    more_partners,
    more_plan,
    more_projects,
    more_reports,
)

pytestmark = pytest.mark.django_db

# The most queries each page may take, by role (today's counts; lower them as the pages get cheaper).
LIST = {"anonymous": 3, "outsider": 7, "partner": 7, "lead": 7}
PAGE = {"anonymous": 10, "outsider": 14, "partner": 14, "lead": 14}


@pytest.fixture
def people(coordinator, kg_owner, outsider, outsider_ngo):
    return {"anonymous": None, "outsider": outsider, "partner": kg_owner, "lead": coordinator}


@pytest.mark.parametrize("role", LIST)
def test_the_list_takes_as_many_queries_for_many_projects(client, project, people, coordinator, kz_ngo, role):
    if people[role]:
        client.force_login(people[role])
    client.get("/en/projects/")
    more_projects(coordinator, kz_ngo, to=2)
    few = counted_get(client, "/en/projects/")
    more_projects(coordinator, kz_ngo, to=12)
    many = counted_get(client, "/en/projects/")
    assert many.response.status_code == 200
    assert_within_budget(many.response)
    assert_same_queries(few, many, at_most=LIST[role])


@pytest.mark.parametrize("role", PAGE)
def test_the_project_page_takes_as_many_queries_for_a_bigger_project(
    client, project, people, coordinator, kg_owner, role
):
    if people[role]:
        client.force_login(people[role])
    url = f"/en/projects/{project.slug}/"
    client.get(url)
    more_partners(project, coordinator, to=1)
    more_plan(project, coordinator, to=1)
    more_indicators(project, coordinator, to=1, periods=1)
    more_reports(project, kg_owner, to=1)
    few = counted_get(client, url)
    more_partners(project, coordinator, to=8)
    more_plan(project, coordinator, to=6)
    more_indicators(project, coordinator, to=5, periods=3)
    more_reports(project, kg_owner, to=6)
    many = counted_get(client, url)
    assert many.response.status_code == 200
    assert many.response.content.decode().count("Партнёр ") == 9
    assert_within_budget(many.response)
    assert_same_queries(few, many, at_most=PAGE[role])
