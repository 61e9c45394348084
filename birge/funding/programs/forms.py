from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.funding.programs.models import Applicant, Currency, Mechanism, StaffRole
from birge.orgs.profiles.models import Kind


class ProgramForm(PlainTextForm, forms.Form):
    operator = forms.ModelChoiceField(label=_("Operator"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    mechanism = forms.ChoiceField(label=_("Mechanism"), choices=Mechanism.choices)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    applicants = forms.MultipleChoiceField(
        label=_("Who may apply"), choices=Applicant.choices, widget=forms.CheckboxSelectMultiple
    )
    organization_kinds = forms.MultipleChoiceField(
        label=_("Kinds of organization that may apply"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty to accept every kind."),
    )

    def __init__(self, *args, operators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = operators


class StaffForm(PlainTextForm, forms.Form):
    email = forms.EmailField(label=_("E-mail address of their account"))
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices)
