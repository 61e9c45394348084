"""What the announcement pages read: a network's announcements, newest first, and one of them."""

from __future__ import annotations

from django.http import Http404

from birge.networks.announcements.models import Announcement
from birge.networks.networks.models import Network


def announcements_of(network: Network):
    return (
        Announcement.objects.filter(network=network).select_related("author").order_by("-created_at", "-pk")
    )


def announcement_or_404(network: Network, pk: int) -> Announcement:
    announcement = Announcement.objects.select_related("author").filter(network=network, pk=pk).first()
    if announcement is None:
        raise Http404
    announcement.network = network  # the one the page already read
    return announcement
