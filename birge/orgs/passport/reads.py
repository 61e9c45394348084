"""What the passport pages show, loaded in a fixed number of queries however many years, policies, audits,
shares and reads there are."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from birge.orgs.passport.files import read_label
from birge.orgs.passport.models import (
    Passport,
    PassportFinancialYear,
    PassportPolicy,
    PassportRead,
    PassportShare,
)
from birge.orgs.passport.permissions import PassportAccess
from birge.orgs.passport.status import Gap, financial_year_choices, out_of_date
from birge.orgs.profiles.models import Organization

AUDITS_SHOWN = 10
READS_ON_PASSPORT = 5
READS_ON_SHARING = 20
SHARES_ON_SHARING = 30
INCOME_FIELDS = PassportFinancialYear.INCOME_FIELDS


@dataclass(frozen=True)
class FinanceColumn:
    year: int
    row: PassportFinancialYear | None


@dataclass(frozen=True)
class FinanceRow:
    label: Any
    values: list[Decimal | None]
    strong: bool = False


def _label(name: str) -> Any:
    return PassportFinancialYear._meta.get_field(name).verbose_name


def finance_table(years: list[PassportFinancialYear]) -> tuple[list[FinanceColumn], list[FinanceRow]]:
    """A column per year (the last three completed, oldest first, then the current one if entered) and a
    row per figure."""
    by_year = {row.year: row for row in years}
    current, *completed = financial_year_choices()
    shown = sorted(completed) + ([current] if current in by_year else [])
    columns = [FinanceColumn(year, by_year.get(year)) for year in shown]
    rows = [
        FinanceRow(_label(name), [getattr(c.row, name) if c.row else None for c in columns])
        for name in INCOME_FIELDS
    ]
    totals = [
        sum((getattr(c.row, name) for name in INCOME_FIELDS), Decimal(0)) if c.row else None for c in columns
    ]
    rows.append(FinanceRow(_("total income"), totals, strong=True))
    rows.append(
        FinanceRow(_label("expenditure"), [c.row.expenditure if c.row else None for c in columns], True)
    )
    return columns, rows


def _with_labels(shares: list[PassportShare]) -> list[PassportShare]:
    now = timezone.now()
    for share in shares:
        share.is_active = share.revoked_at is None and share.expires_at > now
        for read in share.latest_reads:
            read.label = read_label(read.what)
    return shares


def _shares(passport: Passport, reads: int):
    return (
        PassportShare.objects.filter(passport=passport)
        .select_related("funder", "shared_by", "revoked_by")
        .annotate(read_count=Count("reads"))
        .prefetch_related(
            Prefetch(
                "reads",
                queryset=PassportRead.objects.select_related("reader").order_by("-read_at", "-pk")[:reads],
                to_attr="latest_reads",
            )
        )
    )


def passport_page(organization: Organization, access: PassportAccess) -> dict[str, Any]:
    passport = Passport.objects.filter(organization=organization).first()
    if passport is None:
        passport, years, policies, audits = Passport(organization=organization), [], [], []
    else:
        oldest = min(financial_year_choices())
        years = list(passport.financial_years.filter(year__gte=oldest))
        policies = list(passport.policies.all())
        audits = list(passport.audits.all()[:AUDITS_SHOWN])
    by_kind = {policy.kind: policy for policy in policies}
    columns, rows = finance_table(years)
    gaps: list[Gap] = out_of_date(passport, financial_years=years, policies=policies)
    shares = []
    if access.is_member and passport.pk is not None:
        shares = _with_labels(list(_shares(passport, READS_ON_PASSPORT).active()))
    return {
        "organization": organization,
        "passport": passport,
        "access": access,
        "gaps": gaps,
        "finance_columns": columns,
        "finance_rows": rows,
        "policies": [(kind, label, by_kind.get(kind)) for kind, label in PassportPolicy.Kind.choices],
        "audits": audits,
        "shares": shares,
    }


def sharing_page(organization: Organization) -> list[PassportShare]:
    """The organization's shares, newest first, each with its latest reads."""
    passport = Passport.objects.filter(organization=organization).first()
    if passport is None:
        return []
    return _with_labels(list(_shares(passport, READS_ON_SHARING)[:SHARES_ON_SHARING]))
