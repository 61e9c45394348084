"""The forms of membership: inviting, asking to join, answering, changing a role, removing, leaving."""

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.networks.membership.models import Role


class FindOrganizationForm(PlainTextForm, forms.Form):
    q = forms.CharField(label=_("Organization’s name or address"), max_length=100, required=False)


class InviteForm(PlainTextForm, forms.Form):
    organization = forms.SlugField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class JoinForm(PlainTextForm, forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None, empty_label=None)
    message = forms.CharField(
        label=_("Why your organization wants to join"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class LeaveForm(PlainTextForm, forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None, empty_label=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class AnswerForm(PlainTextForm, forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("1", _("Accept")), ("0", _("Decline"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(
        label=_("A word to the other side"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class RoleForm(PlainTextForm, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class RemoveForm(PlainTextForm, forms.Form):
    reason = forms.CharField(
        label=_("Why it is removed"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("The organization’s people will read this."),
    )
