"""Adding documents and versions: who may, what an upload may be, what is stored and recorded."""

import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from birge.core.models import Event
from birge.core.storage import private_storage
from birge.networks.documents.models import Document, DocumentVersion
from birge.networks.documents.services import document_add, document_version_add
from birge.networks.events import Verb
from birge.networks.networks.services import network_close

pytestmark = pytest.mark.usefixtures("in_english")

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
FOLDER = "networks/documents/"


def pdf(name="устав.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def stored_files() -> set[str]:
    try:
        return set(private_storage().listdir(FOLDER)[1])
    except FileNotFoundError:
        return set()


def add(actor, network, uploaded=None, title="Устав сети", description="Принят на собрании.", note=""):
    return document_add(
        actor=actor,
        network=network,
        title=title,
        description=description,
        uploaded=pdf() if uploaded is None else uploaded,
        note=note,
    )


def test_a_member_adds_a_document_kept_privately_under_a_name_birge_makes(network, kg_owner):
    before = stored_files()

    document = add(kg_owner, network)

    version = document.versions.get()
    assert (document.network, document.title, document.created_by) == (network, "Устав сети", kg_owner)
    assert (version.number, version.name, version.kind, version.size) == (1, "устав.pdf", "pdf", len(PDF))
    assert version.sha256 == hashlib.sha256(PDF).hexdigest() and version.uploaded_by == kg_owner
    assert version.file.storage is private_storage()
    assert version.file.name.startswith(FOLDER) and "устав" not in version.file.name
    assert version.file.name.endswith(".pdf") and version.file.read() == PDF
    assert len(stored_files() - before) == 1
    event = Event.objects.get(verb=Verb.DOCUMENT_ADDED)
    assert (event.actor, event.target_id) == (kg_owner, str(document.pk))
    assert event.new["version"] == 1 and event.new["sha256"] == version.sha256


def test_a_plain_member_of_a_member_organization_adds_documents_too(network, reader):
    assert add(reader, network).created_by == reader


def test_an_outsider_adds_nothing(network, outsider, secret_network, kg_owner):
    before = stored_files()
    with pytest.raises(PermissionDenied):
        add(outsider, network)
    with pytest.raises(PermissionDenied):
        add(outsider, secret_network)
    assert not Document.objects.exists() and stored_files() == before
    assert not Event.objects.filter(verb=Verb.DOCUMENT_ADDED).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "устав.pdf",
            b"<html><script>alert(1)</script></html>",
            "is not one of the document types we accept",
        ),
        ("program.pdf", b"MZ\x90\x00" + b"\x00" * 200, "is not one of the document types we accept"),
        ("empty.pdf", b"", "The file is empty."),
    ],
)
def test_a_file_of_another_kind_is_refused_and_nothing_is_stored(network, kg_owner, name, data, message):
    before = stored_files()
    with pytest.raises(ValidationError) as caught:
        add(kg_owner, network, SimpleUploadedFile(name, data, content_type="application/pdf"))
    assert message in caught.value.message_dict["file"][0]
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert stored_files() == before


def test_a_file_over_the_limit_is_refused(network, kg_owner, settings):
    settings.BIRGE_MAX_DOCUMENT_BYTES = 40
    with pytest.raises(ValidationError) as caught:
        add(kg_owner, network)
    assert caught.value.message_dict["file"] == [
        f"The file is {len(PDF)}\xa0bytes; documents may be at most 40\xa0bytes."
    ]
    assert not Document.objects.exists()


def test_a_title_is_needed_and_every_error_is_said_at_once(network, kg_owner):
    with pytest.raises(ValidationError) as caught:
        add(kg_owner, network, SimpleUploadedFile("x.txt", b"hello"), title=" ")
    assert set(caught.value.message_dict) == {"title", "file"}
    assert caught.value.message_dict["title"] == ["Give the document a title."]
    assert not Document.objects.exists()


def test_a_photo_is_stored_without_its_metadata(network, kg_owner):
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker that tells too much"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()

    version = add(kg_owner, network, SimpleUploadedFile("фото.jpg", data)).versions.get()

    stored = version.file.read()
    assert version.kind == "jpeg" and b"Camera maker" in data and b"Camera maker" not in stored
    assert version.sha256 == hashlib.sha256(stored).hexdigest()


def test_a_new_version_is_numbered_and_the_earlier_ones_are_kept(network, kg_owner, coordinator):
    document = add(kg_owner, network)
    first_updated = document.updated_at

    second = document_version_add(
        actor=coordinator, document=document, uploaded=pdf("устав-2.pdf", PDF + b"%v2\n"), note="Пункт 3"
    )
    third = document_version_add(
        actor=kg_owner, document=document, uploaded=pdf("устав-3.pdf", PDF + b"%v3\n")
    )

    assert [v.number for v in document.versions.all()] == [3, 2, 1]
    assert (second.note, second.uploaded_by, third.uploaded_by) == ("Пункт 3", coordinator, kg_owner)
    document.refresh_from_db()
    assert document.updated_at == third.uploaded_at > first_updated
    events = Event.objects.filter(verb=Verb.DOCUMENT_VERSION_ADDED).order_by("pk")
    assert [(e.actor, e.new["version"]) for e in events] == [(coordinator, 2), (kg_owner, 3)]


def test_a_new_version_is_refused_to_an_outsider_and_for_a_wrong_file(network, kg_owner, outsider):
    document = add(kg_owner, network)
    before = stored_files()
    with pytest.raises(PermissionDenied):
        document_version_add(actor=outsider, document=document, uploaded=pdf())
    with pytest.raises(ValidationError) as caught:
        document_version_add(
            actor=kg_owner, document=document, uploaded=SimpleUploadedFile("a.pdf", b"<svg/>")
        )
    assert "file" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        document_version_add(actor=kg_owner, document=document, uploaded=None)
    assert caught.value.message_dict["file"] == ["Choose a file to upload."]
    assert document.versions.count() == 1 and stored_files() == before
    assert not Event.objects.filter(verb=Verb.DOCUMENT_VERSION_ADDED).exists()


def test_a_closed_network_takes_no_document(network, kg_owner, coordinator):
    document = add(kg_owner, network)
    network_close(actor=coordinator, network=network)
    with pytest.raises(ValidationError):
        add(kg_owner, network)
    with pytest.raises(ValidationError):
        document_version_add(actor=kg_owner, document=document, uploaded=pdf())
    assert Document.objects.count() == 1 and DocumentVersion.objects.count() == 1
