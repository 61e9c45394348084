"""The IATI export: a rich project and a minimal one are valid IATI 2.03 (checked against the standard's
own schema, kept beside this test), each element says what Birge means by it, and a private project is
never in it."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from birge.core.models import ThematicArea
from birge.orgs.profiles.models import Kind, LegalForm
from birge.orgs.tests.factories import OrganizationFactory
from birge.projects.iati.exports import (
    activities_document,
    exported_projects,
    organization_type,
    yearly_budgets,
)
from birge.projects.indicators.services import indicator_add, value_record
from birge.projects.plan.services import budget_line_add, cofinancing_add
from birge.projects.projects.models import PartnerRole, Status
from birge.projects.projects.services import partner_add, project_create, project_update, status_change
from birge.projects.tests.helpers import award_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

SCHEMA = Path(__file__).parent / "data" / "iati-activities-schema.xsd"
XML = "{http://www.w3.org/XML/1998/namespace}"


@pytest.fixture(scope="module")
def schema():
    # The schema imports xml.xsd and includes iati-common.xsd from its own folder: nothing is fetched.
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def valid(schema, body: bytes) -> etree._Element:
    document = etree.fromstring(body, etree.XMLParser(no_network=True))
    assert schema.validate(document), "\n".join(str(error) for error in schema.error_log)
    return document


def export(organization: str = "") -> bytes:
    return activities_document(exported_projects(organization))


@pytest.fixture
def rich(project, coordinator, kz_ngo, kg_ngo, tj_ngo, kg_owner, ready_call, operator):
    """The public project with three countries' organizations (the Tajik one a co-funder), two themes, a
    budget over two years with co-financing, indicators with values, an award and a finished life."""
    kz_ngo.identifier = "KZ-BIN-123456789012"
    kz_ngo.save()
    partner_add(actor=coordinator, project=project, organization=tj_ngo, role=PartnerRole.COFUNDER)
    project.themes.set(ThematicArea.objects.filter(parent__isnull=True)[:2])
    project_update(
        actor=coordinator,
        project=project,
        peer_development=True,
        mentor=kz_ngo,
        mentee=kg_ngo,
        award=award_to(ready_call, kg_ngo),
    )
    budget_line_add(actor=coordinator, project=project, category="Юристы", amount="1000000")
    budget_line_add(actor=coordinator, project=project, category="Аренда", amount="500000.50")
    cofinancing_add(
        actor=coordinator, project=project, source="Ҳуқуқ", kind="own", amount="300000", organization=tj_ngo
    )
    cofinancing_add(
        actor=coordinator, project=project, source="Помещение акимата", kind="in_kind", amount="120000"
    )
    consultations = indicator_add(
        actor=coordinator,
        project=project,
        name="Консультации",
        unit="чел.",
        baseline=40,
        baseline_year=2025,
        target=200,
    )
    indicator_add(actor=coordinator, project=project, name="Юристы обучены", target=40)
    for start, end, actual in (
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31), 90),
        (dt.date(2026, 4, 1), dt.date(2026, 6, 30), 150),
    ):
        value_record(
            actor=kg_owner,
            indicator=consultations,
            period_start=start,
            period_end=end,
            actual=actual,
            comment="Ош",
        )
    status_change(actor=coordinator, project=project, status=Status.ACTIVE)
    status_change(actor=coordinator, project=project, status=Status.COMPLETED)
    return project


def test_a_rich_project_is_valid_iati_and_says_what_birge_means(
    schema, rich, kz_ngo, kg_ngo, tj_ngo, operator
):
    document = valid(schema, export())

    assert document.get("version") == "2.03" and document.get("generated-datetime")
    (activity,) = document.findall("iati-activity")
    assert (activity.get(f"{XML}lang"), activity.get("default-currency")) == ("ru", "KZT")
    assert activity.get("last-updated-datetime").endswith("Z")
    assert activity.findtext("iati-identifier") == "KZ-BIN-123456789012-prava-migrantov-v-puti"
    reporting = activity.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type")) == ("KZ-BIN-123456789012", "22")
    assert [d.get("type") for d in activity.findall("description")] == ["1", "2"]
    assert (
        activity.find("description[@type='2']/narrative").text == "Открыть три приёмные\nОбучить 40 юристов"
    )
    roles = {(org.get("ref"), org.get("role")) for org in activity.findall("participating-org")}
    assert roles == {
        ("KZ-BIN-123456789012", "2"),  # the lead, accountable
        (f"XM-BIRGE-{kg_ngo.slug}", "4"),  # a partner, implementing
        (f"XM-BIRGE-{tj_ngo.slug}", "1"),  # a co-funder, funding
        (f"XM-BIRGE-{operator.slug}", "1"),  # the award's funder
    }
    assert activity.find(f"participating-org[@ref='XM-BIRGE-{operator.slug}']").get("type") == "10"
    assert activity.find("activity-status").get("code") == "3"
    dates = {date.get("type"): date.get("iso-date") for date in activity.findall("activity-date")}
    today = timezone.localdate().isoformat()
    assert dates == {"1": "2026-01-01", "2": today, "3": "2027-06-30", "4": today}
    shares = {
        country.get("code"): Decimal(country.get("percentage"))
        for country in activity.findall("recipient-country")
    }
    assert set(shares) == {"KZ", "KG", "TJ"} and sum(shares.values()) == 100
    sectors = activity.findall("sector")
    assert {sector.get("vocabulary") for sector in sectors} == {"99"} and len(sectors) == 2
    assert sum(Decimal(sector.get("percentage")) for sector in sectors) == 100
    budgets = activity.findall("budget")
    assert [
        (b.find("period-start").get("iso-date"), b.find("period-end").get("iso-date")) for b in budgets
    ] == [
        ("2026-01-01", "2026-12-31"),
        ("2027-01-01", "2027-06-30"),
    ]
    assert sum(Decimal(b.findtext("value")) for b in budgets) == Decimal("1500000.50")
    assert {b.find("value").get("currency") for b in budgets} == {"KZT"}
    transactions = activity.findall("transaction")
    assert [t.find("transaction-type").get("code") for t in transactions] == ["11", "11"]
    assert transactions[0].find("provider-org").get("ref") == f"XM-BIRGE-{tj_ngo.slug}"
    assert transactions[0].find("finance-type").get("code") == "110"
    assert transactions[1].find("finance-type") is None  # in kind
    link = activity.find("document-link")
    assert (
        link.get("url").endswith(f"/ru/projects/{rich.slug}/") and link.find("category").get("code") == "A12"
    )
    indicators = activity.findall("result/indicator")
    assert [i.findtext("title/narrative") for i in indicators] == ["Консультации (чел.)", "Юристы обучены"]
    baseline = indicators[0].find("baseline")
    assert (baseline.get("year"), baseline.get("value")) == ("2025", "40.00")
    periods = indicators[0].findall("period")
    assert [(p.find("target").get("value"), p.find("actual").get("value")) for p in periods] == [
        ("200.00", "90.00"),
        ("200.00", "150.00"),
    ]
    assert periods[0].findtext("actual/comment/narrative") == "Ош"
    # Without values, the indicator has one period over the project's dates, with its target.
    (period,) = indicators[1].findall("period")
    assert period.find("actual") is None and period.find("target").get("value") == "40.00"


def test_a_minimal_project_is_valid_iati(schema, kz_ngo, coordinator):
    project = project_create(actor=coordinator, lead=kz_ngo, title="Проект")

    document = valid(schema, export())

    (activity,) = document.findall("iati-activity")
    assert activity.findtext("iati-identifier") == f"XM-BIRGE-{kz_ngo.slug}-{project.slug}"
    # The standard asks for a description and a date: the title, and the day the project was started.
    assert activity.findtext("description/narrative") == "Проект"
    dates = [(date.get("type"), date.get("iso-date")) for date in activity.findall("activity-date")]
    assert dates == [("1", timezone.localdate(project.created_at).isoformat())]
    assert activity.find("recipient-country").get("percentage") is None  # one country: all of it
    assert activity.find("budget") is None and activity.find("result") is None


def test_private_projects_are_never_exported(
    schema, project, private_project, kg_ngo, kg_owner, secret_network, client, tj_owner
):
    secret = project_create(actor=kg_owner, lead=kg_ngo, title="Убежища", network=secret_network)

    document = valid(schema, export())

    identifiers = [activity.findtext("iati-identifier") for activity in document.findall("iati-activity")]
    assert identifiers == [f"XM-BIRGE-{project.lead.slug}-{project.slug}"]
    client.force_login(tj_owner)  # a partner of the private project: not even for them
    for hidden in (private_project, secret):
        assert client.get(f"/en/projects/{hidden.slug}/iati.xml").status_code == 404
    assert private_project.title not in client.get("/en/projects/iati.xml").content.decode()


def test_the_export_of_one_organization_and_of_one_project(
    schema, project, kz_ngo, tj_ngo, coordinator, client
):
    other = project_create(actor=coordinator, lead=kz_ngo, title="Другой проект")

    response = client.get("/en/projects/iati.xml", {"organization": "org-nothing"})
    assert response.status_code == 200 and b"<iati-activity " not in response.content
    kyrgyz = valid(
        schema,
        client.get(
            "/en/projects/iati.xml", {"organization": project.partners.last().organization.slug}
        ).content,
    )
    assert [a.findtext("iati-identifier") for a in kyrgyz.findall("iati-activity")] == [
        f"XM-BIRGE-{kz_ngo.slug}-{project.slug}"
    ]
    response = client.get(f"/en/projects/{other.slug}/iati.xml")
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert "public" in response["Cache-Control"]
    single = valid(schema, response.content)
    assert [a.findtext("iati-identifier") for a in single.findall("iati-activity")] == [
        f"XM-BIRGE-{kz_ngo.slug}-{other.slug}"
    ]


def test_each_kind_of_organization_has_its_iati_type(reference):
    expected = {
        Kind.CSO: "22",
        Kind.INTERNATIONAL: "21",
        Kind.GOVERNMENT: "10",
        Kind.ACADEMIC: "80",
        Kind.DONOR: "60",
        Kind.BUSINESS: "70",
        Kind.MEDIA: "90",
    }
    for kind, code in expected.items():
        assert organization_type(OrganizationFactory.build(kind=kind, legal_form="")) == code
    local = OrganizationFactory.build(kind=Kind.GOVERNMENT, legal_form=LegalForm.LOCAL_GOVERNMENT)
    assert organization_type(local) == "11"


def test_a_budget_is_spread_over_years_of_at_most_a_year():
    periods = yearly_budgets(Decimal("1000.00"), dt.date(2024, 3, 1), dt.date(2026, 2, 28))
    assert [(start.isoformat(), end.isoformat()) for start, end, _amount in periods] == [
        ("2024-03-01", "2025-02-28"),
        ("2025-03-01", "2026-02-28"),
    ]
    assert sum(amount for _start, _end, amount in periods) == Decimal("1000.00")
    (whole,) = yearly_budgets(Decimal("10"), dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    assert whole[2] == Decimal("10")
