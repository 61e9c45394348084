"""The indicators page and the reports list take as many queries for many indicators, values and reports
as for few, for each role that opens them."""

import pytest

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.projects.tests.helpers import more_indicators, more_reports

pytestmark = pytest.mark.django_db

INDICATORS = {"anonymous": 4, "outsider": 7, "partner": 7, "lead": 7}
REPORTS = {"anonymous": 4, "outsider": 7, "partner": 7, "lead": 7}


@pytest.fixture
def people(coordinator, kg_owner, outsider, outsider_ngo):
    return {"anonymous": None, "outsider": outsider, "partner": kg_owner, "lead": coordinator}


@pytest.mark.parametrize("role", INDICATORS)
def test_the_indicators_page_takes_as_many_queries_for_many_indicators(
    client, project, people, coordinator, role
):
    if people[role]:
        client.force_login(people[role])
    url = f"/en/projects/{project.slug}/indicators/"
    client.get(url)
    more_indicators(project, coordinator, to=1, periods=1)
    few = counted_get(client, url)
    more_indicators(project, coordinator, to=8, periods=4)
    many = counted_get(client, url)
    assert many.response.status_code == 200
    assert many.response.content.decode().count("Показатель ") >= 9
    assert_within_budget(many.response)
    assert_same_queries(few, many, at_most=INDICATORS[role])


@pytest.mark.parametrize("role", REPORTS)
def test_the_reports_list_takes_as_many_queries_for_many_reports(client, project, people, kg_owner, role):
    if people[role]:
        client.force_login(people[role])
    url = f"/en/projects/{project.slug}/reports/"
    client.get(url)
    more_reports(project, kg_owner, to=2)
    few = counted_get(client, url)
    more_reports(project, kg_owner, to=14)
    many = counted_get(client, url)
    assert many.response.status_code == 200
    assert_within_budget(many.response)
    assert_same_queries(few, many, at_most=REPORTS[role])
