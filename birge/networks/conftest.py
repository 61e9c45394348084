"""People, organizations and networks that networks tests share.

Three organizations in three countries, each with an owner who speaks for it: a Kazakh one whose owner
coordinates the public network, a Kyrgyz and a Tajik member. An ordinary member of the Kazakh organization
reads the network but does not speak for it; an outsider owns an organization outside every network. A
secret network has the Kyrgyz organization as its only member."""

import pytest

from birge.core.models import Country, ThematicArea
from birge.networks.membership.models import NetworkMembership, Role
from birge.networks.networks.models import Kind, Visibility
from birge.networks.networks.services import network_create
from birge.orgs.members.models import Role as OrgRole
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user

SECRET_NAME = "Сеть Тайный Сапар"


def add_member(network, organization, role: str = Role.MEMBER) -> NetworkMembership:
    return NetworkMembership.objects.create(network=network, organization=organization, role=role)


def organization_in(code: str, owner, **fields):
    organization = OrganizationFactory(country=Country.objects.get(code=code), **fields)
    return with_member(organization, owner, OrgRole.OWNER)


@pytest.fixture
def coordinator(db):
    return make_user("coordinator@example.org", display_name="Aigerim")


@pytest.fixture
def kg_owner(db):
    return make_user("kg@example.org", display_name="Bakyt")


@pytest.fixture
def tj_owner(db):
    return make_user("tj@example.org", display_name="Firuza")


@pytest.fixture
def outsider(db):
    return make_user("outsider@example.org", display_name="Oleg")


@pytest.fixture
def reader(db):
    """A member of the Kazakh organization without the right to speak for it."""
    return make_user("reader@example.org", display_name="Dana")


@pytest.fixture
def kz_ngo(reference, coordinator, reader):
    organization = organization_in("KZ", coordinator, name="Миграция и право", name_ru="Миграция и право")
    return with_member(organization, reader, OrgRole.MEMBER)


@pytest.fixture
def kg_ngo(reference, kg_owner):
    return organization_in("KG", kg_owner, name="Мигрант Ордо", name_ru="Мигрант Ордо")


@pytest.fixture
def tj_ngo(reference, tj_owner):
    return organization_in("TJ", tj_owner, name="Ҳуқуқ ва муҳоҷират", name_ru="Ҳуқуқ ва муҳоҷират")


@pytest.fixture
def outsider_ngo(reference, outsider):
    return organization_in("KZ", outsider, name="Посторонний фонд", name_ru="Посторонний фонд")


@pytest.fixture
def network(kz_ngo, kg_ngo, tj_ngo, coordinator):
    """A public regional network on labour migration: the Kazakh organization coordinates it."""
    created = network_create(
        actor=coordinator,
        founder=kz_ngo,
        name="Сеть по трудовой миграции",
        description="Права трудовых мигрантов в Центральной Азии.",
        kind=Kind.THEMATIC,
        visibility=Visibility.PUBLIC,
        themes=list(ThematicArea.objects.filter(parent__isnull=True)[:1]),
        countries=list(Country.objects.filter(code__in=["KZ", "KG", "TJ"])),
    )
    add_member(created, kg_ngo)
    add_member(created, tj_ngo, Role.COMMITTEE)
    return created


@pytest.fixture
def secret_network(kg_ngo, kg_owner):
    return network_create(
        actor=kg_owner,
        founder=kg_ngo,
        name=SECRET_NAME,
        description="Защита правозащитников.",
        visibility=Visibility.SECRET,
    )
