"""What the document pages read: a network's documents by their latest upload, one document, its
versions."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404

from birge.networks.documents.models import Document, DocumentVersion
from birge.networks.networks.models import Network


def documents_of(network: Network):
    """Most recently updated first, each with its number of versions."""
    return (
        Document.objects.filter(network=network)
        .annotate(version_count=Count("versions"))
        .order_by("-updated_at", "-pk")
    )


def document_or_404(network: Network, pk: int) -> Document:
    document = Document.objects.select_related("created_by").filter(network=network, pk=pk).first()
    if document is None:
        raise Http404
    document.network = network  # the one the page already read
    return document


def versions_of(document: Document):
    """The newest first, with who uploaded each."""
    return DocumentVersion.objects.filter(document=document).select_related("uploaded_by").order_by("-number")


def version_or_404(document: Document, number: int) -> DocumentVersion:
    version = DocumentVersion.objects.filter(document=document, number=number).first()
    if version is None:
        raise Http404
    return version
