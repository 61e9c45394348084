"""The hub's check of an organization, and its revocation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm


class VerifyForm(PlainTextForm, forms.Form):
    registration_document_seen = forms.BooleanField(label=_("I have seen the registration document"))
    identifier_matches = forms.BooleanField(label=_("The identifier matches the register"))
    contacts_confirmed = forms.BooleanField(label=_("The contacts are confirmed"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RevokeForm(PlainTextForm, forms.Form):
    reason = forms.CharField(label=_("Reason for revoking"), widget=forms.Textarea(attrs={"rows": 2}))
