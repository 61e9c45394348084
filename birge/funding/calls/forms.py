"""The officer's forms of a call: its settings, its eligibility and its criteria."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.core.models import Country, Region, ThematicArea
from birge.funding.programs.models import Applicant

# The zones of the countries Birge serves; a call's dates are read in its own.
TIME_ZONES = [
    ("Asia/Almaty", _("Astana, Almaty")),
    ("Asia/Aqtobe", _("Aktobe, western Kazakhstan")),
    ("Asia/Bishkek", _("Bishkek")),
    ("Asia/Dushanbe", _("Dushanbe")),
    ("Asia/Ashgabat", _("Ashgabat")),
    ("Asia/Baku", _("Baku")),
    ("Asia/Tashkent", _("Tashkent")),
]
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def _local_input(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        input_formats=[LOCAL_FORMAT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT),
        help_text=_("In the call's time zone."),
    )


def _money(label) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, min_value=0, max_digits=16, decimal_places=2)


class CallForm(PlainTextForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONES)
    opens_at = _local_input(_("Opens"))
    closes_at = _local_input(_("Closes"))
    budget_ceiling = _money(_("Budget of the call"))
    grant_min = _money(_("Smallest grant"))
    grant_max = _money(_("Largest grant"))
    cofinancing_min = forms.IntegerField(
        label=_("Co-financing at least, %"), required=False, min_value=0, max_value=100
    )
    cofinancing_max = forms.IntegerField(
        label=_("Co-financing at most, %"), required=False, min_value=0, max_value=100
    )
    applicants = forms.MultipleChoiceField(
        label=_("Who may apply"), choices=Applicant.choices, widget=forms.CheckboxSelectMultiple
    )
    min_organization_age = forms.IntegerField(
        label=_("Organization at least this many years old"), required=False, min_value=0, max_value=100
    )
    verified_only = forms.BooleanField(label=_("Verified organizations only"), required=False)
    max_applications = forms.IntegerField(
        label=_("Applications per applicant at most"), min_value=1, max_value=50, initial=1
    )
    service_specification = forms.CharField(
        label=_("Service specification (social contracts)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    price_ceiling = _money(_("Price ceiling (social contracts)"))
    reviews_per_application = forms.IntegerField(
        label=_("Reviewers per application"), min_value=1, max_value=9, initial=3, required=False
    )
    disagreement_threshold = forms.IntegerField(
        label=_("Flag a disagreement when reviewers' totals differ by more than (points of 100)"),
        min_value=1,
        max_value=100,
        initial=25,
        required=False,
    )
    publish_scores = forms.BooleanField(
        label=_("Tell applicants their mean score with the decision"), required=False
    )

    def __init__(self, *args, program, call=None, **kwargs):
        if call is not None:
            zone = zoneinfo.ZoneInfo(call.time_zone)
            kwargs.setdefault(
                "initial",
                {
                    **{name: getattr(call, name) for name in self.base_fields if hasattr(call, name)},
                    "opens_at": call.opens_at.astimezone(zone).replace(tzinfo=None)
                    if call.opens_at
                    else None,
                    "closes_at": call.closes_at.astimezone(zone).replace(tzinfo=None)
                    if call.closes_at
                    else None,
                },
            )
        super().__init__(*args, **kwargs)
        if call is not None and call.status != "draft":
            # An announced call's rules are promises: shown, not editable (the service refuses them too).
            for name, field in self.fields.items():
                field.disabled = name not in ("summary", "closes_at")
        self.fields["applicants"].choices = [
            (value, label) for value, label in Applicant.choices if value in program.applicants
        ]

    def clean(self):
        data = super().clean()
        # Left empty, the review settings keep the call's usual values.
        for name in ("reviews_per_application", "disagreement_threshold"):
            if data.get(name) is None:
                data[name] = self.initial.get(name) or self.fields[name].initial
        zone = zoneinfo.ZoneInfo(data.get("time_zone") or "Asia/Almaty")
        for name in ("opens_at", "closes_at"):
            if data.get(name):
                # The field read the wall time with the site's zone attached; it means the call's own.
                data[name] = timezone.make_aware(timezone.make_naive(data[name]), zone)
        return data


class EligibilityForm(PlainTextForm, forms.Form):
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.filter(is_home=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: every country."),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.select_related("country").filter(country__is_home=True),
        required=False,
        help_text=_("None: every region."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.filter(parent__isnull=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: any theme."),
    )


CRITERIA_ROWS = 8


class CriteriaForm(PlainTextForm, forms.Form):
    """Up to eight criteria, each with its weight and highest score; empty rows are ignored."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        rows = list(criteria)
        for n in range(CRITERIA_ROWS):
            title, weight, top = (
                (rows[n].title, rows[n].weight, rows[n].max_score) if n < len(rows) else ("", None, 10)
            )
            self.fields[f"title_{n}"] = forms.CharField(
                label=_("Criterion"), max_length=200, required=False, initial=title
            )
            self.fields[f"weight_{n}"] = forms.IntegerField(
                label=_("Weight, %"), min_value=1, max_value=100, required=False, initial=weight
            )
            self.fields[f"max_{n}"] = forms.IntegerField(
                label=_("Highest score"), min_value=1, max_value=100, required=False, initial=top
            )

    def rows(self):
        return [(self[f"title_{n}"], self[f"weight_{n}"], self[f"max_{n}"]) for n in range(CRITERIA_ROWS)]

    def criteria(self) -> list[tuple[str, int, int]]:
        found = []
        for n in range(CRITERIA_ROWS):
            title = (self.cleaned_data.get(f"title_{n}") or "").strip()
            if title:
                weight = self.cleaned_data.get(f"weight_{n}")
                if weight is None:
                    self.add_error(f"weight_{n}", _("Give this criterion a weight."))
                found.append((title, weight or 0, self.cleaned_data.get(f"max_{n}") or 10))
        return found
