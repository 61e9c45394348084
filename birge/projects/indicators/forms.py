"""The forms of a project's indicators, the values of a period (one form for every indicator) and its
progress reports. Their rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm, date_input
from birge.projects.indicators.services import MAX_COMMENT, MAX_NAME, MAX_REPORT, MAX_REPORT_TITLE, MAX_UNIT


def _number(label, **kwargs) -> forms.DecimalField:
    # Whether it must be given is the service's rule, with its own message.
    return forms.DecimalField(label=label, max_digits=16, decimal_places=2, required=False, **kwargs)


class IndicatorForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=MAX_NAME)
    unit = forms.CharField(
        label=_("Unit"), max_length=MAX_UNIT, required=False, help_text=_("people, %, events…")
    )
    baseline = _number(_("Baseline"), help_text=_("Where it stood before the project; 0 if nothing."))
    baseline_year = forms.IntegerField(label=_("Baseline year"), required=False)
    target = _number(_("Target"), help_text=_("Where the project means to bring it."))


class ValuesForm(PlainTextForm, forms.Form):
    """The values every indicator reached in one period: a pair of fields (value, comment) for each
    indicator; an indicator left empty keeps what it had."""

    period_start = forms.DateField(label=_("Period from"), widget=date_input(), required=False)
    period_end = forms.DateField(label=_("Period to"), widget=date_input(), required=False)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            unit = f" ({indicator.unit})" if indicator.unit else ""
            self.fields[f"actual_{indicator.pk}"] = _number(f"{indicator.name}{unit}")
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(
                label=_("Comment"), max_length=MAX_COMMENT, required=False
            )

    def rows(self):
        """(indicator, its value field, its comment field), for the template."""
        return [(i, self[f"actual_{i.pk}"], self[f"comment_{i.pk}"]) for i in self.indicators]

    def given(self):
        """(indicator, value, comment) for each indicator whose value was given."""
        data = self.cleaned_data
        return [
            (i, data[f"actual_{i.pk}"], data[f"comment_{i.pk}"])
            for i in self.indicators
            if data.get(f"actual_{i.pk}") is not None
        ]


class ReportForm(PlainTextForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_REPORT_TITLE)
    period_start = forms.DateField(label=_("Period from"), widget=date_input(), required=False)
    period_end = forms.DateField(label=_("Period to"), widget=date_input(), required=False)
    text = forms.CharField(
        label=_("What was done, what changed, what was hard"),
        widget=forms.Textarea(attrs={"rows": 12}),
        # A little over the service's limit, so that its message (with the length) is the one people read.
        max_length=MAX_REPORT + 1000,
        help_text=_("Markdown: **bold**, _italic_, [link](https://…), lists with “-”."),
    )
