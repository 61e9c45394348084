"""Who may pledge to a response network's needs, and in whose name.

Help is found in the open: on a public response network anyone signed in may pledge, for themselves or for
an organization they speak for (its owner or editor), member of the network or not. A members-only or
secret network's needs are its members' business: only people of its member organizations pledge there,
for themselves or for a member organization they speak for."""

from __future__ import annotations

from birge.networks.networks.models import Kind, Network, Visibility
from birge.networks.permissions import SPEAKING_ROLES, NetworkViewer, Who


def may_pledge(who: Who, network: Network) -> bool:
    viewer = NetworkViewer.of(who)
    if viewer.user is None or network.kind != Kind.RESPONSE:
        return False
    return network.visibility == Visibility.PUBLIC or viewer.is_member(network)


def pledging_organization_ids(who: Who, network: Network) -> list[int]:
    """The organizations this person may pledge for in `network` (published or not: the service and the
    form's list keep the published ones)."""
    viewer = NetworkViewer.of(who)
    if not may_pledge(viewer, network):
        return []
    if network.visibility == Visibility.PUBLIC:
        return sorted(pk for pk, role in viewer.viewer.roles.items() if role in SPEAKING_ROLES)
    return sorted(viewer.speaks_for(network))


def sees_people(who: Who, network: Network) -> bool:
    """Whether the names of people who pledged for themselves are shown: to the network's members only,
    since someone who helps after a disaster may be at risk for it."""
    return NetworkViewer.of(who).is_member(network)
