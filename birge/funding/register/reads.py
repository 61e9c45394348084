"""What the public register reads: every announced call with its figures, every award, every program's
totals, grouped for the charts.

Only decided material reaches it. A call's application counts are aggregates (no application is named);
its funded count and amount come from approved decisions of calls that are decided (the applicants have
been told); awards are made only from those. Nothing of a draft call, an undecided, rejected or waitlisted
application is read here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from birge.core.models import Region, ThematicArea
from birge.funding.applications.models import Application
from birge.funding.applications.models import Status as ApplicationStatus
from birge.funding.awards.models import Award
from birge.funding.calls.models import PUBLIC_STATUSES, Call
from birge.funding.calls.models import Status as CallStatus
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.programs.models import Program

# A call's funding figures are public once its decisions are announced.
DECIDED = (CallStatus.DECIDED, CallStatus.ARCHIVED)
FIRST_YEAR = 2000


@dataclass(frozen=True)
class RegisterFilters:
    country: str = ""  # ISO code
    region: str = ""  # region code
    operator: str = ""  # the operator organization's slug
    theme: str = ""  # a thematic area's slug
    year: int | None = None

    @classmethod
    def from_query(cls, params) -> RegisterFilters:
        def clean(name: str) -> str:
            # Only printable characters reach the database (PostgreSQL refuses a NUL in a text).
            return "".join(char for char in (params.get(name) or "")[:64] if char.isprintable()).strip()

        year = clean("year")
        return cls(
            country=clean("country").upper(),
            region=clean("region").upper(),
            operator=clean("operator"),
            theme=clean("theme"),
            year=int(year) if year.isdigit() and FIRST_YEAR <= int(year) <= 2100 else None,
        )

    def query(self) -> dict[str, str]:
        """The filters as a query string's parameters, for the download links."""
        values = {
            "country": self.country,
            "region": self.region,
            "operator": self.operator,
            "theme": self.theme,
            "year": str(self.year or ""),
        }
        return {name: value for name, value in values.items() if value}


def awards(filters: RegisterFilters) -> QuerySet[Award]:
    """Every award the filters select, newest first, with what a row of the register shows."""
    rows = Award.objects.select_related(
        "organization", "country", "region", "application__call__program__operator"
    )
    if filters.country:
        rows = rows.filter(country__code=filters.country)
    if filters.region:
        rows = rows.filter(region__code=filters.region)
    if filters.operator:
        rows = rows.filter(application__call__program__operator__slug=filters.operator)
    if filters.theme:
        rows = rows.filter(_theme_of("application__call__", filters.theme)).distinct()
    if filters.year:
        rows = rows.filter(signed_on__year=filters.year)
    return rows.order_by("-signed_on", "-id")


def _theme_of(prefix: str, slug: str) -> Q:
    return Q(**{f"{prefix}themes__slug": slug}) | Q(**{f"{prefix}themes__parent__slug": slug})


@dataclass
class CallFigures:
    call: Call
    received: int
    eligible: int
    requested: Decimal
    funded: int
    awarded: Decimal

    @property
    def decided(self) -> bool:
        return self.call.status in DECIDED


def calls(filters: RegisterFilters) -> list[CallFigures]:
    """Every announced call the filters select, with its figures, in three queries whatever their number."""
    rows = Call.objects.public().select_related("program__operator")
    if filters.country:
        rows = rows.filter(program__operator__country__code=filters.country)
    if filters.region:
        rows = rows.filter(Q(regions__code=filters.region) | Q(regions__isnull=True))
    if filters.operator:
        rows = rows.filter(program__operator__slug=filters.operator)
    if filters.theme:
        rows = rows.filter(_theme_of("", filters.theme))
    if filters.year:
        rows = rows.filter(published_at__year=filters.year)
    rows = list(rows.distinct().order_by("-published_at", "-id"))
    ids = [call.pk for call in rows]
    # Received: every application that was submitted, withdrawn since or not. Eligible: submitted and still
    # standing (submission requires passing every eligibility rule).
    counted = {
        row["call"]: row
        for row in Application.objects.filter(call__in=ids, submitted_at__isnull=False)
        .values("call")
        .annotate(
            received=Count("id"),
            eligible=Count("id", filter=Q(status=ApplicationStatus.SUBMITTED)),
            requested=Sum("requested_amount"),
        )
    }
    funded = {
        row["application__call"]: row
        for row in Decision.objects.filter(
            application__call__in=ids, application__call__status__in=DECIDED, outcome=Outcome.APPROVED
        )
        .values("application__call")
        .annotate(funded=Count("id"), awarded=Sum("amount"))
    }
    figures = []
    for call in rows:
        count = counted.get(call.pk, {})
        decided = funded.get(call.pk, {})
        figures.append(
            CallFigures(
                call=call,
                received=count.get("received", 0),
                eligible=count.get("eligible", 0),
                requested=count.get("requested") or Decimal(0),
                funded=decided.get("funded", 0),
                awarded=decided.get("awarded") or Decimal(0),
            )
        )
    return figures


