import csv
import io

import openpyxl
import pytest

from birge.core.testing import assert_within_budget
from birge.orgs.search import index_organizations
from birge.orgs.tests.factories import OrganizationFactory


@pytest.fixture
def many(reference):
    def make(count: int):
        organizations = [
            OrganizationFactory(name_en=f"Org {n}", description_ru="Помощь детям") for n in range(count)
        ]
        index_organizations([o.pk for o in organizations])
        return organizations

    return make


def test_directory_stays_within_budget_with_a_full_page(client, many):
    many(25)
    response = client.get("/ru/orgs/")
    assert response.status_code == 200
    assert_within_budget(response)
    assert response.content.decode().count('class="org"') == 20


def test_unknown_filter_values_are_named_and_change_nothing(client, many):
    many(2)
    response = client.get("/ru/orgs/", {"country": "XX", "kind": "pirates", "sort": "drop table"})
    body = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in body
    assert "XX" in body and "pirates" in body
    assert body.count('class="org"') == 2


def test_the_url_holds_the_whole_query(client, many):
    many(1)
    body = client.get(
        "/ru/orgs/", {"q": "Помощь", "country": "KZ", "verified": "", "sort": "name"}
    ).content.decode()
    assert 'value="Помощь"' in body and '<option value="KZ" selected' in body


def test_empty_state_says_what_to_try(client, reference):
    body = client.get("/en/orgs/", {"q": "nothing-like-this"}).content.decode()
    assert "No organization matches" in body


def test_csv_and_xlsx_exports_carry_public_fields_only(client, many):
    organization = many(1)[0]
    csv_response = client.get("/ru/orgs/export.csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and organization.name in rows[1]
    assert organization.phone not in csv_response.content.decode("utf-8-sig")
    xlsx = client.get("/ru/orgs/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert organization.name in values and organization.phone not in values and 70 not in values
