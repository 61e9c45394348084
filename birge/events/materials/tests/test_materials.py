"""Materials of an event: the organizers share a file (checked by its content) or an https link once the
event has begun; a material for participants only is hidden from, and not downloadable by, anyone else."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from birge.core.models import Event as AuditEntry
from birge.core.storage import private_storage
from birge.events.catalog.models import Audience as EventAudience
from birge.events.conftest import make_event
from birge.events.events import Verb
from birge.events.materials.models import Audience, Material
from birge.events.materials.reads import materials_for
from birge.events.materials.services import material_add, material_remove
from birge.events.registration.models import Registration, Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name="презентация.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def url(event, name=""):
    return f"/en/events/{event.slug}/{name}"


@pytest.fixture
def held(kz_ngo):
    """A seminar that began an hour ago."""
    return make_event([kz_ngo], starts_at=timezone.now() - timedelta(hours=1), title="Семинар")


@pytest.fixture
def participant(held, kg_owner):
    Registration.objects.create(
        event=held, person=kg_owner, status=Status.CONFIRMED, queued_at=timezone.now()
    )
    return kg_owner


def list_html(event, user=None) -> str:
    request = RequestFactory().get(url(event))
    request.user = user or AnonymousUser()
    return render_to_string("events/materials/list.html", materials_for(request.user, event), request=request)


# Sharing ----------------------------------------------------------------------------------------------------


def test_an_organizer_shares_a_file_stored_under_a_made_name(held, coordinator):
    material = material_add(coordinator, held, title="Презентация", uploaded=pdf())

    assert material.file.name.startswith("events/materials/") and "презентация" not in material.file.name
    assert material.file.name.endswith(".pdf") and private_storage().exists(material.file.name)
    assert (material.content_type, material.size, material.added_by) == (
        "application/pdf",
        len(PDF),
        coordinator,
    )
    entry = AuditEntry.objects.get(verb=Verb.MATERIAL_ADDED)
    assert entry.new == {
        "event": held.pk,
        "title": "Презентация",
        "audience": "anyone",
        "kind": "pdf",
        "size": len(PDF),
    }


def test_an_organizer_shares_an_https_link(held, coordinator):
    material = material_add(
        coordinator, held, title="Запись", url="https://video.example.org/42", audience=Audience.PARTICIPANTS
    )
    assert material.url == "https://video.example.org/42" and not material.file
    assert AuditEntry.objects.get(verb=Verb.MATERIAL_ADDED).new["url"] == material.url


def test_a_file_that_is_not_a_document_is_refused_with_a_clear_message(held, coordinator):
    script = SimpleUploadedFile(
        "slides.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as refused:
        material_add(coordinator, held, title="Слайды", uploaded=script)
    [message] = refused.value.message_dict["file"]
    assert message.startswith("The content of this file is not one of the document types we accept: PDF, PNG")
    assert "Renaming a file does not change its type" in message
    assert not Material.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": ""}, "title", "Give the material a title."),
        ({"url": "http://video.example.org/42"}, "url", "starting with https://"),
        ({"url": "javascript:alert(1)"}, "url", "starting with https://"),
        ({"url": "https://video.example.org/1", "uploaded": "file"}, "url", "not both"),
        ({"url": ""}, "file", "Choose a file, or give a link."),
        ({"audience": "everybody"}, "audience", "Choose who may see"),
    ],
)
def test_what_a_material_may_not_be(held, coordinator, fields, field, message):
    values = {"title": "Запись", "url": "https://video.example.org/1"} | fields
    if values.get("uploaded") == "file":
        values["uploaded"] = pdf()
    with pytest.raises(ValidationError) as refused:
        material_add(coordinator, held, **values)
    assert message in " ".join(refused.value.message_dict[field])
    assert not Material.objects.exists()


def test_only_the_organizers_share_once_the_event_began(held, webinar, reader, participant, coordinator):
    for who in (reader, participant, None):
        with pytest.raises(PermissionDenied):
            material_add(who, held, title="Запись", url="https://video.example.org/1")
    with pytest.raises(ValidationError, match="once the event has begun"):
        material_add(coordinator, webinar, title="Запись", url="https://video.example.org/1")
    assert not Material.objects.exists()


def test_removing_a_material_deletes_its_file(held, coordinator, reader, django_capture_on_commit_callbacks):
    material = material_add(coordinator, held, title="Презентация", uploaded=pdf())
    name = material.file.name
    with pytest.raises(PermissionDenied):
        material_remove(reader, material)

    with django_capture_on_commit_callbacks(execute=True):
        material_remove(coordinator, material)

    assert not Material.objects.exists() and not private_storage().exists(name)
    assert AuditEntry.objects.get(verb=Verb.MATERIAL_REMOVED).old["title"] == "Презентация"


# Who sees them ----------------------------------------------------------------------------------------------


@pytest.fixture
def shared(held, coordinator):
    public = material_add(coordinator, held, title="Программа", uploaded=pdf())
    private = material_add(
        coordinator, held, title="Контакты участников", uploaded=pdf(), audience=Audience.PARTICIPANTS
    )
    return public, private


def test_a_participants_only_material_is_hidden_from_everyone_else(
    held, shared, participant, reader, coordinator
):
    public, private = shared
    for who in (None, reader):
        html = list_html(held, who)
        assert "Программа" in html and "Контакты участников" not in html
        assert url(held, f"materials/{private.pk}/") not in html
    for who in (participant, coordinator):
        html = list_html(held, who)
        assert "Контакты участников" in html and "participants only" in html
    assert "Remove" in list_html(held, coordinator) and "Remove" not in list_html(held, participant)
    assert url(held, "materials/add/") in list_html(held, coordinator)


def test_the_download_is_only_for_those_the_material_is_shared_with(
    client, held, shared, participant, reader
):
    public, private = shared
    response = client.get(url(held, f"materials/{public.pk}/"))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="programma.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "application/pdf"
    assert client.get(url(held, f"materials/{private.pk}/")).status_code == 404
    client.force_login(reader)
    assert client.get(url(held, f"materials/{private.pk}/")).status_code == 404
    client.force_login(participant)
    assert client.get(url(held, f"materials/{private.pk}/")).status_code == 200


def test_a_material_of_an_event_one_may_not_know_is_not_found(client, kz_ngo, coordinator, outsider):
    members_only = make_event(
        [kz_ngo], audience=EventAudience.MEMBERS, starts_at=timezone.now() - timedelta(hours=1)
    )
    material = material_add(coordinator, members_only, title="Отчёт", uploaded=pdf())
    client.force_login(outsider)
    assert client.get(url(members_only, f"materials/{material.pk}/")).status_code == 404
    other = make_event([kz_ngo])
    assert client.get(url(other, f"materials/{material.pk}/")).status_code == 404


# The pages --------------------------------------------------------------------------------------------------


def test_the_add_page_shares_a_file_and_returns_to_the_event(client, held, coordinator):
    client.force_login(coordinator)
    page = client.get(url(held, "materials/add/")).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="audience"' in page

    response = client.post(
        url(held, "materials/add/"), {"title": "Презентация", "file": pdf(), "audience": "participants"}
    )

    assert response.status_code == 302 and response["Location"] == url(held)
    assert Material.objects.get().audience == Audience.PARTICIPANTS


def test_the_add_page_refuses_a_non_document_and_keeps_the_title(client, held, coordinator):
    client.force_login(coordinator)
    fake = SimpleUploadedFile("report.docx", b"MZ\x90\x00 not a document")
    response = client.post(
        url(held, "materials/add/"), {"title": "Отчёт", "file": fake, "audience": "anyone"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "not one of the document types we accept" in page and 'value="Отчёт"' in page
    assert not Material.objects.exists()


def test_the_add_and_remove_pages_are_for_the_organizers(client, held, shared, reader):
    public, _private = shared
    client.force_login(reader)
    assert client.get(url(held, "materials/add/")).status_code == 403
    assert client.post(url(held, f"materials/{public.pk}/remove/")).status_code == 403
    assert Material.objects.count() == 2


def test_the_remove_button_removes(client, held, shared, coordinator):
    public, _private = shared
    client.force_login(coordinator)
    assert client.get(url(held, f"materials/{public.pk}/remove/")).status_code == 405
    response = client.post(url(held, f"materials/{public.pk}/remove/"))
    assert response["Location"] == url(held) and not Material.objects.filter(pk=public.pk).exists()
