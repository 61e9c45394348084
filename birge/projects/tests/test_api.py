"""Joint projects in the read API: public projects for anyone, a private one only for a session of its
people, with organizations, indicators, values and published reports, and as many queries for many
projects as for few."""

import datetime as dt

import pytest

from birge.core.testing import assert_same_queries, counted_get
from birge.projects.indicators.services import indicator_add, report_publish, report_save, value_record
from birge.projects.tests.helpers import more_indicators, more_partners, more_projects

pytestmark = pytest.mark.django_db


def test_the_api_lists_public_projects_and_a_private_one_only_for_its_people(
    client, project, private_project, outsider, tj_owner
):
    body = client.get("/api/v1/projects/").json()
    assert [item["slug"] for item in body["results"]] == [project.slug]
    assert set(body["results"][0]["countries"]) == {"KZ", "KG", "TJ"}
    assert client.get(f"/api/v1/projects/{private_project.slug}/").status_code == 404
    client.force_login(outsider)
    assert client.get(f"/api/v1/projects/{private_project.slug}/").status_code == 404
    assert private_project.slug not in client.get("/api/v1/projects/").content.decode()
    client.force_login(tj_owner)
    slugs = {item["slug"] for item in client.get("/api/v1/projects/").json()["results"]}
    assert slugs == {project.slug, private_project.slug}
    assert client.get(f"/api/v1/projects/{private_project.slug}/").json()["visibility"] == "partners"


def test_one_project_with_its_organizations_indicators_values_and_published_reports(
    client, project, coordinator, kg_owner, kg_ngo, kz_ngo
):
    indicator = indicator_add(
        actor=coordinator, project=project, name="Консультации", target=200, baseline=40
    )
    value_record(
        actor=kg_owner,
        indicator=indicator,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        actual=120.5,
    )
    published = report_save(
        actor=kg_owner,
        project=project,
        title="Первый квартал",
        text="Т",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
    )
    report_publish(actor=kg_owner, report=published)
    report_save(
        actor=kg_owner,
        project=project,
        title="Черновик",
        text="Т",
        period_start=dt.date(2026, 4, 1),
        period_end=dt.date(2026, 6, 30),
    )

    body = client.get(f"/api/v1/projects/{project.slug}/").json()

    assert (body["title"], body["lead"], body["status"]) == (project.title, kz_ngo.slug, "planned")
    assert body["objectives"] == ["Открыть три приёмные", "Обучить 40 юристов"]
    assert [(row["organization"], row["role"]) for row in body["partners"]] == [
        (kz_ngo.slug, "lead"),
        (kg_ngo.slug, "partner"),
    ]
    (only,) = body["indicators"]
    assert (only["baseline"], only["target"]) == (40.0, 200.0)
    assert only["values"] == [
        {"period_start": "2026-01-01", "period_end": "2026-03-31", "actual": 120.5, "comment": ""}
    ]
    assert [report["title"] for report in body["reports"]] == ["Первый квартал"]
    assert body["reports"][0]["url"].endswith(f"/projects/{project.slug}/reports/{published.pk}/")


def test_filters_and_refusals(client, project):
    assert client.get("/api/v1/projects/", {"country": "TJ"}).json()["count"] == 1
    assert client.get("/api/v1/projects/", {"country": "AZ"}).json()["count"] == 0
    assert client.get("/api/v1/projects/", {"status": "active"}).json()["count"] == 0
    assert client.get("/api/v1/projects/", {"status": "lost"}).status_code == 422
    assert client.get("/api/v1/projects/no-such-project/").status_code == 404


def test_the_api_takes_as_many_queries_for_many_projects(client, project, coordinator, kz_ngo):
    more_indicators(project, coordinator, to=1, periods=1)
    client.get("/api/v1/projects/")
    few = counted_get(client, "/api/v1/projects/")
    few_one = counted_get(client, f"/api/v1/projects/{project.slug}/")
    more_projects(coordinator, kz_ngo, to=9)
    more_partners(project, coordinator, to=5)
    more_indicators(project, coordinator, to=4, periods=3)
    many = counted_get(client, "/api/v1/projects/")
    many_one = counted_get(client, f"/api/v1/projects/{project.slug}/")
    assert many.response.json()["count"] == 7
    assert len(many_one.response.json()["partners"]) == 7
    assert_same_queries(few, many, at_most=4)
    assert_same_queries(few_one, many_one, at_most=7)
