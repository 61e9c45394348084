"""A version of the charter as a file: DOCX (python-docx) for editing elsewhere, PDF (WeasyPrint) for
reading and printing. Both hold the network's name, the version's number, its adoption date or "draft",
every section and the actions as a table.

WeasyPrint needs Pango from the system, so it is imported only when a PDF is asked for. The PDF names DejaVu
Sans, which has every letter of the six languages (Cyrillic with the Kazakh, Kyrgyz and Tajik letters, and
the Latin letters of Turkmen, Azerbaijani and Uzbek), and fetches nothing: the document refers to no file,
and a URL fetcher refuses anything anyway."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from birge.networks.charter.models import CharterVersion
from birge.networks.charter.reads import ActionRow, sections_of
from birge.networks.networks.models import Network

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Charter:
    """What an export holds, in the words of the page's language."""

    network: Network
    version: CharterVersion
    actions: list[ActionRow]

    @property
    def title(self) -> str:
        return _("Charter")

    @property
    def status(self) -> str:
        if self.version.adopted_at is None:
            return _("draft")
        adopted = formats.date_format(timezone.localtime(self.version.adopted_at).date(), "DATE_FORMAT")
        return _("adopted on %(date)s") % {"date": adopted}

    @property
    def heading(self) -> str:
        return _("Version %(number)s, %(status)s") % {"number": self.version.number, "status": self.status}

    @property
    def sections(self) -> list[tuple[str, str, str]]:
        return sections_of(self.version)

    @property
    def columns(self) -> list[str]:
        return [_("Action"), _("Owner"), _("Due"), _("Status")]

    def cells(self, row: ActionRow) -> list[str]:
        due = formats.date_format(row.due_on, "SHORT_DATE_FORMAT") if row.due_on else "—"
        return [row.title, str(row.owner) if row.owner else "—", due, row.status_label]

    @property
    def rows(self) -> list[list[str]]:
        return [self.cells(row) for row in self.actions]


def filename(charter: Charter, extension: str) -> tuple[str, str]:
    """(an ASCII name any client takes, the full name in the network's own letters)."""
    slug = re.sub(r"[^A-Za-z0-9-]+", "-", charter.network.slug).strip("-") or "network"
    ascii_name = f"charter-{slug}-{charter.version.number}.{extension}"
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', " ", charter.network.name).strip()
    full = f"{name} — {_('charter')} {charter.version.number}.{extension}"
    return ascii_name, full


def attachment(content: bytes, content_type: str, names: tuple[str, str]) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    ascii_name, full = names
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(full, safe='')}"
    )
    response["Content-Length"] = str(len(content))
    return response


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def docx_bytes(charter: Charter) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    document.core_properties.title = f"{charter.title}: {charter.network.name}"
    document.core_properties.language = charter.network.language
    document.add_heading(charter.network.name, level=0)
    document.add_paragraph(f"{charter.title}. {charter.heading}")
    if charter.version.note:
        document.add_paragraph(charter.version.note)
    for _name, label, text in charter.sections:
        document.add_heading(label, level=1)
        lines = paragraphs(text)
        if not lines:
            document.add_paragraph("—")
        for line in lines:
            document.add_paragraph(line)
    document.add_heading(_("Actions"), level=1)
    if charter.actions:
        table = document.add_table(rows=1, cols=len(charter.columns))
        table.style = "Table Grid"
        for cell, column in zip(table.rows[0].cells, charter.columns, strict=True):
            cell.text = column
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for values in charter.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
    else:
        document.add_paragraph(_("No actions."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_html(charter: Charter) -> str:
    """The document the PDF is drawn from (a test reads its text from WeasyPrint's pages)."""
    return render_to_string("networks/charter/export.html", {"charter": charter, "font": FONT})


def refusing_fetcher():
    """A WeasyPrint URL fetcher that fetches nothing: the charter refers to no file, and anything a text
    might smuggle in is refused rather than fetched."""
    from weasyprint.urls import URLFetcher

    class NothingFetched(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"not fetched: {url[:80]}")

    return NothingFetched()


def pdf_document(charter: Charter):
    """WeasyPrint's laid-out document: `.write_pdf()` gives the bytes."""
    import weasyprint

    return weasyprint.HTML(string=pdf_html(charter), url_fetcher=refusing_fetcher()).render()


def pdf_bytes(charter: Charter) -> bytes:
    return pdf_document(charter).write_pdf()
