import io
import re
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook
from PIL import Image

from birge.core import uploads
from birge.core.uploads import KINDS, safe_filename, validate_document

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def upload(content: bytes, name: str = "document.bin", content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format=fmt)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, members.pop(stored_first), compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def content_types(main_part: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/word/document.xml" ContentType="{main_part}"/></Types>'
    ).encode()


def docx_bytes(**extra: bytes) -> bytes:
    return zip_bytes(
        {"[Content_Types].xml": content_types(DOCX_MAIN), "word/document.xml": b"<w:document/>"} | extra
    )


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Организация", "Страна"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    return zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<office:document-content/>",
        },
        stored_first="mimetype",
    )


def refusal(file) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_document(file)
    return caught.value


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "pdf"),
        (image_bytes("PNG"), "png"),
        (image_bytes("JPEG"), "jpeg"),
        (image_bytes("WEBP"), "webp"),
        (docx_bytes(), "docx"),
        (xlsx_bytes(), "xlsx"),
        (odt_bytes(), "odt"),
    ],
)
def test_each_accepted_kind_is_recognized_by_its_content(content, kind):
    file = upload(content)
    assert validate_document(file) == kind
    assert file.tell() == 0  # ready to be saved


def test_the_content_wins_over_the_name_and_the_browsers_type():
    assert validate_document(upload(b"%PDF-1.4 ...", "scan.png", "image/png")) == "pdf"


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "statement.pdf", "application/pdf"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
            "logo.png",
            "image/png",
        ),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "report.docx", DOCX_MAIN),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "report.pdf", "application/pdf"),
        (b"GIF89a\x01\x00\x01\x00", "photo.jpg", "image/jpeg"),
        (b"just some text that claims to be a PDF", "text.pdf", "application/pdf"),
        (b" %PDF-1.4 preceded by a space", "a.pdf", "application/pdf"),
    ],
)
def test_disguised_files_are_refused_with_the_accepted_kinds_listed(content, name, content_type):
    error = refusal(upload(content, name, content_type))
    assert error.code == "unsupported"
    assert "PDF, PNG, JPEG, WebP, DOCX, XLSX, ODT" in error.messages[0]


@pytest.mark.parametrize(
    "content",
    [
        zip_bytes({"readme.txt": b"a plain zip archive"}),
        zip_bytes(
            {"[Content_Types].xml": content_types("application/vnd.ms-word.document.macroEnabled.main+xml")}
        ),
        zip_bytes(
            {"[Content_Types].xml": content_types("application/vnd.ms-excel.sheet.macroEnabled.main+xml")}
        ),
        docx_bytes(**{"word/vbaProject.bin": b"macro"}),
        zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}, stored_first="mimetype"),
        b"PK\x03\x04" + b"not really a zip" * 10,
    ],
)
def test_other_archives_macros_and_broken_zips_are_refused(content):
    assert refusal(upload(content, "report.docx")).code == "unsupported"


def test_an_archive_with_too_many_members_is_refused_as_a_zip_bomb():
    members = {f"word/part{i}.xml": b"" for i in range(uploads.MAX_ZIP_MEMBERS + 1)}
    error = refusal(upload(docx_bytes(**members)))
    assert error.code == "zip_bomb" and "possibly harmful" in error.messages[0]


def test_an_archive_that_unpacks_too_large_is_refused_as_a_zip_bomb(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ZIP_UNPACKED_BYTES", 1024 * 1024)
    content = docx_bytes(**{"word/media/zeros.bin": b"\x00" * (2 * 1024 * 1024)})
    assert len(content) < 20_000  # small on the wire, large once unpacked
    assert refusal(upload(content)).code == "zip_bomb"


def test_an_empty_file_is_refused():
    error = refusal(upload(b""))
    assert error.code == "empty" and error.messages == ["The file is empty."]


def test_a_file_over_the_default_limit_is_refused_with_both_sizes():
    content = b"%PDF-1.7\n" + b"0" * (uploads.DEFAULT_MAX_DOCUMENT_BYTES - 8)
    error = refusal(upload(content))
    assert error.code == "too_large"
    assert re.search(r"at most 10\.0.MB", error.messages[0])


def test_the_limit_comes_from_the_settings(settings):
    settings.BIRGE_MAX_DOCUMENT_BYTES = 1000
    pdf = b"%PDF-1.7\n"
    assert validate_document(upload(pdf + b"0" * (1000 - len(pdf)))) == "pdf"
    assert refusal(upload(pdf + b"0" * (1001 - len(pdf)))).code == "too_large"


def test_a_plain_file_object_is_measured_and_rewound():
    file = io.BytesIO(image_bytes("PNG"))
    assert validate_document(file) == "png" and file.tell() == 0


class EvidenceForm(forms.Form):
    document = forms.FileField(validators=[validate_document])


def test_it_works_as_a_form_field_validator():
    accepted = EvidenceForm(files={"document": upload(b"%PDF-1.7 ...", "statement.pdf")})
    refused = EvidenceForm(files={"document": upload(b"<html></html>", "statement.pdf")})
    assert accepted.is_valid()
    assert not refused.is_valid() and "not one of the document types" in refused.errors["document"][0]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_safe_filenames_are_random_with_the_extension_of_the_kind(kind):
    first, second = safe_filename(kind), safe_filename(kind)
    assert first != second
    assert re.fullmatch(r"[0-9a-f]{32}" + re.escape(KINDS[kind].extension), first)


def test_safe_filename_refuses_an_unknown_kind():
    with pytest.raises(KeyError):
        safe_filename("html")
