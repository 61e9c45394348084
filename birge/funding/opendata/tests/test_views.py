"""The downloads: each format under the register's address, with the register's filters, the same for every
visitor (no session read, no cookie, cacheable by anyone), and nothing in them that is not an award or that
names a person."""

import io
import json

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from birge.funding.awards.models import Award
from birge.funding.opendata import ocds, threesixty, views
from birge.funding.opendata.tests import standards
from birge.funding.opendata.threesixty import TITLES

pytestmark = pytest.mark.django_db

DOWNLOADS = {
    "grants_json": ("application/json", "birge-360giving.json"),
    "grants_csv": ("text/csv; charset=utf-8", "birge-360giving.csv"),
    "grants_xlsx": (views.XLSX, "birge-360giving.xlsx"),
    "ocds": ("application/json", "birge-ocds.json"),
}


def text_of(name: str, body: bytes) -> str:
    """What a download says, as text: the JSON and CSV decoded, every cell of the workbook."""
    if name == "grants_xlsx":
        workbook = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return body.decode("utf-8-sig")


def test_the_downloads_live_under_the_register():
    assert reverse("register:grants_json") == "/ru/register/360giving.json"
    assert reverse("register:grants_csv") == "/ru/register/360giving.csv"
    assert reverse("register:grants_xlsx") == "/ru/register/360giving.xlsx"
    assert reverse("register:ocds") == "/ru/register/ocds.json"


@pytest.mark.parametrize("name", DOWNLOADS)
def test_each_download_is_a_file_anyone_may_cache(client, register, name):
    content_type, filename = DOWNLOADS[name]
    response = client.get(reverse(f"register:{name}"))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=3600"}
    assert not response.cookies


@pytest.mark.parametrize("name", DOWNLOADS)
def test_a_download_neither_reads_the_session_nor_asks_who_is_visiting(register, name):
    class Untouchable:
        def __getattr__(self, attribute):
            raise AssertionError(f"the view read request.session or request.user ({attribute})")

        def __getitem__(self, key):
            raise AssertionError(f"the view read request.session ({key})")

    request = RequestFactory().get(reverse(f"register:{name}"))
    request.session = Untouchable()
    request.user = Untouchable()
    response = getattr(views, {"ocds": "contracts_json"}.get(name, name))(request)
    assert response.status_code == 200


def test_a_signed_in_visitor_gets_the_same_public_file(alice_client, register):
    response = alice_client.get(reverse("register:grants_json"))
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=3600"}
    assert len(json.loads(response.content)["grants"]) == len(register.grants)


def test_only_reading_is_allowed(client, register):
    assert client.post(reverse("register:grants_json")).status_code == 405
    assert client.head(reverse("register:ocds")).status_code == 200


def test_the_downloads_are_valid_and_name_their_own_address(client, register):
    grants = json.loads(client.get(reverse("register:grants_json"), {"year": "2026"}).content)
    assert standards.errors(standards.GRANTS, grants) == []
    assert grants["grants"][0]["dataSource"] == "http://127.0.0.1:8000/ru/register/360giving.json?year=2026"
    contracts = json.loads(client.get(reverse("register:ocds")).content)
    assert standards.errors(standards.RELEASES, contracts) == []
    assert contracts["uri"] == "http://127.0.0.1:8000/ru/register/ocds.json"


def test_the_registers_filters_apply(client, register):
    ministry = register.grant_call.program.operator.slug
    grants = json.loads(client.get(reverse("register:grants_json"), {"operator": ministry}).content)
    contracts = json.loads(client.get(reverse("register:ocds"), {"operator": ministry}).content)
    assert len(grants["grants"]) == len(register.grants)
    assert contracts["releases"] == []
    grants = json.loads(client.get(reverse("register:grants_json"), {"operator": "akimat-almaty"}).content)
    contracts = json.loads(client.get(reverse("register:ocds"), {"operator": "akimat-almaty"}).content)
    assert grants["grants"] == []
    assert len(contracts["releases"]) == 1 + 2 * len(register.contracts)


def test_the_spreadsheets_have_the_standards_header(client, register):
    csv_text = client.get(reverse("register:grants_csv")).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == ",".join(f'"{title}"' if "," in title else title for title in TITLES)
    sheet = load_workbook(io.BytesIO(client.get(reverse("register:grants_xlsx")).content), read_only=True)
    assert list(next(sheet["grants"].iter_rows(values_only=True))) == TITLES


def test_no_download_names_a_person_or_their_project(client, register):
    for name in DOWNLOADS:
        text = text_of(name, client.get(reverse(f"register:{name}")).content)
        # The search reads the files as their readers do: organizations' names are there, in Cyrillic.
        assert ("Жастар бірлігі" in text) or ("Забота" in text), name
        for private in register.private:
            assert private not in text, f"{private!r} in {name}"


def test_nothing_of_an_application_without_an_award_is_in_any_download(client, register):
    for name in DOWNLOADS:
        text = text_of(name, client.get(reverse(f"register:{name}")).content)
        for unawarded in register.unawarded:
            assert unawarded not in text, f"{unawarded!r} in {name}"
        # Their amounts (7 777 777 each) neither: only awards are counted.
        assert "7777777" not in text, name


def queries(client, name: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse(f"register:{name}")).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", DOWNLOADS)
def test_a_download_runs_as_many_queries_for_six_awards_as_for_two(client, register, more_awards, name):
    # Down to two awards (a grant and a social contract), then up to six.
    keep = [register.with_identifier.pk, register.contract_with_lot.pk]
    Award.objects.exclude(pk__in=keep).delete()
    few = queries(client, name)
    more_awards(4)
    assert Award.objects.count() == 6
    assert queries(client, name) == few
    assert few <= 3


def exports() -> None:
    everything = Award.objects.all()  # no related rows selected: the exports select what they read
    package = threesixty.grants_package(everything, source_url="https://birge.example/360giving.json")
    threesixty.grants_csv(package)
    threesixty.grants_xlsx(package)
    ocds.release_package(everything, uri="https://birge.example/ocds.json")


def test_the_exports_run_as_many_queries_for_six_awards_in_six_calls_as_for_two(register, more_awards):
    keep = [register.with_identifier.pk, register.contract_with_lot.pk]
    Award.objects.exclude(pk__in=keep).delete()
    with CaptureQueriesContext(connection) as few:
        exports()
    more_awards(4)
    assert Award.objects.count() == 6
    with CaptureQueriesContext(connection) as more:
        exports()
    assert len(more.captured_queries) == len(few.captured_queries) <= 3
