"""The officer's form of an award: the project's dates, the threshold of budget variance, and three rows
each of payments, reports and indicators (empty rows are left out).

The form reads what was typed into plans; whether the plans make an agreement (payments adding up to the
amount granted, reports in order, the last one final) is the service's rule, and its errors are shown by the
table they are about."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.forms import PlainTextForm, apply_errors, date_input
from birge.funding.applications.budget import parse_amount
from birge.funding.awards.services import IndicatorPlan, ReportPlan, TranchePlan
from birge.funding.decisions.forms import amount_text
from birge.funding.reports.models import Kind as ReportKind

# Three of each fit most small grants; an agreement that needs more is the exception this form does not cover.
ROWS = 3
SIGNING = "signing"
# The service's error keys that are about a table, not a field.
TABLES = ("tranches", "reports", "indicators")


def amount_input() -> forms.TextInput:
    # Text, not a number input: people type "2 400 000" or "2400000,50", as in the application's budget.
    return forms.TextInput(attrs={"inputmode": "decimal", "size": 14})


def read_amount(form: forms.Form, name: str, *, required: bool = False) -> Decimal | None:
    """The amount typed in `name`, or None with an error by the field (text, a negative amount, more than
    two decimals)."""
    text = (form.cleaned_data.get(name) or "").strip()
    if not text:
        if required:
            form.add_error(name, _("Give an amount."))
        return None
    amount = parse_amount(text)
    if amount is None:
        negative = text.startswith(("-", "−")) and parse_amount(text.lstrip("-−").strip()) is not None
        form.add_error(
            name,
            _("An amount cannot be negative.")
            if negative
            else _("Write an amount in digits, with at most two decimals, such as 2 400 000."),
        )
    return amount


class AwardForm(PlainTextForm, forms.Form):
    starts_on = forms.DateField(label=gettext_lazy("Project starts"), widget=date_input())
    ends_on = forms.DateField(label=gettext_lazy("Project ends"), widget=date_input())
    variance_threshold = forms.IntegerField(
        label=gettext_lazy("Explain a budget line that differs from the plan by more than, %"),
        min_value=1,
        max_value=100,
        initial=10,
        help_text=gettext_lazy("The grantee comments on each such line of a report."),
        widget=forms.NumberInput(attrs={"size": 4}),
    )

    def __init__(self, *args, amount: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_errors: dict[str, list[str]] = {}
        conditions = [(SIGNING, _("on signing"))] + [
            (f"report-{n}", _("after report %(number)s is accepted") % {"number": n})
            for n in range(1, ROWS + 1)
        ]
        for n in range(ROWS):
            number = {"number": n + 1}
            self.fields[f"t-{n}-amount"] = forms.CharField(
                label=_("Amount of payment %(number)s") % number,
                required=False,
                max_length=30,
                widget=amount_input(),
            )
            self.fields[f"t-{n}-due_on"] = forms.DateField(
                label=_("Payment %(number)s is due") % number, required=False, widget=date_input()
            )
            self.fields[f"t-{n}-condition"] = forms.ChoiceField(
                label=_("Payment %(number)s is made") % number,
                choices=conditions,
                initial=SIGNING,
                required=False,
            )
            self.fields[f"r-{n}-due_on"] = forms.DateField(
                label=_("Report %(number)s is due") % number, required=False, widget=date_input()
            )
            for name, label, width in (
                ("title", _("Indicator %(number)s"), 200),
                ("unit", _("Unit of indicator %(number)s"), 40),
                ("baseline", _("Baseline of indicator %(number)s"), 30),
                ("target", _("Target of indicator %(number)s"), 30),
            ):
                widget = amount_input() if name in ("baseline", "target") else forms.TextInput()
                self.fields[f"i-{n}-{name}"] = forms.CharField(
                    label=label % number, required=False, max_length=width, widget=widget
                )
        # The whole amount in one payment on signing: the commonest agreement, changed when it is not.
        self.initial.setdefault("t-0-amount", amount_text(amount))

    def rows(self, prefix: str, names: tuple[str, ...]):
        for n in range(ROWS):
            yield n + 1, [self[f"{prefix}-{n}-{name}"] for name in names]

    def tranche_rows(self):
        return self.rows("t", ("amount", "due_on", "condition"))

    def report_rows(self):
        return self.rows("r", ("due_on",))

    def indicator_rows(self):
        return self.rows("i", ("title", "unit", "baseline", "target"))

    def clean(self) -> dict:
        data = super().clean()
        # Reports are numbered in the order of the rows filled: a payment names a row, and gets its number.
        report_numbers: dict[int, int] = {}
        reports = []
        for n in range(ROWS):
            due_on = data.get(f"r-{n}-due_on")
            if due_on is not None:
                reports.append(due_on)
                report_numbers[n + 1] = len(reports)
        data["reports"] = [
            ReportPlan(due_on=due_on, kind=ReportKind.FINAL if number == len(reports) else ReportKind.INTERIM)
            for number, due_on in enumerate(reports, start=1)
        ]
        data["tranches"] = []
        for n in range(ROWS):
            typed = (data.get(f"t-{n}-amount") or "").strip()
            due_on = data.get(f"t-{n}-due_on")
            if not typed and due_on is None and f"t-{n}-due_on" not in self.errors:
                continue
            amount = read_amount(self, f"t-{n}-amount", required=True)
            if due_on is None and f"t-{n}-due_on" not in self.errors:
                self.add_error(f"t-{n}-due_on", _("Give the date this payment is due."))
            condition = data.get(f"t-{n}-condition") or SIGNING
            after_report = None
            if condition != SIGNING:
                row = int(condition.removeprefix("report-"))
                after_report = report_numbers.get(row)
                if after_report is None:
                    self.add_error(
                        f"t-{n}-condition",
                        _("Report %(number)s has no due date: give it one, or choose another condition.")
                        % {"number": row},
                    )
            if amount is not None and due_on is not None:
                data["tranches"].append(TranchePlan(amount=amount, due_on=due_on, after_report=after_report))
        data["indicators"] = []
        for n in range(ROWS):
            title = (data.get(f"i-{n}-title") or "").strip()
            unit = (data.get(f"i-{n}-unit") or "").strip()
            if not any((title, unit, data.get(f"i-{n}-baseline"), data.get(f"i-{n}-target"))):
                continue
            if not title:
                self.add_error(f"i-{n}-title", _("Name the indicator."))
            baseline = read_amount(self, f"i-{n}-baseline")
            target = read_amount(self, f"i-{n}-target", required=True)
            if title and target is not None:
                data["indicators"].append(
                    IndicatorPlan(title=title, unit=unit, baseline=baseline or Decimal(0), target=target)
                )
        return data

    def plans(self) -> dict:
        """The service's arguments, once the form is valid."""
        return {
            name: self.cleaned_data[name]
            for name in ("starts_on", "ends_on", "variance_threshold", "tranches", "reports", "indicators")
        }

    def apply_service_errors(self, error: ValidationError) -> None:
        """The service's errors by what they are about: a field, a table (payments, reports, indicators), or
        the whole form."""
        apply_errors(self, error, tables=TABLES)
