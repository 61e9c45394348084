"""What the network pages read: the list with its filters, one network for the person looking, and a
network's neighbours (the body it belongs to, the hubs under it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from birge.networks.networks.models import Kind, Network, Status
from birge.networks.networks.search import matching
from birge.networks.permissions import NetworkViewer

MAX_QUERY = 100


@dataclass(frozen=True)
class NetworkFilters:
    q: str = ""
    kind: str = ""
    country: str = ""
    theme: str = ""
    closed: bool = False

    @classmethod
    def from_query(cls, params) -> NetworkFilters:
        def one(name: str) -> str:
            value = params.get(name, "")
            return "".join(char for char in value if char.isprintable())[:MAX_QUERY].strip()

        kind = one("kind")
        return cls(
            q=one("q"),
            kind=kind if kind in Kind.values else "",
            country=one("country")[:2].upper(),
            theme=one("theme")[:64],
            closed=params.get("closed") == "1",
        )


def known_networks(viewer: NetworkViewer, filters: NetworkFilters = NetworkFilters()):
    """The networks this person may know of, filtered, with what a list row shows."""
    networks = viewer.known(Network.objects.all())
    if not filters.closed:
        networks = networks.filter(status=Status.ACTIVE)
    if filters.kind:
        networks = networks.filter(kind=filters.kind)
    if filters.country:
        networks = networks.filter(countries__code=filters.country)
    if filters.theme:
        networks = networks.filter(Q(themes__slug=filters.theme) | Q(themes__parent__slug=filters.theme))
    if filters.q:
        condition = matching(filters.q)
        if condition is not None:
            networks = networks.filter(condition)
    return (
        networks.distinct()
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related("countries")
        .order_by("name", "pk")
    )


def network_or_404(viewer: NetworkViewer, slug: str) -> Network:
    """The network at `slug`, if it exists for this person: a secret network answers a non-member exactly
    as an address where nothing is."""
    network = Network.objects.select_related("parent").filter(slug=slug).first()
    if network is None or not viewer.may_know(network):
        raise Http404
    return network


def readable_network_or_404(viewer: NetworkViewer, slug: str) -> Network:
    """The network at `slug` if this person may read its content (discussions, documents, decisions,
    announcements, charter): a members-only network's content answers a non-member 404, and a secret
    network does not exist for them."""
    network = network_or_404(viewer, slug)
    if not viewer.may_read(network):
        raise Http404
    return network


def latest(network: Network) -> dict:
    """What a reader of the network sees first on its page: the three newest announcements (an urgent
    alert stands out) and the decisions open for voting (two queries)."""
    from birge.networks.announcements.models import Announcement
    from birge.networks.decisions.models import Decision, DecisionStatus

    announcements = Announcement.objects.filter(network=network).order_by("-created_at", "-pk")
    decisions = Decision.objects.filter(network=network, status=DecisionStatus.OPEN)
    decisions = decisions.order_by("closes_at", "pk")
    return {"announcements": list(announcements[:3]), "open_decisions": list(decisions[:5])}


def neighbours(viewer: NetworkViewer, network: Network) -> dict:
    """The body this network belongs to and the networks that belong to it, as far as this person may know
    them."""
    parent = network.parent if network.parent and viewer.may_know(network.parent) else None
    children = list(viewer.known(network.children.all()).order_by("name"))
    return {"parent": parent, "children": children}
