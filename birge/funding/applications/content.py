"""An application as its readers see it once submitted — the applicant, its reviewers, the committee and
those who run the call: section by section in the order and with the labels of the form it was written on,
with its budget, partners and files. What the applicant typed is kept as typed where it does not read as
the date or the amount the question asked for, so that no reader is shown less than was written. Two
queries (files, partners), whatever the size of the application; the page includes
`funding/applications/includes/content.html` to show it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from birge.funding.applications.budget import Totals, parse_amount, totals
from birge.funding.applications.models import Application, Attachment
from birge.funding.builder.models import FieldType


@dataclass(frozen=True)
class Answer:
    field: dict[str, Any]
    value: Any  # text, a list of choices, a date, an amount, or None when not answered
    files: list[Attachment] = field(default_factory=list)  # the files answering a file field

    @property
    def kind(self) -> str:
        return self.field["type"]

    # What a template cannot tell by itself: whether the answer read as a date or an amount.
    @property
    def when(self) -> dt.date | None:
        return self.value if isinstance(self.value, dt.date) else None

    @property
    def amount(self) -> Decimal | None:
        return self.value if isinstance(self.value, Decimal) else None


@dataclass(frozen=True)
class Section:
    title: str
    answers: list[Answer]


@dataclass(frozen=True)
class Amount:
    """An amount of a budget line: read as a number, or as typed when it is not one."""

    typed: str
    value: Decimal | None


@dataclass(frozen=True)
class BudgetLine:
    category: str
    requested: Amount
    cofinancing: Amount
    source: str


@dataclass(frozen=True)
class Content:
    sections: list[Section]
    budget: list[BudgetLine]
    totals: Totals
    partners: list  # Partner rows with their organization


def _value(kind: str, value: Any) -> Any:
    if value in (None, "", []):
        return None
    if kind == FieldType.MULTI_CHOICE:
        return value if isinstance(value, list) else [value]
    if kind == FieldType.DATE:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if kind == FieldType.MONEY:
        amount = parse_amount(str(value))
        return str(value) if amount is None else amount
    return value


def _line_amount(text: str) -> Amount:
    return Amount(text, parse_amount(text) if text else Decimal(0))


def application_content(application: Application) -> Content:
    """The application as submitted, in the order and with the labels of the form it was written on."""
    files: dict[str, list[Attachment]] = defaultdict(list)
    for attachment in application.attachments.all():
        files[attachment.field_key].append(attachment)
    sections: dict[str, Section] = {}
    for section, question in application.form.fields():
        if section["key"] not in sections:
            sections[section["key"]] = Section(section.get("title", ""), [])
        kind = question["type"]
        value = (
            None if kind in (FieldType.FILE, FieldType.BUDGET) else application.answers.get(question["key"])
        )
        sections[section["key"]].answers.append(
            Answer(question, _value(kind, value), files.get(question["key"], []))
        )
    lines = [
        BudgetLine(
            line.get("category", ""),
            _line_amount(line.get("requested", "")),
            _line_amount(line.get("cofinancing", "")),
            line.get("source", ""),
        )
        for line in application.budget
    ]
    return Content(
        list(sections.values()),
        lines,
        totals(application.budget),
        list(application.partners.select_related("organization").order_by("pk")),
    )
