"""What the response pages read: a network's incident, its needs with every pledge, and the organizations
a person may pledge for."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from birge.networks.networks.models import Network
from birge.networks.permissions import NetworkViewer
from birge.networks.response.models import Incident, Need, Pledge
from birge.networks.response.permissions import pledging_organization_ids, sees_people
from birge.orgs.profiles.models import Organization


def incident_of(network: Network) -> Incident | None:
    incident = Incident.objects.select_related("country", "region").filter(network=network).first()
    if incident is not None:
        incident.network = network
    return incident


@dataclass(frozen=True)
class PledgeRow:
    """One pledge as this person may see it: an organization by its name, a person by theirs only for the
    network's members."""

    pledge: Pledge
    organization: Organization | None
    person_name: str

    @property
    def quantity(self):
        return self.pledge.quantity

    @property
    def beyond_need(self):
        return self.pledge.beyond_need

    @property
    def note(self) -> str:
        return self.pledge.note


@dataclass(frozen=True)
class NeedRow:
    need: Need
    pledges: list[PledgeRow]


def needs_of(incident: Incident, viewer: NetworkViewer) -> list[NeedRow]:
    """The incident's needs in their order, each with its pledges (two queries however many there are)."""
    people = sees_people(viewer, incident.network)
    me = viewer.user.pk if viewer.user is not None else None
    pledges = Pledge.objects.select_related("organization", "person").order_by("created_at", "pk")
    needs = incident.needs.prefetch_related(Prefetch("pledges", queryset=pledges)).order_by("position", "pk")
    rows = []
    for need in needs:
        rows.append(NeedRow(need, [_pledge_row(pledge, people, me) for pledge in need.pledges.all()]))
    return rows


def _pledge_row(pledge: Pledge, people: bool, me: int | None) -> PledgeRow:
    organization = pledge.organization
    if organization is not None and organization.published_at is None:
        organization = None  # a profile unpublished since: its name is its members' to show
    name = ""
    if pledge.organization_id is None and pledge.person is not None:
        if me is not None and pledge.person_id == me:
            name = _("you")
        elif people:
            name = pledge.person.display_name
    return PledgeRow(pledge, organization, name)


def pledging_organizations(viewer: NetworkViewer, network: Network) -> list[Organization]:
    """The published organizations this person may pledge for (no query when there is none)."""
    ids = pledging_organization_ids(viewer, network)
    if not ids:
        return []
    return list(Organization.objects.published().filter(pk__in=ids).order_by("name", "pk"))


def need_of(network: Network, pk: int) -> Need | None:
    """The need `pk` of this network's incident, or None."""
    need = Need.objects.select_related("incident").filter(pk=pk, incident__network=network).first()
    if need is not None:
        need.incident.network = network
    return need
