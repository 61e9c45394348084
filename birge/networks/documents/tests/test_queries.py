"""The document pages take as many queries with many documents and versions as with few, for each role that
opens them: the coordinator, a member organization's owner, a plain member (the reader) and an outsider on
a public network."""

import itertools

import pytest
from django.utils import timezone

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.networks.documents.models import Document, DocumentVersion

ROLES = ["coordinator", "kg_owner", "reader", "outsider"]
_numbers = itertools.count()


def more_versions(document, uploaders, count: int) -> None:
    """`count` more versions of `document`, by the uploaders in turn (rows only: no page reads the file)."""
    last = document.versions.count()
    for number, uploader in zip(range(last + 1, last + count + 1), itertools.cycle(uploaders), strict=False):
        DocumentVersion.objects.create(
            document=document,
            number=number,
            file=f"networks/documents/{number}.pdf",
            name=f"устав-{number}.pdf",
            kind="pdf",
            size=1000 * number,
            sha256="0" * 64,
            note=f"Правка {number}",
            uploaded_by=uploader,
        )


def more_documents(network, uploaders, count: int) -> None:
    for _ in range(count):
        n = next(_numbers)
        document = Document.objects.create(
            network=network,
            title=f"Документ {n}",
            description="Описание документа.",
            created_by=uploaders[0],
            updated_at=timezone.now(),
        )
        more_versions(document, uploaders, 2)


@pytest.fixture
def uploaders(coordinator, kg_owner, reader):
    return [coordinator, kg_owner, reader]


@pytest.fixture
def user_of(request):
    return lambda role: request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_of_documents(client, network, uploaders, user_of, role):
    client.force_login(user_of(role))
    url = f"/ru/networks/{network.slug}/documents/"
    client.get(url)
    more_documents(network, uploaders, 2)
    few = counted_get(client, url)
    more_documents(network, uploaders, 15)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count('<li><h2><a href="') == 17
    assert ('name="file"' in page) is (role != "outsider")
    # The session and the user, their organizations and networks, the network, the documents counted and
    # read with their number of versions.
    assert_same_queries(few, many, at_most=7)


@pytest.mark.parametrize("role", ROLES)
def test_a_document(client, network, uploaders, user_of, role):
    more_documents(network, uploaders, 1)
    document = Document.objects.get()
    client.force_login(user_of(role))
    url = f"/ru/networks/{network.slug}/documents/{document.pk}/"
    client.get(url)
    more_versions(document, uploaders, 2)
    few = counted_get(client, url)
    more_versions(document, uploaders, 20)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count("/download/") == 24 and "Правка 24" in page
    assert ('name="file"' in page) is (role != "outsider")
    # The session and the user, their organizations and networks, the network, the document, its versions
    # with who uploaded them.
    assert_same_queries(few, many, at_most=7)
