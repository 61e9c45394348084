"""An application's budget table: lines with a category, the amount requested, and co-financing from a
named source; the totals and the co-financing share that the call's rule is checked against."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# More lines than any real small-grant budget has; a limit keeps a draft from growing without end.
MAX_LINES = 60


def parse_amount(value) -> Decimal | None:
    """A non-negative amount with at most two decimals from what someone typed ("1 200 000,50"), or None."""
    if value in (None, ""):
        return None
    text = str(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e13"):
        return None
    if amount != amount.quantize(Decimal("0.01")):
        return None
    return amount


def clean_lines(rows) -> list[dict[str, str]]:
    """Lines as stored in a draft: texts kept as typed (so nothing is lost), empty rows dropped."""
    lines = []
    for row in rows[:MAX_LINES]:
        line = {
            name: " ".join(str(row.get(name) or "").split())[:200]
            for name in ("category", "requested", "cofinancing", "source")
        }
        if any(line.values()):
            lines.append(line)
    return lines


@dataclass(frozen=True)
class Totals:
    requested: Decimal
    cofinancing: Decimal
    by_source: dict[str, Decimal]
    unreadable: list[int]  # 1-based numbers of lines whose amounts are not amounts

    @property
    def total(self) -> Decimal:
        return self.requested + self.cofinancing

    @property
    def share(self) -> Decimal | None:
        """The share of the project's cost from other sources, in percent, to one decimal."""
        if not self.total:
            return None
        return (self.cofinancing * 100 / self.total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def totals(lines: list[dict[str, str]]) -> Totals:
    requested = cofinancing = Decimal(0)
    by_source: dict[str, Decimal] = {}
    unreadable = []
    for number, line in enumerate(lines, start=1):
        asked = parse_amount(line.get("requested")) if line.get("requested") else Decimal(0)
        other = parse_amount(line.get("cofinancing")) if line.get("cofinancing") else Decimal(0)
        if asked is None or other is None:
            unreadable.append(number)
            continue
        requested += asked
        cofinancing += other
        if other:
            source = line.get("source") or ""
            by_source[source] = by_source.get(source, Decimal(0)) + other
    return Totals(requested, cofinancing, by_source, unreadable)
