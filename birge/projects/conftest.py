"""People, organizations and projects that the joint projects' tests share.

The networks' fixtures (birge/networks/conftest.py) give the people and organizations: `coordinator` owns
the Kazakh organization (`kz_ngo`), where `reader` is a member who does not speak for it; `kg_owner` and
`tj_owner` own the Kyrgyz and Tajik ones; `outsider` owns an organization outside everything;
`secret_network` has the Kyrgyz organization alone. The funding fixtures (birge/funding/conftest.py) give
`ready_call`, a call of a ministry's program, whose awards a project may link (`tests.helpers.award_to`).

`project` is a public project the Kazakh organization leads (so `coordinator` manages it), with the Kyrgyz
one as a partner (`kg_owner` works on it) and working in three countries. `private_project` is one for its
organizations only, led by the Kyrgyz organization with the Tajik one as partner."""

import datetime as dt

import pytest

from birge.core.models import Country, ThematicArea
from birge.funding.conftest import manager, operator, program, ready_call
from birge.networks.conftest import (
    coordinator,
    kg_ngo,
    kg_owner,
    kz_ngo,
    network,
    outsider,
    outsider_ngo,
    reader,
    secret_network,
    tj_ngo,
    tj_owner,
)
from birge.projects.projects.models import Visibility
from birge.projects.projects.services import partner_add, project_create

__all__ = [
    "coordinator",
    "kg_ngo",
    "kg_owner",
    "kz_ngo",
    "manager",
    "network",
    "operator",
    "outsider",
    "outsider_ngo",
    "private_project",
    "program",
    "project",
    "reader",
    "ready_call",
    "secret_network",
    "tj_ngo",
    "tj_owner",
]

START, END = dt.date(2026, 1, 1), dt.date(2027, 6, 30)


def countries(*codes: str) -> list[Country]:
    return list(Country.objects.filter(code__in=codes))


@pytest.fixture
def project(kz_ngo, kg_ngo, coordinator):
    """A public project on labour migration, led by the Kazakh organization, the Kyrgyz one a partner."""
    created = project_create(
        actor=coordinator,
        lead=kz_ngo,
        title="Права мигрантов в пути",
        summary="Юридическая помощь трудовым мигрантам на границах.",
        goal="Мигранты знают свои права и получают помощь.",
        objectives="Открыть три приёмные\nОбучить 40 юристов",
        themes=list(ThematicArea.objects.filter(parent__isnull=True)[:1]),
        countries=countries("KZ", "KG", "TJ"),
        starts_on=START,
        ends_on=END,
        currency="KZT",
    )
    partner_add(actor=coordinator, project=created, organization=kg_ngo, contribution="Юристы в Оше")
    return created


@pytest.fixture
def private_project(kg_ngo, tj_ngo, kg_owner):
    """A project for its organizations only: the Kyrgyz organization leads, the Tajik one is a partner."""
    created = project_create(
        actor=kg_owner,
        lead=kg_ngo,
        title="Тихий проект убежищ",
        summary="Адреса убежищ для пострадавших.",
        visibility=Visibility.PARTNERS,
        starts_on=START,
        ends_on=END,
    )
    partner_add(actor=kg_owner, project=created, organization=tj_ngo)
    return created
