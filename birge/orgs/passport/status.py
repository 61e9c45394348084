"""What in a passport is out of date. A funder trusts a passport only as far as it is current, so the page
lists every gap at the top, for the owner to fix and for the funder to see.

The rules: a section never filled in, or not confirmed as current within twelve months; finances missing
any of the last three completed years; a policy without its document."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from birge.orgs.passport.models import Passport, PassportFinancialYear, PassportPolicy

# How long a confirmation holds.
FRESH_FOR = timedelta(days=365)

SECTIONS: dict[str, Any] = {
    "registration": _("Registration"),
    "governance": _("Governance"),
    "finances": _("Finances"),
    "policies": _("Policies"),
    "audits": _("Audits"),
}


@dataclass(frozen=True)
class Gap:
    section: str
    message: str


def completed_years(today=None, count: int = 3) -> list[int]:
    """The last `count` completed calendar years, newest first."""
    year = (today or timezone.localdate()).year
    return [year - n for n in range(1, count + 1)]


def financial_year_choices(today: date | None = None) -> list[int]:
    """The years a financial year may be entered for: the current one and the last three completed."""
    today = today or timezone.localdate()
    return [today.year, *completed_years(today)]


def section_filled(
    passport: Passport,
    section: str,
    financial_years: Iterable[PassportFinancialYear],
    policies: Iterable[PassportPolicy],
) -> bool:
    """Whether the section has content. The audits section counts as filled once confirmed: having had no
    audit is an answer too."""
    if section == "registration":
        return bool(passport.registration_number or passport.registration_date)
    if section == "governance":
        return bool(passport.board.strip())
    if section == "finances":
        return any(True for _year in financial_years)
    if section == "policies":
        return any(True for _policy in policies)
    return passport.audits_updated_at is not None


def updated_at(passport: Passport, section: str) -> datetime | None:
    return getattr(passport, f"{section}_updated_at")


def out_of_date(
    passport: Passport,
    *,
    financial_years: Iterable[PassportFinancialYear],
    policies: Iterable[PassportPolicy],
    now: datetime | None = None,
) -> list[Gap]:
    """Every gap, in the order of the page. Takes the already loaded years and policies: no queries."""
    now = now or timezone.now()
    financial_years, policies = list(financial_years), list(policies)
    gaps = []
    for section, label in SECTIONS.items():
        confirmed = updated_at(passport, section)
        if not section_filled(passport, section, financial_years, policies):
            gaps.append(Gap(section, gettext("%(section)s: not filled in.") % {"section": label}))
        elif confirmed is None or now - confirmed > FRESH_FOR:
            gaps.append(
                Gap(
                    section,
                    gettext("%(section)s: not confirmed as current within the last twelve months.")
                    % {"section": label},
                )
            )
    have = {entry.year for entry in financial_years}
    for year in completed_years(timezone.localtime(now).date()):
        if year not in have:
            gaps.append(Gap("finances", gettext("Finances: the year %(year)s is missing.") % {"year": year}))
    documented = {policy.kind for policy in policies if policy.document}
    for kind, label in PassportPolicy.Kind.choices:
        if kind not in documented:
            gaps.append(Gap("policies", gettext("Policy on %(policy)s: no document.") % {"policy": label}))
    return gaps
