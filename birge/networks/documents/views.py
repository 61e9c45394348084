"""The document pages: a network's documents with the upload form, one document with its versions, and a
version's file. Whoever may read the network's content reads them (404 for anyone else); whoever belongs to
a member organization uploads."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from birge.core.forms import apply_errors
from birge.core.pagination import paginate
from birge.core.uploads import KINDS
from birge.networks.documents import reads, services
from birge.networks.documents.forms import DocumentForm, VersionForm
from birge.networks.networks.models import Network, Status
from birge.networks.networks.reads import readable_network_or_404
from birge.networks.permissions import NetworkViewer
from birge.orgs.profiles.slugs import slug_base


def _readable(request: HttpRequest, slug: str) -> tuple[NetworkViewer, Network]:
    viewer = NetworkViewer.of(request.user)
    return viewer, readable_network_or_404(viewer, slug)


def _uploads(viewer: NetworkViewer, network) -> bool:
    return viewer.is_member(network) and network.status == Status.ACTIVE


def _refuse_post(request: HttpRequest, allowed: bool):
    """A POST from someone who may not upload: to the login page, or refused."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not allowed:
        raise PermissionDenied
    return None


def documents(request: HttpRequest, slug: str) -> HttpResponse:
    """The list, and on POST a new document with its first file."""
    viewer, network = _readable(request, slug)
    allowed = _uploads(viewer, network)
    form = DocumentForm() if allowed else None
    if request.method == "POST":
        refused = _refuse_post(request, allowed)
        if refused:
            return refused
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = services.document_add(
                    actor=request.user,
                    network=network,
                    title=data["title"],
                    description=data["description"],
                    uploaded=data["file"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect("networks:document", network.slug, document.pk)
    context = {"network": network, "links": paginate(request, reads.documents_of(network)), "form": form}
    return render(request, "networks/documents/documents.html", context)


def document(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A document with its versions, and on POST a new version."""
    viewer, network = _readable(request, slug)
    item = reads.document_or_404(network, pk)
    allowed = _uploads(viewer, network)
    form = VersionForm() if allowed else None
    if request.method == "POST":
        refused = _refuse_post(request, allowed)
        if refused:
            return refused
        form = VersionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.document_version_add(
                    actor=request.user,
                    document=item,
                    uploaded=form.cleaned_data["file"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect("networks:document", network.slug, item.pk)
    context = {"network": network, "document": item, "versions": list(reads.versions_of(item)), "form": form}
    return render(request, "networks/documents/document.html", context)


@require_GET
def document_download(request: HttpRequest, slug: str, pk: int, number: int) -> FileResponse:
    """A version's file, for download only: under a name Birge makes, with the type its content was checked
    to be, never rendered by the browser nor kept by a shared cache."""
    viewer, network = _readable(request, slug)
    item = reads.document_or_404(network, pk)
    version = reads.version_or_404(item, number)
    kind = KINDS[version.kind]
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=f"{slug_base(item.title, 'document')}-v{version.number}{kind.extension}",
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
