"""The forms of a project's own pages: starting and changing it, its status, and its partners. Their rules
are the services'."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm, date_input
from birge.core.models import Country, ThematicArea
from birge.funding.programs.models import Currency
from birge.networks.networks.models import Network
from birge.orgs.profiles.models import Organization
from birge.projects.projects.models import PartnerRole, Status, Visibility
from birge.projects.projects.services import MAX_CONTRIBUTION, MAX_TEXT, MAX_TITLE


class AwardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, award) -> str:
        return f"{award.title} · {award.recipient_name} · {award.signed_on:%Y}"


class ProjectForm(PlainTextForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    summary = forms.CharField(
        label=_("In a few words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_TEXT,
    )
    goal = forms.CharField(
        label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=MAX_TEXT
    )
    objectives = forms.CharField(
        label=_("Objectives"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("One objective per line."),
    )
    language = forms.ChoiceField(label=_("Language of these texts"), choices=settings.LANGUAGES)
    visibility = forms.ChoiceField(
        label=_("Who may see it"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_(
            "A project for its organizations only appears nowhere else: not in lists, feeds, the API or the "
            "IATI export, and its address answers “not found” to others. So does every project of a secret "
            "network."
        ),
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("none"),
        help_text=_("A network the lead organization belongs to, if the project is one of its."),
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries where it works"),
        queryset=Country.objects.filter(is_home=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.filter(parent__isnull=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    starts_on = forms.DateField(label=_("Starts"), required=False, widget=date_input())
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=date_input())
    currency = forms.ChoiceField(label=_("Currency of the budget"), choices=Currency.choices, initial="USD")

    def __init__(self, *args, networks=None, leads=None, partners=None, awards=None, **kwargs):
        super().__init__(*args, **kwargs)
        if networks is not None:
            self.fields["network"].queryset = networks
        if leads is not None:
            self.fields = {
                "lead": forms.ModelChoiceField(
                    label=_("Lead organization"),
                    queryset=leads,
                    empty_label=None,
                    help_text=_("It manages the project: its partners, plan, budget and indicators."),
                ),
                **self.fields,
            }
        if partners is not None:
            # Changing a project: its peer development pairs two of its organizations; its award is one
            # made to one of them.
            choices = [("", _("none"))] + [(str(org.pk), org.name) for org in partners]
            self.fields["peer_development"] = forms.BooleanField(
                label=_("Peer development: a stronger organization helps another grow, across a border"),
                required=False,
            )
            self.fields["mentor"] = forms.TypedChoiceField(
                label=_("Mentor"), choices=choices, required=False, coerce=int, empty_value=None
            )
            self.fields["mentee"] = forms.TypedChoiceField(
                label=_("Mentee"), choices=choices, required=False, coerce=int, empty_value=None
            )
            self.partners = {org.pk: org for org in partners}
        if awards is not None:
            self.fields["award"] = AwardChoiceField(
                label=_("Funding award"),
                queryset=awards,
                required=False,
                empty_label=_("none"),
                help_text=_("An award of the funding register made to one of the project's organizations."),
            )

    def organization(self, field: str) -> Organization | None:
        return self.partners.get(self.cleaned_data.get(field))


class StatusForm(PlainTextForm, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(value, Status(value).label) for value in allowed]


class FindOrganizationForm(PlainTextForm, forms.Form):
    q = forms.CharField(label=_("Organization’s name or address"), max_length=100, required=False)


class PartnerForm(PlainTextForm, forms.Form):
    organization = forms.SlugField(widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (PartnerRole.PARTNER, PartnerRole.PARTNER.label),
            (PartnerRole.COFUNDER, PartnerRole.COFUNDER.label),
        ],
        initial=PartnerRole.PARTNER,
    )
    contribution = forms.CharField(label=_("What it brings"), max_length=MAX_CONTRIBUTION, required=False)
