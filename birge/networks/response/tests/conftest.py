"""A response network and its incident, shared by the response tests.

A mudslide in a Tajik district: the Kazakh organization coordinates a public response network, the Kyrgyz
one is a member and the Tajik one sits on its committee (as in `birge/networks/conftest.py`); CSOs of
Kyrgyzstan and Kazakhstan pledge."""

import datetime as dt
from decimal import Decimal

import pytest

from birge.core.models import Country, Region
from birge.networks.conftest import add_member
from birge.networks.membership.models import Role
from birge.networks.networks.models import Kind, Visibility
from birge.networks.networks.services import network_create
from birge.networks.response.models import NeedKind
from birge.networks.response.services import incident_save, need_add

HAPPENED_ON = dt.date(2026, 4, 12)


def make_response(coordinator, founder, *, visibility=Visibility.PUBLIC, name="Сель в Ванҷе"):
    return network_create(
        actor=coordinator,
        founder=founder,
        name=name,
        description="Помощь пострадавшим от селя.",
        kind=Kind.RESPONSE,
        visibility=visibility,
        countries=list(Country.objects.filter(code__in=["TJ", "KG", "KZ"])),
    )


def describe(network, coordinator):
    tajikistan = Country.objects.get(code="TJ")
    return incident_save(
        actor=coordinator,
        network=network,
        what="Сель сошёл на кишлак ночью; 40 домов разрушены.",
        country=tajikistan,
        region=Region.objects.filter(country=tajikistan).order_by("code").first(),
        place="Ванҷ",
        happened_on=HAPPENED_ON,
    )


@pytest.fixture
def response(kz_ngo, kg_ngo, tj_ngo, coordinator):
    """A public response network: the Kazakh organization coordinates it."""
    network = make_response(coordinator, kz_ngo)
    add_member(network, kg_ngo)
    add_member(network, tj_ngo, Role.COMMITTEE)
    return network


@pytest.fixture
def members_only_response(kz_ngo, kg_ngo, coordinator):
    network = make_response(
        coordinator, kz_ngo, visibility=Visibility.MEMBERS_ONLY, name="Закрытый ответ на сель"
    )
    add_member(network, kg_ngo)
    return network


@pytest.fixture
def incident(response, coordinator):
    return describe(response, coordinator)


@pytest.fixture
def water(incident, coordinator):
    """Ten tonnes of drinking water are needed."""
    return need_add(
        actor=coordinator,
        incident=incident,
        kind=NeedKind.GOODS,
        title="Питьевая вода",
        quantity=Decimal(10),
        unit="т",
    )
