"""The charter's pages: the charter (the newest version and the one in force), the coordinators' form, the
history, one version, the comparison of two versions, and a version as DOCX or PDF. Whoever may not read the
network's content gets 404 on each of them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from birge.core.forms import apply_errors
from birge.core.pagination import paginate
from birge.networks.charter import exports, reads, services
from birge.networks.charter.forms import EXTRA_ROWS, CharterForm, rows_in
from birge.networks.charter.models import SECTIONS, CharterVersion
from birge.networks.charter.starter import starter_texts
from birge.networks.networks.models import Network, Status
from birge.networks.networks.reads import readable_network_or_404
from birge.networks.permissions import NetworkViewer


def _proposal_url(network: Network, version: CharterVersion | None) -> str:
    """Where a decision to adopt `version` is proposed; empty until the decisions pages exist."""
    if version is None:
        return ""
    try:
        return f"{reverse('networks:decision_new', args=[network.slug])}?charter={version.number}"
    except NoReverseMatch:
        return ""


def _may_propose(viewer: NetworkViewer, network: Network, version: CharterVersion | None) -> bool:
    """Whether to offer a decision adopting `version`: to those who may propose decisions (coordinators
    and the committee), for a version never adopted, in an active network."""
    return (
        version is not None
        and version.adopted_at is None
        and network.status == Status.ACTIVE
        and viewer.is_committee(network)
    )


def charter(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    network = readable_network_or_404(viewer, slug)
    current = reads.current_version(network)
    in_force = reads.adopted_version(network) if current is not None else None
    context = {
        "network": network,
        "version": current,
        "in_force": in_force,
        "sections": reads.sections_of(current) if current else [],
        "actions": reads.action_rows([current], viewer)[current.pk] if current else [],
        "may_edit": viewer.is_coordinator(network) and network.status == Status.ACTIVE,
        "propose_url": _proposal_url(network, current) if _may_propose(viewer, network, current) else "",
    }
    return render(request, "networks/charter/charter.html", context)


def charter_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    network = readable_network_or_404(viewer, slug)
    version = reads.version_or_404(network, number)
    in_force = reads.adopted_version(network)
    context = {
        "network": network,
        "version": version,
        "in_force": in_force,
        "sections": reads.sections_of(version),
        "actions": reads.action_rows([version], viewer)[version.pk],
        "propose_url": _proposal_url(network, version) if _may_propose(viewer, network, version) else "",
    }
    return render(request, "networks/charter/version.html", context)


def charter_versions(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    network = readable_network_or_404(viewer, slug)
    links = paginate(request, reads.versions_of(network))
    in_force = reads.adopted_version(network) if links.page.object_list else None
    context = {
        "network": network,
        "links": links,
        "in_force": in_force,
        # Who saved a version is told to the network's members only: people of some members work where
        # being named is a risk.
        "show_authors": viewer.is_member(network),
    }
    return render(request, "networks/charter/versions.html", context)


def charter_compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Two versions side by side (?a=N&b=M); without them, the one before the newest and the newest. A
    number that is not one, or names no version, answers 404 with the chooser and a message."""
    viewer = NetworkViewer.of(request.user)
    network = readable_network_or_404(viewer, slug)
    numbers = reads.version_numbers(network)
    context = {"network": network, "numbers": numbers, "pair": None, "problem": ""}
    asked = "a" in request.GET or "b" in request.GET
    if asked:
        left, right = reads.version_number(request.GET.get("a")), reads.version_number(request.GET.get("b"))
    else:
        left, right = (numbers[1], numbers[0]) if len(numbers) > 1 else (None, None)
    if left is None or right is None:
        if asked:
            context["problem"] = _("Choose two versions of the charter to compare.")
            return render(request, "networks/charter/compare.html", context, status=404)
        return render(request, "networks/charter/compare.html", context)
    pair = reads.two_versions(network, (left, right))
    if pair is None:
        context["problem"] = _("There is no such version of this charter. Choose two from the list.")
        return render(request, "networks/charter/compare.html", context, status=404)
    context.update({"pair": pair, "a": left, "b": right, "sections": reads.compare(pair[0], pair[1], viewer)})
    return render(request, "networks/charter/compare.html", context)


@login_required
def charter_edit(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = NetworkViewer.of(request.user)
    network = readable_network_or_404(viewer, slug)
    if not viewer.is_coordinator(network):
        raise PermissionDenied
    current = reads.current_version(network)
    owners = reads.owner_choices(network)
    newer = None
    if request.method == "POST" and "more_rows" in request.POST:
        # More empty rows, without saving: what was typed stays in the form.
        form = CharterForm(request.POST, owners=owners, rows=rows_in(request.POST) + EXTRA_ROWS)
    elif request.method == "POST":
        form = CharterForm(request.POST, owners=owners, rows=rows_in(request.POST))
        if form.is_valid():
            try:
                services.charter_save(
                    actor=request.user,
                    network=network,
                    base_number=form.cleaned_data["base_number"],
                    texts=form.texts(),
                    actions=form.actions(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                if getattr(error, "code", None) == services.STALE:
                    newer = reads.current_version(network)
                apply_errors(form, error, tables=("actions",))
            else:
                messages.success(request, _("The charter is saved as a new version."))
                return redirect("networks:charter", network.slug)
    else:
        actions = list(current.actions.all()) if current else []
        rows = len(actions) + EXTRA_ROWS
        initial = CharterForm.initial_for(current, actions, rows=rows)
        if current is None:
            initial.update(starter_texts(network))
        form = CharterForm(initial=initial, owners=owners, rows=rows)
    context = {
        "network": network,
        "form": form,
        "current": current,
        "newer": newer,
        # The number a save after a refusal starts from: having seen the newer text, the editor may save.
        "base_number": newer.number if newer else form["base_number"].value(),
        "sections": [(form[name], _theirs(form, newer, name)) for name, _label in SECTIONS],
        "newer_actions": reads.action_rows([newer], viewer)[newer.pk] if newer else [],
        "closed": network.status != Status.ACTIVE,
    }
    return render(request, "networks/charter/edit.html", context)


def _theirs(form: CharterForm, newer: CharterVersion | None, name: str) -> str | None:
    """What the newer version says in section `name`, where it differs from what the editor typed."""
    if newer is None:
        return None
    theirs = getattr(newer, name)
    typed = (form.cleaned_data.get(name) or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return theirs if theirs != typed else None


def _export(request: HttpRequest, slug: str, number: int) -> exports.Charter:
    viewer = NetworkViewer.of(request.user)
    network = readable_network_or_404(viewer, slug)
    version = reads.version_or_404(network, number)
    return exports.Charter(network, version, reads.action_rows([version], viewer)[version.pk])


def charter_docx(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    found = _export(request, slug, number)
    return exports.attachment(exports.docx_bytes(found), exports.DOCX, exports.filename(found, "docx"))


def charter_pdf(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    found = _export(request, slug, number)
    return exports.attachment(exports.pdf_bytes(found), exports.PDF, exports.filename(found, "pdf"))