@dataclass
class ProgramTotals:
    program: Program
    calls: int = 0
    received: int = 0
    funded: int = 0
    awarded: Decimal = Decimal(0)


def program_totals(figures: list[CallFigures]) -> list[ProgramTotals]:
    """Each program's totals over the calls listed (so the filters apply to them too)."""
    totals: dict[int, ProgramTotals] = {}
    for row in figures:
        program = row.call.program
        total = totals.setdefault(program.pk, ProgramTotals(program=program))
        total.calls += 1
        total.received += row.received
        total.funded += row.funded
        total.awarded += row.awarded
    return sorted(totals.values(), key=lambda total: total.program.title)


@dataclass
class Group:
    """One bar of a chart: a label, how many awards, and their amounts by currency."""

    label: str
    count: int = 0
    amounts: dict[str, Decimal] = field(default_factory=dict)


def _grouped(rows, label_of) -> list[Group]:
    groups: dict[str, Group] = {}
    for key, label, currency, count, amount in rows:
        group = groups.setdefault(key, Group(label=label_of(key, label)))
        group.count += count
        group.amounts[currency] = group.amounts.get(currency, Decimal(0)) + (amount or Decimal(0))
    return list(groups.values())


def _grouped_by(selected: QuerySet[Award], field: str, model, empty: str) -> list[Group]:
    """The awards grouped by `field` (a key of `model`), the largest group first; no key counts under
    `empty`."""
    rows = (
        selected.order_by()
        .values_list(field, "currency")
        .annotate(count=Count("id", distinct=True), amount=Sum("amount"))
    )
    names = {item.pk: str(item) for item in model.objects.filter(pk__in={row[0] for row in rows})}
    groups = _grouped(
        ((key, names.get(key), currency, count, amount) for key, currency, count, amount in rows),
        lambda key, label: label or empty,
    )
    return sorted(groups, key=lambda group: (-group.count, group.label))


def by_region(selected: QuerySet[Award], no_region: str) -> list[Group]:
    return _grouped_by(selected, "region_id", Region, no_region)


def by_theme(selected: QuerySet[Award], no_theme: str) -> list[Group]:
    """An award counts under each theme of its call; a call without themes counts under `no_theme`."""
    return _grouped_by(selected, "application__call__themes", ThematicArea, no_theme)


def by_year(selected: QuerySet[Award]) -> list[Group]:
    rows = (
        selected.order_by()
        .annotate(year=ExtractYear("signed_on"))
        .values_list("year", "currency")
        .annotate(count=Count("id", distinct=True), amount=Sum("amount"))
    )
    groups = _grouped(
        ((year, str(year), currency, count, amount) for year, currency, count, amount in rows),
        lambda key, label: label,
    )
    return sorted(groups, key=lambda group: group.label)


def filter_choices() -> dict:
    """The operators that run programs with announced calls, and the years of awards, for the filters."""
    operators = (
        Program.objects.filter(calls__status__in=PUBLIC_STATUSES)
        .values_list("operator__slug", "operator__name")
        .distinct()
        .order_by("operator__name")
    )
    years = (
        Award.objects.order_by()
        .annotate(year=ExtractYear("signed_on"))
        .values_list("year", flat=True)
        .distinct()
    )
    return {"operators": list(operators), "years": sorted(set(years), reverse=True)}
