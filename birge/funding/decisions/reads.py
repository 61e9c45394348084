"""What the committee's pages read: the call's budget so far, and one application laid out section by
section as its form asked it, with its budget, partners, files and reviews. A constant number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from birge.funding.applications.budget import Totals, parse_amount, totals
from birge.funding.applications.models import Application
from birge.funding.builder.models import FieldType
from birge.funding.calls.models import Call
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.review.models import Assignment, Conflict


@dataclass(frozen=True)
class BudgetSummary:
    ceiling: Decimal | None
    approved: Decimal

    @property
    def left(self) -> Decimal | None:
        return None if self.ceiling is None else self.ceiling - self.approved


def budget_summary(call: Call) -> BudgetSummary:
    """The call's budget, and what the approvals so far take of it (the sum the decision service checks)."""
    approved = Decision.objects.filter(application__call=call, outcome=Outcome.APPROVED).aggregate(
        total=Sum("amount")
    )["total"]
    return BudgetSummary(call.budget_ceiling, approved or Decimal(0))


@dataclass(frozen=True)
class Answer:
    field: dict[str, Any]
    value: Any  # text, a list of choices, a date, or None when not answered
    files: list[str] = field(default_factory=list)  # names of the files answering a file field

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
        return _amount(str(value))
    return value


def _amount(text: str) -> Decimal | str:
    amount = parse_amount(text) if text else Decimal(0)
    return text if amount is None else amount


def _line_amount(text: str) -> Amount:
    return Amount(text, parse_amount(text) if text else Decimal(0))


def application_content(application: Application) -> Content:
    """The application as submitted, in the order and with the labels of the form it was written on."""
    files: dict[str, list[str]] = defaultdict(list)
    for key, name in application.attachments.values_list("field_key", "name"):
        files[key].append(name)
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


def reviews_of(application: Application) -> list[Assignment]:
    """The reviewers on the application (those who declared a conflict are off it) and their totals; named,
    as only the program's staff read this."""
    return list(
        application.assignments.exclude(conflict=Conflict.DECLARED)
        .select_related("reviewer")
        .order_by("submitted_at", "pk")
    )
