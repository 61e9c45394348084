"""The grantee's form of a report (narrative, currency, each budget line's spending, indicator values, a
file of evidence) and the officer's form of a decision on it.

The report form keeps everything the grantee typed that can be kept; an amount that is not an amount is
refused by its field. Whether the figures agree (variance, spending beyond what was paid, every indicator
given) is asked only on submission, by the service."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.forms import PlainTextForm, apply_errors
from birge.funding.awards.forms import amount_input, read_amount
from birge.funding.decisions.forms import amount_text
from birge.funding.programs.models import Currency
from birge.funding.reports.services import ReportInput

# Long enough for a real account of a year's work; the limit keeps one report from growing without end.
MAX_TEXT = 20000
# The service's error keys that are about the tables, not a field.
TABLES = ("lines", "values")


class ReportForm(PlainTextForm, forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    narrative = forms.CharField(
        label=gettext_lazy("What was done in this period"),
        required=False,
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    currency = forms.ChoiceField(label=gettext_lazy("Currency of the amounts"), choices=Currency.choices)
    financial_comment = forms.CharField(
        label=gettext_lazy("Comment on the spending"),
        required=False,
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Needed when more was spent than the payments received so far: say where the rest came from."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("Attach a file"),
        required=False,
        help_text=gettext_lazy(
            "Receipts, photos, lists of participants: PDF, PNG, JPEG, WebP, DOCX, XLSX or ODT, at most "
            "10 MB. Photos are re-encoded and their metadata (such as location) removed."
        ),
    )

    def __init__(self, *args, report, lines, indicators, values, **kwargs):
        """`lines`: the report's budget lines; `indicators`: the award's; `values`: {indicator id: value}."""
        initial = {
            "revision": report.revision,
            "narrative": report.narrative,
            "currency": report.currency or report.award.currency,
            "financial_comment": report.financial_comment,
        }
        for line in lines:
            initial[f"l-{line.position}-spent"] = amount_text(line.spent) if line.spent else ""
            initial[f"l-{line.position}-comment"] = line.comment
        for indicator in indicators:
            given = values.get(indicator.pk)
            initial[f"v-{indicator.pk}-value"] = amount_text(given.value) if given else ""
            initial[f"v-{indicator.pk}-comment"] = given.comment if given else ""
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.lines = lines
        self.indicators = indicators
        self.group_errors: dict[str, list[str]] = {}
        for line in lines:
            self.fields[f"l-{line.position}-spent"] = forms.CharField(
                label=_("Spent on “%(line)s”") % {"line": line.category},
                required=False,
                max_length=30,
                widget=amount_input(),
            )
            self.fields[f"l-{line.position}-comment"] = forms.CharField(
                label=_("Comment on “%(line)s”") % {"line": line.category},
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for indicator in indicators:
            self.fields[f"v-{indicator.pk}-value"] = forms.CharField(
                label=_("Value reached for “%(indicator)s”") % {"indicator": indicator.title},
                required=False,
                max_length=30,
                widget=amount_input(),
            )
            self.fields[f"v-{indicator.pk}-comment"] = forms.CharField(
                label=_("Comment on “%(indicator)s”") % {"indicator": indicator.title},
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def line_rows(self):
        for line in self.lines:
            yield line, self[f"l-{line.position}-spent"], self[f"l-{line.position}-comment"]

    def indicator_rows(self):
        for indicator in self.indicators:
            yield indicator, self[f"v-{indicator.pk}-value"], self[f"v-{indicator.pk}-comment"]

    def clean(self) -> dict:
        data = super().clean()
        data["spent"] = {line.position: read_amount(self, f"l-{line.position}-spent") for line in self.lines}
        data["values"] = {
            indicator.pk: read_amount(self, f"v-{indicator.pk}-value") for indicator in self.indicators
        }
        return data

    def report_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            narrative=data["narrative"],
            currency=data["currency"],
            financial_comment=data["financial_comment"],
            spent=data["spent"],
            line_comments={line.position: data[f"l-{line.position}-comment"] for line in self.lines},
            values=data["values"],
            value_comments={indicator.pk: data[f"v-{indicator.pk}-comment"] for indicator in self.indicators},
        )

    def unsaved(self) -> list[tuple[str, str]]:
        """(label, text) of each answer typed here that differs from the report as stored (`initial`)."""
        typed = []
        for name, field in self.fields.items():
            if name in ("revision", "currency", "file"):
                continue
            value = str(self[name].value() or "").strip()
            if value and value != str(self.initial.get(name) or "").strip():
                typed.append((str(field.label), value))
        return typed

    def apply_service_errors(self, error: ValidationError) -> None:
        apply_errors(self, error, tables=TABLES)


class DecideForm(PlainTextForm, forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comments for the grantee"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Needed when you ask for changes: say what should change. The grantee reads it."
        ),
    )
