"""The shape of what the response pages take: the incident, a need, a pledge, the closing report. The rules
(who may, what is still needed, dates) are the services'."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm, date_input
from birge.core.models import Country, Region
from birge.networks.response.models import NeedKind

QUANTITY_ERRORS = {
    "invalid": _("Give the quantity as a number."),
    "min_value": _("Give a quantity greater than zero."),
    "max_digits": _("This quantity is too large."),
    "max_whole_digits": _("This quantity is too large."),
    "max_decimal_places": _("Give the quantity with at most two decimals."),
}


def quantity_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages=QUANTITY_ERRORS,
    )


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region: Region) -> str:
        return f"{region.name} ({region.country.code})"


class IncidentForm(PlainTextForm, forms.Form):
    what = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("What happened, to whom, and what the response is for."),
    )
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), to_field_name="code")
    region = RegionChoiceField(
        label=_("Region"),
        queryset=Region.objects.select_related("country").filter(country__is_home=True),
        to_field_name="code",
        required=False,
    )
    place = forms.CharField(
        label=_("Where"), max_length=200, required=False, help_text=_("The district, town or village.")
    )
    happened_on = forms.DateField(label=_("When"), widget=date_input())

    @classmethod
    def for_incident(cls, incident, data=None) -> IncidentForm:
        if incident is None:
            return cls(data)
        return cls(
            data,
            initial={
                "what": incident.what,
                "country": incident.country.code,
                "region": incident.region.code if incident.region_id else "",
                "place": incident.place,
                "happened_on": incident.happened_on,
            },
        )


class NeedForm(PlainTextForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of help"), choices=NeedKind.choices)
    title = forms.CharField(
        label=_("What is needed"),
        max_length=200,
        help_text=_("For example: drinking water, tents, a surveyor."),
    )
    quantity = quantity_field(_("How much"))
    unit = forms.CharField(
        label=_("Unit"), max_length=40, help_text=_("For example: litres, people, days of work, somoni.")
    )

    @classmethod
    def for_need(cls, need, data=None) -> NeedForm:
        fields = ("kind", "title", "quantity", "unit")
        return cls(data, initial={field: getattr(need, field) for field in fields})


class PledgeForm(PlainTextForm, forms.Form):
    """A pledge to one need. `organizations` are those the person may pledge for; with none, they pledge
    for themselves. `confirming` adds the box that confirms a pledge beyond what is still needed."""

    quantity = quantity_field(_("How much you pledge"))
    organization = forms.ChoiceField(label=_("Pledged by"), widget=forms.RadioSelect, required=False)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("When and how it will arrive, whom to call."),
    )

    def __init__(self, *args, organizations=(), confirming: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {str(organization.pk): organization for organization in organizations}
        if self.organizations:
            self.fields["organization"].choices = [
                ("", _("myself (others see “a person”)")),
                *((pk, organization.name) for pk, organization in self.organizations.items()),
            ]
            self.fields["organization"].initial = ""
        else:
            del self.fields["organization"]
        if confirming:
            self.ask_to_confirm()

    def ask_to_confirm(self) -> None:
        self.fields["beyond_confirmed"] = forms.BooleanField(
            label=_("Yes, pledge it beyond what is still needed"), required=False
        )

    @property
    def chosen_organization(self):
        return self.organizations.get(self.cleaned_data.get("organization") or "")

    @property
    def beyond_confirmed(self) -> bool:
        return bool(self.cleaned_data.get("beyond_confirmed"))


class CloseForm(PlainTextForm, forms.Form):
    closing_report = forms.CharField(
        label=_("Closing report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("What was done, by whom, and what is left for others. It is shown where the needs were."),
    )
