"""The announcement pages: a network's announcements (urgent alerts marked) with the form for its
coordinators, and one announcement. Whoever may read the network's content reads them (404 for anyone
else)."""

from __future__ import annotations

from html import unescape

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from birge.core.forms import apply_errors
from birge.core.markdown import render as markdown
from birge.core.pagination import paginate
from birge.networks.announcements import reads, services
from birge.networks.announcements.forms import AnnouncementForm
from birge.networks.networks.models import Network, Status
from birge.networks.networks.reads import readable_network_or_404
from birge.networks.permissions import NetworkViewer


def _readable(request: HttpRequest, slug: str) -> tuple[NetworkViewer, Network]:
    viewer = NetworkViewer.of(request.user)
    return viewer, readable_network_or_404(viewer, slug)


def announcements(request: HttpRequest, slug: str) -> HttpResponse:
    """The list, and on POST a coordinator's new announcement or alert."""
    viewer, network = _readable(request, slug)
    allowed = viewer.is_coordinator(network) and network.status == Status.ACTIVE
    form = AnnouncementForm() if allowed else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not allowed:
            raise PermissionDenied
        form = AnnouncementForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                announcement = services.announce(
                    actor=request.user,
                    network=network,
                    title=data["title"],
                    body=data["body"],
                    urgent=data["urgent"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if announcement.urgent:
                    messages.success(request, _("The alert is sent to every member by e-mail."))
                else:
                    messages.success(request, _("The announcement is posted; members get it as they chose."))
                return redirect("networks:announcement", network.slug, announcement.pk)
    links = paginate(request, reads.announcements_of(network))
    # The list shows the start of each text as words, without its Markdown.
    rows = [
        {"item": item, "summary": unescape(strip_tags(markdown(item.body)))}
        for item in links.page.object_list
    ]
    context = {"network": network, "links": links, "rows": rows, "form": form}
    return render(request, "networks/announcements/announcements.html", context)


def announcement(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    viewer, network = _readable(request, slug)
    item = reads.announcement_or_404(network, pk)
    context = {"network": network, "announcement": item, "html": markdown(item.body)}
    return render(request, "networks/announcements/announcement.html", context)
