"""What the projects' services check of what people type: texts (core's checks, trimmed, within a length,
present when required, free of control characters); amounts above zero; periods in order and inside the
project's dates. Each check adds its messages to `errors` (field -> messages), so that a service reports every
problem of a form at once in one ValidationError."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from birge.core.checks import line, text

# The text checks are core's; the services read every check of theirs from here.
__all__ = ["MAX_AMOUNT", "amount", "day", "decimal", "line", "period", "text"]

# The largest amount a DecimalField(max_digits=16, decimal_places=2) holds.
MAX_AMOUNT = Decimal("99999999999999.99")


def decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def amount(errors: dict, field: str, value, *, required: str, positive: bool = True) -> Decimal | None:
    """A sum of money or a measured value: present, a number within what the database keeps, and above
    zero when `positive`."""
    number = decimal(value)
    if number is None:
        errors.setdefault(field, []).append(required)
    elif positive and number <= 0:
        errors.setdefault(field, []).append(_("Give an amount greater than zero."))
    elif abs(number) > MAX_AMOUNT:
        errors.setdefault(field, []).append(_("This number is too large."))
    else:
        return number.quantize(Decimal("0.01"))
    return None


def day(value: dt.date) -> str:
    return date_format(value, "j E Y")


def period(
    errors: dict,
    start: dt.date | None,
    end: dt.date | None,
    *,
    within: tuple[dt.date | None, dt.date | None],
    fields: tuple[str, str] = ("period_start", "period_end"),
    outside: str = "",
) -> None:
    """`start` and `end` given, in order, and inside `within` (the project's dates, each of which may be
    unknown). `outside` is the message when they fall outside the project's dates, a whole sentence naming
    the thing (each language words it its own way), with %(start)s and %(end)s."""
    first, last = fields
    if start is None:
        errors.setdefault(first, []).append(_("Say when it starts."))
    if end is None:
        errors.setdefault(last, []).append(_("Say when it ends."))
    if start is None or end is None:
        return
    if end < start:
        errors.setdefault(last, []).append(_("The end comes before the start."))
        return
    begins, ends = within
    if (begins is not None and start < begins) or (ends is not None and end > ends):
        errors.setdefault(first, []).append(
            (outside or _("Keep it within the project's dates: %(start)s – %(end)s."))
            % {
                "start": day(begins) if begins else "…",
                "end": day(ends) if ends else "…",
            }
        )
