"""Growing a network's data between two counted requests, for the query-count tests of every feature."""

from birge.core.models import Country, ThematicArea
from birge.networks.conftest import add_member, organization_in
from birge.networks.membership.models import Admission, AdmissionKind, NetworkMembership, Role
from birge.networks.networks.models import Network, Visibility
from conftest import make_user

CODES = ("KZ", "KG", "TJ", "TM", "AZ")


def more_members(network: Network, *, to: int) -> None:
    """`to` more member organizations across the five countries, each with an owner, and as many pending
    requests to join."""
    start = NetworkMembership.objects.filter(network=network).count()
    for n in range(start, start + to):
        owner = make_user(f"member{network.pk}-{n}@example.org")
        organization = organization_in(CODES[n % len(CODES)], owner, name=f"Член {n}", name_ru=f"Член {n}")
        add_member(network, organization, Role.COMMITTEE if n % 3 == 0 else Role.MEMBER)
        applicant = organization_in(CODES[n % len(CODES)], make_user(f"asks{network.pk}-{n}@example.org"))
        Admission.objects.create(network=network, organization=applicant, kind=AdmissionKind.REQUEST)


def more_networks(founder_owner, founder, *, to: int) -> None:
    """`to` more networks: public and members-only ones, and secret ones nobody looking belongs to."""
    from birge.networks.networks.services import network_create

    themes = list(ThematicArea.objects.filter(parent__isnull=True)[:3])
    countries = list(Country.objects.filter(is_home=True))
    visibilities = (Visibility.PUBLIC, Visibility.MEMBERS_ONLY, Visibility.SECRET)
    existing = Network.objects.count()
    for n in range(existing, existing + to):
        network_create(
            actor=founder_owner,
            founder=founder,
            name=f"Сеть номер {n}",
            description="Описание " * 20,
            visibility=visibilities[n % 3],
            themes=themes,
            countries=countries[: 1 + n % 5],
        )
