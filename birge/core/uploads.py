"""Validation of uploaded documents (evidence for a claim, due-diligence passport files).

The kind of a file is read from its content, never from its name or the content type the browser sent:
both are chosen by the uploader. Only kinds that cannot run script when a reader opens them in a browser
are accepted (no HTML, no SVG), and a document is always stored under a name Birge makes, so a user's file
name never reaches the disk or a Content-Disposition header.
"""

import secrets
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# Office documents are ZIP archives. A real one has tens to a few hundred members and unpacks to at most
# tens of megabytes; anything beyond these limits is refused as a possible zip bomb before it reaches a
# program that would unpack it (a preview, an antivirus, python-docx).
MAX_ZIP_MEMBERS = 1000
MAX_ZIP_UNPACKED_BYTES = 200 * 1024 * 1024
# Only two small members are read here, and never more than this, whatever their header claims.
MAX_MARKER_BYTES = 64 * 1024


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    content_type: str  # to serve the stored file with; never taken from the upload


KINDS: dict[str, DocumentKind] = {
    "pdf": DocumentKind(".pdf", "application/pdf"),
    "png": DocumentKind(".png", "image/png"),
    "jpeg": DocumentKind(".jpg", "image/jpeg"),
    "webp": DocumentKind(".webp", "image/webp"),
    "docx": DocumentKind(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": DocumentKind(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": DocumentKind(".odt", "application/vnd.oasis.opendocument.text"),
}
ACCEPTED_KINDS_TEXT = "PDF, PNG, JPEG, WebP, DOCX, XLSX, ODT"

# The main part's content type in [Content_Types].xml. The macro-enabled variants (.docm, .xlsm) declare
# other types and so are refused, as are templates.
_OOXML_MAIN_PARTS = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def max_document_bytes() -> int:
    return getattr(settings, "BIRGE_MAX_DOCUMENT_BYTES", DEFAULT_MAX_DOCUMENT_BYTES)


def validate_document(uploaded_file: File) -> str:
    """The kind of an uploaded document ("pdf", "png", "jpeg", "webp", "docx", "xlsx" or "odt"), or a
    ValidationError saying why it is refused. Works as a form field validator too. The file is left at its
    start, ready to be saved."""
    size = _size_of(uploaded_file)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = max_document_bytes()
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; documents may be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    try:
        kind = _detect(uploaded_file)
    finally:
        uploaded_file.seek(0)
    if kind is None:
        raise ValidationError(
            _(
                "The content of this file is not one of the document types we accept: %(kinds)s. Renaming a "
                "file does not change its type; save it from its program in one of these formats."
            ),
            code="unsupported",
            params={"kinds": ACCEPTED_KINDS_TEXT},
        )
    return kind


def safe_filename(kind: str) -> str:
    """A fresh random name with the extension of `kind`, to store a document under."""
    return secrets.token_hex(16) + KINDS[kind].extension


def _size_of(uploaded_file: File) -> int:
    # Django's UploadedFile counts the bytes it received; a plain file object is measured by seeking.
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, 2)
        size = uploaded_file.tell()
    return size


def _detect(uploaded_file: File) -> str | None:
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return _detect_office(uploaded_file)
    return None


def _detect_office(uploaded_file: File) -> str | None:
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            members = archive.infolist()
            _refuse_zip_bomb(members)
            names = {member.filename for member in members}
            # A macro project inside a file that claims to be a plain .docx/.xlsx: refuse it outright.
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None
            if "[Content_Types].xml" in names:
                content_types = _read_member(archive, "[Content_Types].xml")
                for kind, main_part in _OOXML_MAIN_PARTS.items():
                    if main_part in content_types:
                        return kind
                return None
            if "mimetype" in names and _read_member(archive, "mimetype").strip() == _ODT_MIMETYPE:
                return "odt"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        # A damaged archive, or one using a compression method Python does not know: not a document
        # anyone can open, so it is refused like any other unknown content.
        return None
    return None


def _refuse_zip_bomb(members: list[zipfile.ZipInfo]) -> None:
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_ZIP_UNPACKED_BYTES:
        raise ValidationError(
            _(
                "This document unpacks to %(members)d parts and %(size)s, more than a real document does; "
                "it was refused as possibly harmful. Save it again from your office program, or as PDF."
            ),
            code="zip_bomb",
            params={"members": len(members), "size": filesizeformat(unpacked)},
        )


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        return member.read(MAX_MARKER_BYTES)
