"""A register to export: a decided grant call with awards to an organization that has an org-id.guide
identifier, one that has none, a person and an initiative group; a decided social contract with two lots
and its awards; and, in both calls, applications that must never reach an export (rejected, waitlisted,
approved without an award yet, undecided). Nothing here may reach the network."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from birge.core.models import Country, Region
from birge.funding.awards.models import Award
from birge.funding.calls.models import Call, Lot
from birge.funding.calls.models import Status as CallStatus
from birge.funding.decisions.models import Outcome
from birge.funding.opendata.tests.factories import application, award, decide, numbers
from birge.funding.programs.models import Applicant, Currency, Mechanism, Program
from birge.orgs.profiles.models import Kind, LegalForm
from birge.orgs.tests.factories import OrganizationFactory
from conftest import make_user

LOCAL_HOSTS = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _is_local(host) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode()
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Every test here fails if anything it runs (a validator fetching a schema, a codelist, an extension)
    looks up or connects to any host but this machine: the exports are checked offline, as CI must."""
    connect, getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def guarded_connect(self, address):
        if self.family != socket.AF_UNIX and not _is_local(address[0]):
            raise AssertionError(f"a test tried to connect to {address!r}")
        return connect(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            raise AssertionError(f"a test tried to look up {host!r}")
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


@dataclass
class Register:
    grant_call: Call
    contract_call: Call
    lots: list[Lot]
    with_identifier: Award
    without_identifier: Award
    person: Award
    group: Award
    contract_with_lot: Award
    contract_second_lot: Award
    # Whatever names a person or their project: none of it may appear in any export.
    private: list[str] = field(default_factory=list)
    # Whatever belongs only to applications without an award: none of it may appear either.
    unawarded: list[str] = field(default_factory=list)

    @property
    def grants(self) -> list[Award]:
        return [self.with_identifier, self.without_identifier, self.person, self.group]

    @property
    def contracts(self) -> list[Award]:
        return [self.contract_with_lot, self.contract_second_lot]


def _unawarded(call: Call, label: str, region: Region, lot: Lot | None = None) -> list[str]:
    """An application for each way of not being awarded, each with its own organization; returns the
    texts that only they carry."""
    texts = []
    for outcome in (Outcome.REJECTED, Outcome.WAITLISTED, Outcome.APPROVED, None):
        word = outcome or "undecided"
        slug = f"unawarded-{label}-{word}"
        name = f"Не получившая {label} {word}"
        organization = OrganizationFactory(slug=slug, name=name, name_ru=name, region=region)
        title = f"Проект без соглашения {label} {word}"
        found = application(call, title, organization=organization, lot=lot, requested="7777777")
        if outcome:
            # An approval without its award yet: the agreement is not signed, so nothing is published.
            decide(found, outcome, "7777777" if outcome == Outcome.APPROVED else None)
        texts += [slug, name, title]
    return texts


@pytest.fixture
def register(reference, program, make_call) -> Register:
    kz = Country.objects.get(code="KZ")
    almaty, turkestan = Region.objects.filter(country=kz).order_by("code")[:2]
    grant_call = make_call(
        "Молодёжные инициативы 2026", status=CallStatus.DECIDED, budget_ceiling=Decimal("50000000")
    )
    named = OrganizationFactory(
        slug="zhastar", name="Жастар бірлігі", name_ru="Жастар бірлігі", identifier="KZ-BIN-123456789012"
    )
    unnamed = OrganizationFactory(slug="eco-aul", name="Эко-аул", name_ru="Эко-аул", region=almaty)
    person = make_user("gulnora.rakhimova@example.org", display_name="Гульнора Рахимова")
    leader = make_user("timur.aliev.private@example.org", display_name="Тимур Алиев")
    grant_awards = [
        award(
            application(grant_call, "Школа молодых лидеров", organization=named, requested="3000000"),
            "2500000",
        ),
        award(
            application(grant_call, "Зелёный двор", organization=unnamed, requested="1200000.50"),
            "1200000.50",
        ),
        award(
            application(
                grant_call,
                "Швейная мастерская Гульноры Рахимовой",
                owner=person,
                kind=Applicant.INDIVIDUAL,
                region=turkestan,
                requested="800000",
            ),
            "750000",
        ),
        award(
            application(
                grant_call,
                "Двор Тимура Алиева и соседей",
                owner=leader,
                kind=Applicant.INITIATIVE_GROUP,
                group_name="Инициативная группа «Соседи Алиевых»",
                requested="500000",
            ),
            "500000",
        ),
    ]

    akimat = OrganizationFactory(
        slug="akimat-almaty",
        kind=Kind.GOVERNMENT,
        legal_form=LegalForm.MINISTRY,
        name="Акимат города Алматы",
        name_ru="Акимат города Алматы",
        identifier="KZ-BIN-000000000001",
    )
    contracts = Program.objects.create(
        operator=akimat,
        slug="social-services",
        title="Государственный социальный заказ",
        mechanism=Mechanism.SOCIAL_CONTRACT,
        currency=Currency.KZT,
        applicants=[Applicant.ORGANIZATION],
    )
    contract_call = make_call(
        "Уход на дому за пожилыми людьми",
        status=CallStatus.DECIDED,
        in_program=contracts,
        budget_ceiling=Decimal("20000000"),
        service_specification="Помощь на дому одиноким пожилым людям, 120 получателей услуг.",
    )
    lots = [
        Lot.objects.create(
            call=contract_call, number=1, title="Медеуский район", price_ceiling=Decimal("9000000")
        ),
        Lot.objects.create(
            call=contract_call, number=2, title="Алмалинский район", price_ceiling=Decimal("11000000")
        ),
    ]
    care = OrganizationFactory(slug="care", name="Забота", name_ru="Забота", identifier="KZ-BIN-200000000002")
    mercy = OrganizationFactory(slug="mercy", name="Милосердие", name_ru="Милосердие", region=almaty)
    contract_awards = [
        award(
            application(contract_call, "Уход в Медеуском районе", organization=care, lot=lots[0]), "8500000"
        ),
        award(
            application(contract_call, "Уход в Алмалинском районе", organization=mercy, lot=lots[1]),
            "10999999.99",
        ),
    ]
    private = [
        "Гульнора",
        "Рахимов",
        "gulnora.rakhimova",
        "Швейная мастерская",
        "Тимур",
        "Алиев",
        "timur.aliev.private",
        "Соседи",
        "Двор Тимура",
    ]
    unawarded = _unawarded(grant_call, "grant", almaty) + _unawarded(
        contract_call, "contract", almaty, lots[0]
    )
    return Register(
        grant_call=grant_call,
        contract_call=contract_call,
        lots=lots,
        with_identifier=grant_awards[0],
        without_identifier=grant_awards[1],
        person=grant_awards[2],
        group=grant_awards[3],
        contract_with_lot=contract_awards[0],
        contract_second_lot=contract_awards[1],
        private=private,
        unawarded=unawarded,
    )


@pytest.fixture
def more_awards(register, make_call):
    """Add `count` awards, grants and social contracts in turn, each in a call of its own (a social
    contract's with a lot) and to an organization of its own."""

    def add(count: int) -> None:
        for _n in range(count):
            number = next(numbers)
            organization = OrganizationFactory(
                slug=f"more-{number}", name=f"Ещё {number}", name_ru=f"Ещё {number}"
            )
            program = (register.contract_call if number % 2 else register.grant_call).program
            call = make_call(f"Ещё конкурс {number}", status=CallStatus.DECIDED, in_program=program)
            lot = None
            if program.mechanism == Mechanism.SOCIAL_CONTRACT:
                lot = Lot.objects.create(call=call, number=1, title=f"Район {number}")
            award(application(call, f"Ещё проект {number}", organization=organization, lot=lot), "100000")

    return add
