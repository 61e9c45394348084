"""A version as DOCX and PDF: the network's name, the version, its status, every section and the actions."""

import io

import pytest
from docx import Document

from birge.networks.charter import exports
from birge.networks.charter.reads import action_rows
from birge.networks.charter.services import charter_adopt
from birge.networks.permissions import NetworkViewer

from .factories import PURPOSE, TEXTS, action, decision_adopting, save

pytestmark = pytest.mark.usefixtures("in_english")
NAME = "Сеть по трудовой миграции"


def charter_of(network, version, who):
    return exports.Charter(network, version, action_rows([version], NetworkViewer.of(who))[version.pk])


def page_text(document) -> str:
    """The text WeasyPrint laid out on the pages, line by line."""
    lines = []

    def walk(box):
        if hasattr(box, "text"):
            lines.append(box.text)
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return "\n".join(lines)


@pytest.fixture
def version(network, coordinator, kg_ngo):
    return save(
        network,
        coordinator,
        actions=[action(owner=kg_ngo), action("Обучение юристов", due_on=None, status="underway")],
        note="Первая редакция",
    )


def test_the_docx_holds_every_section_and_the_actions(network, coordinator, version):
    document = Document(io.BytesIO(exports.docx_bytes(charter_of(network, version, coordinator))))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:3] == [NAME, "Charter. Version 1, draft", "Первая редакция"]
    for label, text in zip(
        ["Purpose", "Goals", "Objectives", "Governance", "Membership rules", "Communication policy"],
        TEXTS.values(),
        strict=True,
    ):
        assert paragraphs[paragraphs.index(label) + 1] == text
    [table] = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Action", "Owner", "Due", "Status"],
        ["Карта потребностей", "Мигрант Ордо", "09/01/2026", "planned"],
        ["Обучение юристов", "—", "—", "under way"],
    ]
    assert document.core_properties.title == f"Charter: {NAME}"


def test_an_adopted_version_says_so(network, coordinator, version):
    charter_adopt(decision=decision_adopting(version))
    version.refresh_from_db()
    document = Document(io.BytesIO(exports.docx_bytes(charter_of(network, version, coordinator))))
    assert document.paragraphs[1].text.startswith("Charter. Version 1, adopted on ")


def test_the_pdf_draws_the_texts_in_a_font_with_every_letter_of_the_region(network, coordinator, version):
    document = exports.pdf_document(charter_of(network, version, coordinator))
    text = page_text(document)
    assert NAME in text and "Version 1, draft" in text and "Мигрант Ордо" in text
    # The purpose names Kazakh, Tajik, Kyrgyz, Turkmen and Azerbaijani letters: each is on the page.
    assert all(word in text for word in ("Қазақстан", "Тоҷикистон", "ң, ө, ү", "Türkmenistan", "Azərbaycan"))
    assert PURPOSE.split()[0] in text
    pdf = document.write_pdf()
    assert pdf.startswith(b"%PDF-")
    assert document.fonts and all(b"DejaVu" in font.name for font in document.fonts.values())


def test_the_pdf_fetches_nothing(network, coordinator, version, monkeypatch):
    version.purpose = '<img src="http://127.0.0.1:9/x.png"> <link rel=stylesheet href="file:///etc/passwd">'
    html = exports.pdf_html(charter_of(network, version, coordinator))
    # A text is text: escaped, it refers to nothing.
    assert "&lt;img src=&quot;http://127.0.0.1:9/x.png&quot;&gt;" in html and "<img" not in html
    # And the fetcher refuses whatever a document might still name, without opening it.
    from weasyprint.urls import URLFetcher

    opened = []
    monkeypatch.setattr(URLFetcher, "open", lambda self, *args, **kwargs: opened.append(args))
    fetcher = exports.refusing_fetcher()
    for url in ("http://127.0.0.1:9/x.png", "file:///etc/passwd", "data:text/css,p{}"):
        with pytest.raises(ValueError):
            fetcher(url)
    assert opened == []


def test_file_names_are_ascii_with_the_full_name_beside(network, coordinator, version):
    ascii_name, full = exports.filename(charter_of(network, version, coordinator), "pdf")
    assert ascii_name == f"charter-{network.slug}-1.pdf" and ascii_name.isascii()
    assert full == f"{NAME} — charter 1.pdf"
    response = exports.attachment(b"%PDF-1.7", exports.PDF, (ascii_name, full))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''"
        "%D0%A1%D0%B5%D1%82%D1%8C%20%D0%BF%D0%BE%20%D1%82%D1%80%D1%83%D0%B4%D0%BE%D0%B2%D0%BE%D0%B9%20"
        "%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D0%B8%20%E2%80%94%20charter%201.pdf"
    )
