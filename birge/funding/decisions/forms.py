"""The committee's form of a decision on one application."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.funding.applications.budget import parse_amount
from birge.funding.decisions.models import Decision, Outcome

# Reasons are read by the applicant in a notification and an e-mail: long enough for a real explanation.
MAX_REASONS = 5000


def amount_text(amount: Decimal | None) -> str:
    """An amount as the input shows it: digits only, so it reads back the same in every language."""
    if amount is None:
        return ""
    return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"


class DecisionForm(PlainTextForm, forms.Form):
    """Which rules a decision must meet (an amount for an approval, within the request, the grant range and
    the budget; reasons) are the service's: the form only reads what was typed."""

    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect)
    # Text, not a number input: people type "2 400 000" or "2400000,50", as in the budget table.
    amount = forms.CharField(
        label=_("Amount granted"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 14}),
        help_text=_("For an approval: at most the amount requested."),
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=MAX_REASONS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The applicant reads them with the decision."),
    )

    def __init__(self, *args, application, decision: Decision | None = None, **kwargs):
        if decision is not None:
            initial = {
                "outcome": decision.outcome,
                "amount": amount_text(decision.amount or application.requested_amount),
                "reasons": decision.reasons,
            }
        else:
            initial = {"amount": amount_text(application.requested_amount)}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        data = super().clean()
        # Only an approval has an amount: what is left in the box when rejecting is not an error.
        if data.get("outcome") != Outcome.APPROVED:
            data["amount"] = None
            return data
        text = (data.get("amount") or "").strip()
        amount = parse_amount(text) if text else None
        if text and amount is None:
            self.add_error("amount", _("Write an amount in digits, such as 2 400 000."))
        data["amount"] = amount
        return data
