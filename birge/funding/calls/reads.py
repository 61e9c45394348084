"""What the public pages of calls read: published calls only, never a draft."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db.models import Q

from birge.funding.calls.models import Call, Status
from birge.funding.programs.models import Applicant, Mechanism

# Larger than any grant; what the amount column holds (16 digits, 2 after the point).
MAX_AMOUNT = Decimal("1e13")

# What the list offers by default: calls one may still apply to, or soon.
CURRENT = (Status.PUBLISHED, Status.OPEN)


@dataclass(frozen=True)
class CallFilters:
    country: str = ""
    region: str = ""
    mechanism: str = ""
    theme: str = ""
    applicant: str = ""
    amount: Decimal | None = None  # calls whose grant range includes this amount
    closes_before: str = ""  # an ISO date
    include_past: bool = False

    @classmethod
    def from_query(cls, params) -> CallFilters:
        def clean(name: str, allowed=None) -> str:
            # Only printable characters reach the database (PostgreSQL refuses a NUL in a text).
            value = "".join(char for char in (params.get(name) or "")[:64] if char.isprintable()).strip()
            return value if allowed is None or value in allowed else ""

        try:
            amount = Decimal(params.get("amount", "").replace(" ", "")) if params.get("amount") else None
        except InvalidOperation:
            amount = None
        if amount is not None and not (amount.is_finite() and 0 <= amount <= MAX_AMOUNT):
            amount = None
        closes = clean("closes_before")
        try:
            closes = date.fromisoformat(closes[:10]).isoformat() if closes else ""
        except ValueError:
            closes = ""
        return cls(
            country=clean("country").upper(),
            region=clean("region").upper(),
            mechanism=clean("mechanism", Mechanism.values),
            theme=clean("theme"),
            applicant=clean("applicant", Applicant.values),
            amount=amount,
            closes_before=closes,
            include_past=params.get("past") in ("1", "on", "true"),
        )


def public_calls(filters: CallFilters):
    calls = Call.objects.public().select_related("program", "program__operator")
    if not filters.include_past:
        calls = calls.filter(status__in=CURRENT)
    if filters.country:
        # A call without countries is open to every country.
        calls = calls.filter(Q(countries__code=filters.country) | Q(countries__isnull=True))
    if filters.region:
        calls = calls.filter(Q(regions__code=filters.region) | Q(regions__isnull=True))
    if filters.mechanism:
        calls = calls.filter(program__mechanism=filters.mechanism)
    if filters.theme:
        calls = calls.filter(
            Q(themes__slug=filters.theme) | Q(themes__parent__slug=filters.theme) | Q(themes__isnull=True)
        )
    if filters.applicant:
        # The list's JSON text holds each value in quotes, on SQLite and PostgreSQL alike; no value is
        # part of another.
        calls = calls.filter(applicants__icontains=f'"{filters.applicant}"')
    if filters.amount is not None:
        calls = calls.filter(Q(grant_min__isnull=True) | Q(grant_min__lte=filters.amount)).filter(
            Q(grant_max__isnull=True) | Q(grant_max__gte=filters.amount)
        )
    if filters.closes_before:
        calls = calls.filter(closes_at__date__lte=filters.closes_before)
    return calls.distinct().order_by("closes_at", "id")


def public_call_or_none(slug: str) -> Call | None:
    return (
        Call.objects.public()
        .select_related("program", "program__operator", "program__operator__country")
        .prefetch_related("countries", "regions", "themes", "criteria", "lots")
        .filter(slug=slug)
        .first()
    )
