"""Joint projects in the browser: the lead of a project adds an indicator, a partner's owner records the
values of a quarter for it in one form (a wrong date refused with what was typed kept), the project's page
shows the share of the target reached, and the project's IATI file, downloaded as an aggregator would,
validates against the official IATI 2.03 schema and carries the value."""

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from birge.projects.conftest import START, coordinator, kg_ngo, kg_owner, kz_ngo, project, reader
from birge.projects.indicators.models import Indicator, Value
from tests.browser.test_application_journey import log_in
from tests.browser.test_award_journey import log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The projects tests' fixtures, by name (this folder is outside birge/projects, where they are found).
__all__ = ["coordinator", "kg_ngo", "kg_owner", "kz_ngo", "project", "reader"]

SCHEMA = Path(__file__).resolve().parents[2] / "birge/projects/iati/tests/data/iati-activities-schema.xsd"


def test_a_project_records_its_indicator_values_and_its_iati_file_validates(
    visitor, reference, project, coordinator, kg_owner
):
    page = visitor.page

    # The lead's owner adds an indicator with its baseline and target.
    log_in(page, visitor.base_url, coordinator.email)
    visitor.goto(f"/ru/projects/{project.slug}/indicators/")
    page.fill("#new ~ form [name=name]", "Мигранты, получившие консультацию")
    page.fill("#new ~ form [name=unit]", "чел.")
    page.fill("#new ~ form [name=baseline]", "100")
    page.fill("#new ~ form [name=target]", "500")
    page.click("#new ~ form button[type=submit]")
    visitor.check()
    indicator = Indicator.objects.get(project=project)
    log_out(page)

    # The partner's owner records the first quarter; a period ending before it starts is refused first.
    log_in(page, visitor.base_url, kg_owner.email)
    visitor.goto(f"/ru/projects/{project.slug}/indicators/")
    page.fill("#record ~ form [name=period_start]", START.isoformat())
    page.fill("#record ~ form [name=period_end]", (START - dt.timedelta(days=1)).isoformat())
    page.fill(f"#record ~ form [name=actual_{indicator.pk}]", "230")
    page.click("#record ~ form button[type=submit]")
    visitor.check()
    assert not Value.objects.exists()
    assert page.input_value(f"[name=actual_{indicator.pk}]") == "230"
    page.fill("#record ~ form [name=period_end]", dt.date(2026, 3, 31).isoformat())
    page.click("#record ~ form button[type=submit]")
    visitor.check()
    value = Value.objects.get(indicator=indicator)
    assert (value.actual, value.period_start, value.recorded_by) == (230, START, kg_owner)

    # The project's page shows the way from the baseline to the target: 230 of 500 from 100 is 32 %.
    visitor.goto(f"/ru/projects/{project.slug}/")
    assert "32" in page.inner_text("main")

    # The IATI file of the project validates against the standard's schema and holds the value.
    response = page.request.get(f"{visitor.base_url}/ru/projects/{project.slug}/iati.xml")
    assert response.ok and "xml" in response.headers["content-type"]
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(etree.parse(str(SCHEMA), parser))
    document = etree.fromstring(response.body(), parser)
    assert schema.validate(document), schema.error_log
    assert document.xpath("//result/indicator/period/actual/@value") == ["230.00"]
    assert document.xpath("//result/indicator/baseline/@value") == ["100.00"]
