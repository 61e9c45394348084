"""Grants as 360Giving: valid against the standard's own schema with formats checked, each kind of recipient
identified as the standard asks, and the spreadsheets saying what the JSON says."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from jsonschema import Draft4Validator, Draft202012Validator
from openpyxl import load_workbook

from birge.core.notifications.emails import absolute_url
from birge.funding.awards.models import Award
from birge.funding.opendata import common
from birge.funding.opendata.tests import standards
from birge.funding.opendata.threesixty import TITLES, grant_rows, grants_csv, grants_package, grants_xlsx
from birge.funding.programs.models import Mechanism

pytestmark = pytest.mark.django_db

SOURCE = "https://birge.example/ru/register/360giving.json?year=2026"


def package() -> dict:
    # Through JSON and back: what is checked is what a download holds.
    return json.loads(json.dumps(grants_package(Award.objects.all(), source_url=SOURCE)))


def by_id(grants: list[dict]) -> dict[str, dict]:
    return {grant["id"]: grant for grant in grants}


def grant_id(award: Award) -> str:
    return f"360G-birge-{award.pk}"


def awarded_grants() -> Decimal:
    return Award.objects.exclude(application__call__program__mechanism=Mechanism.SOCIAL_CONTRACT).aggregate(
        total=Sum("amount")
    )["total"]


def test_the_format_checkers_really_check_dates_and_addresses():
    # 360Giving's dates are "a date-time, or a plain date": without a working date-time check, a plain date
    # matches both branches of that oneOf and valid data fails, while a broken URL would pass.
    for cls in (Draft202012Validator, Draft4Validator):
        checker = cls.FORMAT_CHECKER
        assert checker.conforms("2026-03-02T10:00:00+05:00", "date-time")
        assert not checker.conforms("2026-03-02", "date-time")
        assert not checker.conforms("2026-03-02T10:00:00", "date-time")  # no offset
        assert checker.conforms("https://birge.example/ru/register/awards/1/", "uri")
        assert not checker.conforms("birge.example/awards 1", "uri")


def test_the_validator_finds_what_is_wrong_in_a_grant(register):
    data = package()
    del data["grants"][0]["fundingOrganization"]
    data["grants"][1]["awardDate"] = "02.03.2026"
    data["grants"][2]["url"] = "not an address"
    data["grants"][3]["currency"] = "XYZ"
    assert len(standards.errors(standards.GRANTS, data)) >= 4


def test_the_grants_are_valid_360giving(register):
    data = package()
    assert standards.errors(standards.GRANTS, data) == []
    assert data["version"] == "1.4"
    assert data["publisher"]["name"] == "Birge"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_every_grant_but_the_social_contracts_is_in_the_package_once(register):
    grants = package()["grants"]
    assert sorted(grant["id"] for grant in grants) == sorted(grant_id(award) for award in register.grants)
    assert sum(Decimal(str(grant["amountAwarded"])) for grant in grants) == awarded_grants()


def test_an_organization_with_an_identifier_is_named_by_it(register):
    grant = by_id(package()["grants"])[grant_id(register.with_identifier)]
    operator = register.grant_call.program.operator
    assert grant["recipientOrganization"] == [{"id": "KZ-BIN-123456789012", "name": "Жастар бірлігі"}]
    assert "recipientIndividual" not in grant
    # The ministry has no identifier yet: one under Birge's prefix, from its address on the platform.
    assert grant["fundingOrganization"] == [
        {"id": f"360G-birge-ORG-{operator.slug}", "name": "Министерство культуры"}
    ]
    assert grant["title"] == "Школа молодых лидеров"
    assert "Школа молодых лидеров" in grant["description"]
    assert "Молодёжные инициативы 2026" in grant["description"]
    assert grant["amountAwarded"] == 2500000
    assert grant["amountAppliedFor"] == 3000000
    assert grant["currency"] == "KZT"
    assert grant["grantProgramme"] == [
        {"code": register.grant_call.program.slug, "title": register.grant_call.program.title}
    ]


def test_an_organization_without_an_identifier_gets_one_under_birges_prefix(register):
    award = register.without_identifier
    grant = by_id(package()["grants"])[grant_id(award)]
    assert grant["recipientOrganization"] == [{"id": "360G-birge-ORG-eco-aul", "name": "Эко-аул"}]
    assert grant["amountAwarded"] == 1200000.5
    assert grant["amountAppliedFor"] == 1200000.5
    assert grant["beneficiaryLocation"] == [{"name": award.region.name, "countryCode": "KZ"}]


def test_a_grant_has_its_dates_its_register_entry_and_its_source(register):
    award = register.with_identifier
    grant = by_id(package()["grants"])[grant_id(award)]
    assert grant["awardDate"] == "2026-03-02"
    assert grant["plannedDates"] == [{"startDate": "2026-03-16", "endDate": "2026-11-27"}]
    assert grant["url"] == absolute_url(reverse("register:award", args=[award.pk]))
    assert grant["url"].startswith("http")
    assert grant["dataSource"] == SOURCE
    assert grant["dateModified"] == common.moment(award.updated_at)
    assert grant["fromOpenCall"] == "Yes"


def test_a_person_is_an_anonymous_individual_recipient_located_by_region_and_country(register):
    grants = by_id(package()["grants"])
    person, group = register.person, register.group
    for award in (person, group):
        grant = grants[grant_id(award)]
        assert grant["recipientIndividual"] == {
            "id": f"360G-birge-IND-{award.pk:06d}",
            "name": common.individual_name(),
        }
        assert "recipientOrganization" not in grant
        # The project's title names its author: neither title nor description repeats it.
        assert award.title not in grant["title"]
        assert award.title not in grant["description"]
        assert grant["description"]
    assert grants[grant_id(person)]["beneficiaryLocation"] == [
        {"name": person.region.name, "countryCode": "KZ"}
    ]
    # The group gave no region: the country alone.
    assert grants[grant_id(group)]["beneficiaryLocation"] == [{"countryCode": "KZ"}]


def test_the_prefix_comes_from_the_settings(register, settings):
    settings.BIRGE_360G_PREFIX = "360G-example"
    grants = by_id(package()["grants"])
    assert f"360G-example-{register.person.pk}" in grants
    assert grants[f"360G-example-{register.person.pk}"]["recipientIndividual"]["id"].startswith(
        "360G-example-IND-"
    )
    assert grants[f"360G-example-{register.without_identifier.pk}"]["recipientOrganization"][0]["id"] == (
        "360G-example-ORG-eco-aul"
    )


def test_two_downloads_of_unchanged_data_are_the_same_file(register):
    first, second = package(), package()
    assert first == second
    newest = max(award.updated_at for award in Award.objects.all() if award in register.grants)
    assert first["modified"] == common.moment(newest)


def flattened_titles() -> set[str]:
    """The spreadsheet titles the standard defines: a field's title, or a field's title and one of its
    members' joined by ":" ("Recipient Org:Identifier")."""
    grant = standards.load("360-giving-schema.json")
    definitions = grant["$defs"]

    def target(node: dict) -> dict:
        ref = node.get("$ref") or node.get("items", {}).get("$ref")
        return definitions[ref.rsplit("/", 1)[-1]] if ref else node.get("items", node)

    titles = set()
    for prop in grant["properties"].values():
        inner = target(prop)
        title = prop.get("title") or inner.get("title")
        titles.add(title)
        for member in inner.get("properties", {}).values():
            if "title" in member:
                titles.add(f"{title}:{member['title']}")
    return titles


