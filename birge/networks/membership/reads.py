"""What the membership pages and the other features read: a network's members (by country), the people
behind them, pending invitations and requests, and the networks an organization's profile lists."""

from __future__ import annotations

from itertools import groupby

from django.contrib.auth import get_user_model
from django.db.models import Q

from birge.networks.membership.models import (
    Admission,
    AdmissionKind,
    AdmissionStatus,
    NetworkMembership,
    Role,
)
from birge.networks.networks.models import Network
from birge.networks.permissions import SPEAKING_ROLES, NetworkViewer
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.visibility import present_all


def members_of(network: Network):
    return (
        NetworkMembership.objects.filter(network=network)
        .select_related("organization__country")
        .order_by(
            "organization__country__position", "organization__country__code", "role", "organization__name"
        )
    )


def members_by_country(network: Network, viewer: NetworkViewer) -> list[dict]:
    """The member organizations grouped by country, each group with its count, each organization as this
    person may see it; an unpublished profile is shown only to its own members."""
    mine = viewer.viewer.member_of
    rows = [
        row
        for row in members_of(network)
        if row.organization.published_at is not None or row.organization_id in mine
    ]
    cards = present_all([row.organization for row in rows], viewer.viewer)
    groups = []
    pairs = list(zip(cards, rows, strict=True))
    for country, items in groupby(pairs, key=lambda pair: pair[1].organization.country):
        members = list(items)
        groups.append({"country": country, "members": members, "count": len(members)})
    return groups


def _people(organization_ids, *, speaking: bool):
    users = get_user_model().objects.filter(is_active=True, memberships__organization_id__in=organization_ids)
    if speaking:
        users = users.filter(memberships__role__in=SPEAKING_ROLES)
    return list(users.distinct())


def organizations_spoken_for(user):
    """The organizations `user` answers for (owner or editor), by name: whose name they found a network in,
    ask to join, or pledge."""
    return Organization.objects.filter(memberships__user=user, memberships__role__in=SPEAKING_ROLES).order_by(
        "name", "pk"
    )


def speakers_of(organization_ids) -> list:
    """The people who answer for these organizations (owners and editors)."""
    return _people(list(organization_ids), speaking=True)


def member_ids(network: Network, *, roles: tuple[str, ...] | None = None) -> list[int]:
    rows = NetworkMembership.objects.filter(network=network)
    if roles:
        rows = rows.filter(role__in=roles)
    return list(rows.values_list("organization_id", flat=True))


def coordinators_of(network: Network) -> list:
    """The people who speak for the network's coordinating organizations."""
    return speakers_of(member_ids(network, roles=(Role.COORDINATOR,)))


def people_of(network: Network) -> list:
    """Everyone who belongs to a member organization: who reads announcements and alerts."""
    return _people(member_ids(network), speaking=False)


def voters_of(network: Network) -> list:
    """The people who answer for member organizations: who votes."""
    return speakers_of(member_ids(network))


def pending_for_network(network: Network):
    return (
        Admission.objects.filter(network=network, status=AdmissionStatus.PENDING)
        .select_related("organization__country")
        .order_by("-created_at")
    )


def pending_for_person(viewer: NetworkViewer):
    """Invitations to organizations this person speaks for, and requests to join networks they coordinate."""
    speaks = [pk for pk, role in viewer.viewer.roles.items() if role in SPEAKING_ROLES]
    coordinated = [
        network_id
        for network_id, organizations in viewer.memberships.items()
        if any(role == Role.COORDINATOR and pk in speaks for pk, role in organizations.items())
    ]
    invitations = Q(kind=AdmissionKind.INVITATION, organization_id__in=speaks)
    requests = Q(kind=AdmissionKind.REQUEST, network_id__in=coordinated)
    return (
        Admission.objects.filter(invitations | requests, status=AdmissionStatus.PENDING)
        .select_related("network", "organization")
        .order_by("-created_at")
    )


def network_partners(member_of: set[int]):
    """The partner rule's network source: the ids of organizations that share a network with one of
    `member_of` (a query, read by the directory together with its own partnerships)."""
    shared = NetworkMembership.objects.filter(organization_id__in=member_of).order_by().values("network_id")
    return (
        NetworkMembership.objects.filter(network_id__in=shared)
        .order_by()
        .values_list("organization_id", flat=True)
    )


def profile_networks(organization, viewer) -> dict | None:
    """The profile's section: the networks the organization belongs to that the person looking may know of."""
    network_viewer = NetworkViewer.of(viewer)
    rows = (
        NetworkMembership.objects.filter(organization=organization)
        .filter(network__in=network_viewer.known(Network.objects.all()))
        .select_related("network")
        .order_by("network__name")
    )
    rows = list(rows)
    return {"memberships": rows} if rows else None
