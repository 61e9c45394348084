"""Quantities as people read them: "12", "2,5", "1 500 000" in the page's language, never "12.00"."""

from decimal import Decimal

from django.template.defaultfilters import floatformat


def amount(value: Decimal) -> str:
    """`value` with its decimals only where it has any, grouped by thousands as the language writes it."""
    return floatformat(value, "-2g")
