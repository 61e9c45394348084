"""Every write of a network's documents: adding a document (its first version) and adding a version.

Anyone who belongs to a member organization adds them. An upload is checked by its content (the kinds of
`birge.core.uploads`, within its size limit), images are rebuilt without their metadata
(`birge.funding.files.clean_upload`), and the file is kept in the private storage under a name Birge
makes; nothing is stored when the upload is refused."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from birge.core import checks
from birge.core.audit import record_event
from birge.core.uploads import safe_filename
from birge.funding.files import CleanFile, clean_upload
from birge.networks.documents.models import Document, DocumentVersion
from birge.networks.events import Verb
from birge.networks.networks.models import Network
from birge.networks.networks.services import require_active
from birge.networks.permissions import can_take_part

MAX_TITLE = 200
MAX_DESCRIPTION = 5000
MAX_NOTE = 300


def _file(errors: dict, uploaded) -> CleanFile | None:
    if not uploaded:
        errors["file"] = [_("Choose a file to upload.")]
        return None
    try:
        return clean_upload(uploaded)
    except ValidationError as error:
        errors["file"] = error.messages
        return None


def _store(document: Document, clean: CleanFile, number: int, actor, note: str) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        number=number,
        name=clean.name[:200] or _("document"),
        kind=clean.kind,
        size=len(clean.data),
        sha256=clean.sha256,
        note=note,
        uploaded_by=actor,
    )
    version.file.save(safe_filename(clean.kind), ContentFile(clean.data), save=False)
    version.save()
    return version


def _described(version: DocumentVersion) -> dict:
    return {"version": version.number, "kind": version.kind, "size": version.size, "sha256": version.sha256}


def document_add(
    *, actor, network: Network, title: str, description: str, uploaded, note: str = ""
) -> Document:
    """Add a document to `network`, with `uploaded` as its first version."""
    if not can_take_part(actor, network):
        raise PermissionDenied
    require_active(network)
    errors: dict[str, list[str]] = {}
    title = checks.line(errors, "title", title, limit=MAX_TITLE, required=_("Give the document a title."))
    description = checks.text(errors, "description", description, limit=MAX_DESCRIPTION)
    note = checks.line(errors, "note", note, limit=MAX_NOTE)
    clean = _file(errors, uploaded)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = Document.objects.create(
            network=network, title=title, description=description, created_by=actor, updated_at=timezone.now()
        )
        version = _store(document, clean, 1, actor, note)
        record_event(
            actor,
            Verb.DOCUMENT_ADDED,
            document,
            new={"network": network.pk, "title": document.title, **_described(version)},
        )
    return document


def document_version_add(*, actor, document: Document, uploaded, note: str = "") -> DocumentVersion:
    """Add a new version of `document`; the earlier ones are kept."""
    network = document.network
    if not can_take_part(actor, network):
        raise PermissionDenied
    require_active(network)
    errors: dict[str, list[str]] = {}
    note = checks.line(errors, "note", note, limit=MAX_NOTE)
    clean = _file(errors, uploaded)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The document's row is locked, so two versions uploaded at once get two numbers.
        Document.objects.select_for_update().filter(pk=document.pk).first()
        number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = _store(document, clean, number, actor, note)
        document.updated_at = version.uploaded_at
        document.save(update_fields=["updated_at"])
        record_event(actor, Verb.DOCUMENT_VERSION_ADDED, document, new=_described(version))
    return version
