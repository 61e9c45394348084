"""Writers for the directory export, CSV and XLSX. They only format: which rows a person may export is
decided before, by `Organization.objects.visible_to(user)`.

Exported values are text typed by users and opened in a spreadsheet by someone else, so a value that a
spreadsheet would run as a formula (`=HYPERLINK(...)`, `+cmd|...`) is neutralized in both formats.
"""

import csv
import datetime
import io
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

Columns = Sequence[tuple[str, Any]]  # (key in each row, label: usually a lazy translation)
Rows = Iterable[Mapping[str, Any]]

# What Excel, LibreOffice and Google Sheets take as the start of a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Lists inside a cell (thematic areas, working languages) are joined with this.
LIST_SEPARATOR = "; "

# Column widths come from the header and the first rows, not from all of them: the rows are streamed.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_TITLE_MAX = 31


def neutralize(text: str) -> str:
    """A leading apostrophe makes a spreadsheet show the text as it is instead of evaluating it."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _plain(value: Any) -> Any:
    """A value as a spreadsheet cell holds it: text, a number, a date or nothing."""
    if value is None:
        return None
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)  # a stable order, so two exports of the same data are equal
    if isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, str):
        return neutralize(value)
    # Numbers stay numbers (a negative one is no formula), dates stay dates; datetime is a date too.
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    return neutralize(str(value))  # a UUID, a model instance: its text


def _csv_text(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(columns: Columns, rows: Rows) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads Cyrillic, Tajik and Azerbaijani letters correctly
    (without it, Excel assumes the local ANSI code page)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralize(str(label)) for _key, label in columns])
    for row in rows:
        writer.writerow([_csv_text(row.get(key)) for key, _label in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, str):
        # Control characters are not allowed in the XML of a sheet; openpyxl would raise on them.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Excel has no time zones: the reader sees the site's local time.
        return timezone.make_naive(value)
    return value


def sheet_title(title: str) -> str:
    """A title Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = _SHEET_TITLE_FORBIDDEN.sub(" ", str(title)).strip()[:_SHEET_TITLE_MAX].strip()
    return cleaned or "Sheet1"


def _column_widths(columns: Columns, sample: list[Mapping[str, Any]]) -> list[int]:
    widths = []
    for key, label in columns:
        texts = [str(label)] + [_csv_text(row.get(key)) for row in sample]
        longest = max(len(line) for text in texts for line in text.splitlines() or [""])
        widths.append(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
    return widths


def write_xlsx(columns: Columns, rows: Rows, *, title: str = "Sheet1") -> bytes:
    """One sheet named `title`, a bold header row that stays in view, then one row per item. Written in
    openpyxl's write-only mode, which streams rows instead of keeping every cell in memory."""
    rows = iter(rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    # In write-only mode, widths and the frozen pane must be set before the first row is written.
    for index, width in enumerate(_column_widths(columns, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_header_cells(sheet, columns))
    for row in itertools.chain(sample, rows):
        sheet.append([_xlsx_value(row.get(key)) for key, _label in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_cells(sheet, columns: Columns) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for _key, label in columns:
        cell = WriteOnlyCell(sheet, value=_xlsx_value(str(label)))
        cell.font = bold
        cells.append(cell)
    return cells
