"""Inviting members and changing their roles."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.orgs.members.models import Role


class InvitationForm(PlainTextForm, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(PlainTextForm, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