def test_the_columns_are_the_standards_titles():
    assert set(TITLES) <= flattened_titles()
    assert TITLES[:6] == [
        "Identifier",
        "Title",
        "Description",
        "Currency",
        "Amount Applied For",
        "Amount Awarded",
    ]
    for title in ("Recipient Org:Identifier", "Recipient Ind:Identifier", "Funding Org:Identifier"):
        assert title in TITLES


def test_the_rows_say_what_the_json_says(register):
    data = package()
    rows = {row["Identifier"]: row for row in grant_rows(data["grants"])}
    assert len(rows) == len(register.grants)
    named = rows[grant_id(register.with_identifier)]
    assert named["Recipient Org:Identifier"] == "KZ-BIN-123456789012"
    assert named["Recipient Ind:Identifier"] is None
    assert named["Planned Dates:Start Date"] == "2026-03-16"
    person = rows[grant_id(register.person)]
    assert person["Recipient Org:Identifier"] is None
    assert person["Recipient Ind:Identifier"] == f"360G-birge-IND-{register.person.pk:06d}"
    assert person["Beneficiary Location:Country Code"] == "KZ"


def test_the_csv_has_the_standards_header_and_reconciles_with_the_database(register):
    body = grants_csv(package())
    assert body.startswith("\ufeff".encode())  # so that Excel reads Cyrillic as UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == TITLES
    records = [dict(zip(TITLES, row, strict=True)) for row in rows[1:]]
    assert len(records) == len(register.grants)
    assert sum(Decimal(record["Amount Awarded"]) for record in records) == awarded_grants()
    assert {record["Recipient Org:Name"] for record in records} >= {"Жастар бірлігі", "Эко-аул"}


def test_the_xlsx_has_the_standards_header_and_reconciles_with_the_database(register):
    sheet = load_workbook(io.BytesIO(grants_xlsx(package())), read_only=True)["grants"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == TITLES
    records = [dict(zip(TITLES, row, strict=True)) for row in rows[1:]]
    assert len(records) == len(register.grants)
    assert all(isinstance(record["Amount Awarded"], int | float) for record in records)
    assert sum(Decimal(str(record["Amount Awarded"])) for record in records) == awarded_grants()


def test_a_title_that_a_spreadsheet_would_run_is_kept_as_text(register):
    Award.objects.filter(pk=register.with_identifier.pk).update(title='=HYPERLINK("http://evil.example")')
    data = package()
    csv_rows = list(csv.reader(io.StringIO(grants_csv(data).decode("utf-8-sig"))))
    titles = {row[1] for row in csv_rows[1:]}
    assert '\'=HYPERLINK("http://evil.example")' in titles
    sheet = load_workbook(io.BytesIO(grants_xlsx(data)))["grants"]
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    formula = next(cell for cell in cells if "HYPERLINK" in str(cell.value))
    assert formula.data_type == "s"
    assert formula.value.startswith("'=")
