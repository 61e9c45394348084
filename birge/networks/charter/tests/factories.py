"""Charters the charter tests share: texts with letters of every language of the region, and a version
saved through the service as a coordinator would."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from birge.networks.charter.models import CharterVersion
from birge.networks.charter.services import charter_save
from birge.networks.decisions.models import Decision, DecisionStatus

# Kazakh, Tajik, Kyrgyz, Turkmen and Azerbaijani letters, which a PDF font must draw.
PURPOSE = (
    "Сеть объединяет организации: Қазақстан, Тоҷикистон, Кыргызстан (ң, ө, ү), Türkmenistan (ž, ň), "
    "Azərbaycan."
)
TEXTS = {
    "purpose": PURPOSE,
    "goals": "Защищать права трудовых мигрантов.",
    "objectives": "К 2027 году провести две встречи в год.",
    "governance": "Координатор и комитет отвечают перед общим собранием.",
    "membership_rules": "Организация вступает по приглашению координатора.",
    "communication_policy": "Языки: русский и английский. Имена членов не публикуются без согласия.",
}


def texts(**changes) -> dict[str, str]:
    return {**TEXTS, **changes}


def action(
    title: str = "Карта потребностей", owner=None, due_on=dt.date(2026, 9, 1), status: str = "planned"
) -> dict:
    return {"title": title, "owner": owner, "due_on": due_on, "status": status}


def save(network, actor, *, actions=(), note: str = "", **changes) -> CharterVersion:
    """The next version, from the newest one."""
    latest = CharterVersion.objects.filter(network=network).order_by("-number").first()
    return charter_save(
        actor=actor,
        network=network,
        base_number=latest.number if latest else 0,
        texts=texts(**changes),
        actions=list(actions),
        note=note,
    )


def decision_adopting(
    version: CharterVersion, *, carried: bool | None = True, closed: bool = True
) -> Decision:
    now = timezone.now()
    return Decision.objects.create(
        network=version.network,
        title=f"Принять устав, версия {version.number}",
        proposal="Принять устав.",
        closes_at=now,
        charter_version=version,
        status=DecisionStatus.CLOSED if closed else DecisionStatus.OPEN,
        closed_at=now if closed else None,
        carried=carried if closed else None,
    )
