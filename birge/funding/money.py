"""Amounts as messages and e-mails write them: whole units, grouped in the reader's language."""

from decimal import Decimal

from django.utils.formats import number_format


def money(amount) -> str:
    return number_format(Decimal(amount), decimal_pos=0, use_l10n=True, force_grouping=True)
