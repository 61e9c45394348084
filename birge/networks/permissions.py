"""Who a person is to a network, decided in one place for services, views, templates and lists.

Members of a network are organizations. A person belongs to a network through the organizations they
belong to (`orgs.Membership`): any of them may read the network's content and take part in discussions;
those who speak for a member organization — its owners and editors — answer for it: they vote, pledge,
answer invitations and leave. A network's coordinators are the people who speak for a coordinating member
organization.

`NetworkViewer` reads a person's network memberships once (one query, over the organizations of the
`orgs.permissions.Viewer` it wraps) and answers every question a page asks. Predicates take a
`NetworkViewer`, a `Viewer` or a user, so each rule is written once.

A secret network does not exist for a non-member: every read goes through `may_know`, and a view answers
404, never 403, where it is false.
"""

from __future__ import annotations

from functools import cached_property
from typing import Union

from birge.networks.membership.models import NetworkMembership, Role
from birge.networks.networks.models import Network, Visibility
from birge.orgs.members.models import Role as OrgRole
from birge.orgs.permissions import Viewer
from birge.orgs.permissions import Who as OrgWho

SPEAKING_ROLES = (OrgRole.OWNER, OrgRole.EDITOR)
# Network roles from the most to the least rights.
RANKS = {Role.COORDINATOR: 0, Role.COMMITTEE: 1, Role.MEMBER: 2}


class NetworkViewer:
    def __init__(self, who: OrgWho):
        self.viewer = Viewer.of(who)

    @classmethod
    def of(cls, who: Who) -> NetworkViewer:
        return who if isinstance(who, NetworkViewer) else cls(who)

    @property
    def user(self):
        return self.viewer.user

    @cached_property
    def memberships(self) -> dict[int, dict[int, str]]:
        """Network id -> {member organization id the person belongs to: its network role} (one query)."""
        if not self.viewer.member_of:
            return {}
        rows = NetworkMembership.objects.filter(organization_id__in=self.viewer.member_of).order_by()
        result: dict[int, dict[int, str]] = {}
        for network_id, organization_id, role in rows.values_list("network_id", "organization_id", "role"):
            result.setdefault(network_id, {})[organization_id] = role
        return result

    @property
    def network_ids(self) -> set[int]:
        return set(self.memberships)

    def is_member(self, network: Network) -> bool:
        return network.pk in self.memberships

    def may_know(self, network: Network) -> bool:
        """Whether the network exists for this person: a secret one only for its members."""
        return network.visibility != Visibility.SECRET or self.is_member(network)

    def may_read(self, network: Network) -> bool:
        """Discussions, documents, decisions and announcements: public, or for members."""
        return network.visibility == Visibility.PUBLIC or self.is_member(network)

    def speaks_for(self, network: Network) -> list[int]:
        """The member organizations this person answers for in the network (owner or editor there)."""
        roles = self.viewer.roles
        return [pk for pk in self.memberships.get(network.pk, {}) if roles.get(pk) in SPEAKING_ROLES]

    def role(self, network: Network) -> str | None:
        """The highest network role among the organizations this person speaks for."""
        roles = [self.memberships[network.pk][pk] for pk in self.speaks_for(network)]
        return min(roles, key=RANKS.__getitem__) if roles else None

    def is_coordinator(self, network: Network) -> bool:
        return self.role(network) == Role.COORDINATOR

    def is_committee(self, network: Network) -> bool:
        return self.role(network) in (Role.COORDINATOR, Role.COMMITTEE)

    def known(self, networks):
        """Of `networks` (a queryset), those that exist for this person."""
        return networks.visible_to_organizations(self.viewer.member_of)


Who = Union[OrgWho, "NetworkViewer"]  # noqa: UP007 (a string inside: NetworkViewer is the class above)


def may_know(who: Who, network: Network) -> bool:
    return NetworkViewer.of(who).may_know(network)


def may_read(who: Who, network: Network) -> bool:
    return NetworkViewer.of(who).may_read(network)


def is_member(who: Who, network: Network) -> bool:
    return NetworkViewer.of(who).is_member(network)


def can_manage(who: Who, network: Network) -> bool:
    """Edit the network, its members and charter, post announcements and alerts, close it."""
    return NetworkViewer.of(who).is_coordinator(network)


def can_propose(who: Who, network: Network) -> bool:
    """Put a decision to the members: coordinators and the committee."""
    return NetworkViewer.of(who).is_committee(network)


def can_take_part(who: Who, network: Network) -> bool:
    """Start and reply to discussions, add documents: anyone who belongs to a member organization."""
    return NetworkViewer.of(who).is_member(network)


def can_speak_for(who: Who, network: Network, organization_id: int) -> bool:
    """Answer for `organization_id` in the network: vote, pledge in its name, leave."""
    return organization_id in NetworkViewer.of(who).speaks_for(network)
