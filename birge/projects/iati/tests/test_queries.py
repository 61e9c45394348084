"""The IATI export takes as many queries for many projects, organizations, plan rows and indicators as
for few, whoever asks (it is the same file for everyone)."""

import pytest

from birge.core.testing import assert_same_queries, counted_get
from birge.projects.tests.helpers import more_indicators, more_partners, more_plan, more_projects

pytestmark = pytest.mark.django_db

EXPORT = {"anonymous": 9, "outsider": 11, "partner": 11, "lead": 11}


@pytest.fixture
def people(coordinator, kg_owner, outsider, outsider_ngo):
    return {"anonymous": None, "outsider": outsider, "partner": kg_owner, "lead": coordinator}


@pytest.mark.parametrize("role", EXPORT)
def test_the_export_takes_as_many_queries_for_many_projects(
    client, project, people, coordinator, kz_ngo, role
):
    if people[role]:
        client.force_login(people[role])
    client.get("/en/projects/iati.xml")
    more_projects(coordinator, kz_ngo, to=2)
    more_plan(project, coordinator, to=1)
    more_indicators(project, coordinator, to=1, periods=1)
    few = counted_get(client, "/en/projects/iati.xml")
    few_one = counted_get(client, f"/en/projects/{project.slug}/iati.xml")
    more_projects(coordinator, kz_ngo, to=9)
    more_partners(project, coordinator, to=6)
    more_plan(project, coordinator, to=4)
    more_indicators(project, coordinator, to=4, periods=3)
    many = counted_get(client, "/en/projects/iati.xml")
    many_one = counted_get(client, f"/en/projects/{project.slug}/iati.xml")
    assert many.response.content.count(b"<iati-activity ") == 9  # the fixture's, and 8 public of the 11 more
    assert_same_queries(few, many, at_most=EXPORT[role])
    assert_same_queries(few_one, many_one, at_most=EXPORT[role])
