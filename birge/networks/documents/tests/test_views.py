"""The document pages: the list with its upload form, a document's versions, the download and who gets it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from birge.core.testing import assert_within_budget
from birge.networks.documents.models import Document, DocumentVersion
from birge.networks.documents.services import document_add, document_version_add
from birge.networks.networks.models import Network, Visibility
from birge.networks.networks.services import network_close

pytestmark = pytest.mark.usefixtures("in_english")

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def list_url(network):
    return f"/en/networks/{network.slug}/documents/"


def document_url(document):
    return f"/en/networks/{document.network.slug}/documents/{document.pk}/"


def download_url(document, number=1):
    return f"{document_url(document)}versions/{number}/download/"


def add(actor, network, title="Устав сети"):
    return document_add(
        actor=actor,
        network=network,
        title=title,
        description="Принят на собрании.",
        uploaded=SimpleUploadedFile("устав.pdf", PDF),
    )


def members_only(network):
    Network.objects.filter(pk=network.pk).update(visibility=Visibility.MEMBERS_ONLY)
    network.refresh_from_db()
    return network


def test_the_list_is_empty_at_first_and_a_member_may_upload(client, network, reader):
    client.force_login(reader)
    response = client.get(list_url(network))

    assert_within_budget(response)
    page = response.content.decode()
    assert "No document yet." in page
    assert 'enctype="multipart/form-data"' in page and 'type="file" name="file"' in page
    assert "PDF, PNG, JPEG, WebP, DOCX, XLSX, ODT, at most 10.0\xa0MB." in page


def test_an_outsider_reads_a_public_networks_documents_but_may_not_upload(
    client, network, kg_owner, outsider
):
    document = add(kg_owner, network)
    for who in (outsider, None):
        client.logout()
        if who:
            client.force_login(who)
        page = client.get(list_url(network)).content.decode()
        assert "Устав сети" in page and "1 version" in page and 'name="file"' not in page
        page = client.get(document_url(document)).content.decode()
        assert download_url(document) in page and 'name="file"' not in page
    client.force_login(outsider)
    response = client.post(list_url(network), {"title": "Моё", "file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 403 and Document.objects.count() == 1
    client.logout()
    response = client.post(document_url(document), {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert DocumentVersion.objects.count() == 1


def test_a_member_uploads_a_document(client, network, kg_owner):
    client.force_login(kg_owner)
    upload = SimpleUploadedFile("план работы.pdf", PDF, content_type="text/html")

    response = client.post(
        list_url(network), {"title": "План работы", "description": "На год", "file": upload}
    )

    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == document_url(document)
    response = client.get(document_url(document))
    assert_within_budget(response)
    page = response.content.decode()
    assert "План работы" in page and "план работы.pdf" in page and "(PDF, 48\xa0bytes)" in page
    assert download_url(document) in page


def test_a_file_of_the_wrong_kind_is_refused_on_the_form(client, network, kg_owner):
    client.force_login(kg_owner)
    upload = SimpleUploadedFile(
        "отчёт.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )

    response = client.post(list_url(network), {"title": "Отчёт", "file": upload})

    assert response.status_code == 200
    page = response.content.decode()
    assert "The content of this file is not one of the document types we accept" in page
    assert 'value="Отчёт"' in page  # what was typed stays
    assert not Document.objects.exists()


def test_a_file_too_large_is_refused_on_the_form(client, network, kg_owner, settings):
    document = add(kg_owner, network)
    settings.BIRGE_MAX_DOCUMENT_BYTES = 50
    client.force_login(kg_owner)

    response = client.post(document_url(document), {"file": SimpleUploadedFile("v2.pdf", PDF + b"%more\n")})

    assert response.status_code == 200
    assert "The file is 54\xa0bytes; documents may be at most 50\xa0bytes." in response.content.decode()
    assert document.versions.count() == 1


def test_a_member_adds_a_version_and_both_are_listed(client, network, kg_owner, coordinator):
    document = add(kg_owner, network)
    client.force_login(coordinator)

    response = client.post(
        document_url(document), {"file": SimpleUploadedFile("устав-2.pdf", PDF + b"%2\n"), "note": "Пункт 3"}
    )

    assert response.status_code == 302 and response["Location"] == document_url(document)
    page = client.get(document_url(document)).content.decode()
    assert page.index("устав-2.pdf") < page.index("устав.pdf") and "Пункт 3" in page and "Aigerim" in page


def test_the_download_is_an_attachment_under_birges_name_with_the_checked_type(
    client, network, kg_owner, outsider
):
    document = add(kg_owner, network, title="Устав сети")
    document_version_add(
        actor=kg_owner, document=document, uploaded=SimpleUploadedFile("x.pdf", PDF + b"%2\n")
    )
    client.force_login(outsider)

    response = client.get(download_url(document, 2))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="ustav-seti-v2.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF + b"%2\n"
    assert client.get(download_url(document, 3)).status_code == 404


def test_members_only_documents_are_not_found_by_an_outsider(client, network, kg_owner, reader, outsider):
    document = add(kg_owner, network)
    members_only(network)
    client.force_login(outsider)
    for url in (list_url(network), document_url(document), download_url(document)):
        assert client.get(url).status_code == 404, url
    client.logout()
    assert client.get(download_url(document)).status_code == 404
    client.force_login(reader)
    response = client.get(download_url(document))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_a_secret_networks_documents_do_not_exist_for_others(client, secret_network, kg_owner, outsider):
    document = add(kg_owner, secret_network)
    client.force_login(outsider)
    for url in (list_url(secret_network), document_url(document), download_url(document)):
        assert client.get(url).status_code == 404, url


def test_a_document_is_found_only_under_its_own_network(client, network, secret_network, kg_owner):
    document = add(kg_owner, secret_network)
    client.force_login(kg_owner)
    assert client.get(f"/en/networks/{network.slug}/documents/{document.pk}/").status_code == 404
    url = f"/en/networks/{network.slug}/documents/{document.pk}/versions/1/download/"
    assert client.get(url).status_code == 404


def test_a_closed_network_shows_its_documents_without_the_form(client, network, coordinator, kg_owner):
    document = add(kg_owner, network)
    network_close(actor=coordinator, network=network)
    client.force_login(kg_owner)
    for url in (list_url(network), document_url(document)):
        page = client.get(url).content.decode()
        assert "This network is closed" in page and 'name="file"' not in page
