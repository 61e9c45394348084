"""Who a person is to an event, decided in one place for services, views, templates, feeds and the API.

An event exists for a person when it is published (or cancelled) and open to anyone, unless its network is
secret and they are not a member; when it is their own network's or organization's; and, as a draft, for
those who speak for one of its organizers. Its organizers manage it: the people who speak for (own or edit)
an organizing organization, and the coordinators of the organizing network.

`EventViewer` wraps the networks' `NetworkViewer` (one query for the person's organizations, one for their
networks), so a page asks any number of questions of it for two queries. A view answers 404, never 403,
where `may_know` is false.
"""

from __future__ import annotations

from functools import cached_property
from typing import Union

from birge.events.catalog.models import Audience, Event, Status
from birge.networks.membership.models import Role
from birge.networks.networks.models import Visibility as NetworkVisibility
from birge.networks.permissions import SPEAKING_ROLES, NetworkViewer
from birge.networks.permissions import Who as NetworkWho


class EventViewer:
    def __init__(self, who: NetworkWho):
        self.networks = NetworkViewer.of(who)

    @classmethod
    def of(cls, who: Who) -> EventViewer:
        return who if isinstance(who, EventViewer) else cls(who)

    @property
    def viewer(self):
        """The directory's `Viewer` of the same person."""
        return self.networks.viewer

    @property
    def user(self):
        return self.networks.user

    @property
    def network_ids(self) -> set[int]:
        return self.networks.network_ids

    @cached_property
    def speaks_for_organizations(self) -> set[int]:
        return {pk for pk, role in self.viewer.roles.items() if role in SPEAKING_ROLES}

    @cached_property
    def coordinated_network_ids(self) -> set[int]:
        """The networks this person coordinates (speaks for a coordinating member): theirs to organize."""
        return {
            network_id
            for network_id, members in self.networks.memberships.items()
            if any(
                role == Role.COORDINATOR and pk in self.speaks_for_organizations
                for pk, role in members.items()
            )
        }

    def _organizer_ids(self, event: Event) -> set[int]:
        # Pages prefetch the organizers; a service asking about one event reads them here.
        return {organization.pk for organization in event.organizers.all()}

    def is_organizer(self, event: Event) -> bool:
        """Speaks for an organizing organization, or coordinates the organizing network."""
        if self.speaks_for_organizations & self._organizer_ids(event):
            return True
        return event.network_id is not None and self.networks.is_coordinator(event.network)

    def is_insider(self, event: Event) -> bool:
        """Belongs to an organizing organization or to a member of the organizing network."""
        if self.viewer.member_of & self._organizer_ids(event):
            return True
        return event.network_id is not None and event.network_id in self.network_ids

    def may_know(self, event: Event) -> bool:
        if event.status == Status.DRAFT:
            return self.is_organizer(event)
        if event.network_id is not None and event.network.visibility == NetworkVisibility.SECRET:
            return self.is_insider(event)
        return event.audience == Audience.ANYONE or self.is_insider(event)

    def may_register(self, event: Event) -> bool:
        return self.user is not None and event.status == Status.PUBLISHED and self.may_know(event)

    def known(self, events):
        """Of `events` (a queryset), those that exist for this person."""
        return events.known_to(self)


Who = Union[NetworkWho, "EventViewer"]  # noqa: UP007 (a string inside: EventViewer is the class above)


def may_know(who: Who, event: Event) -> bool:
    return EventViewer.of(who).may_know(event)


def can_manage(who: Who, event: Event) -> bool:
    """Edit, publish and cancel the event, see and export its participants, mark attendance, add
    materials."""
    return EventViewer.of(who).is_organizer(event)
