"""Claiming an organization, and the hub's decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.orgs.claims.models import Claim


class ClaimForm(PlainTextForm, forms.Form):
    position = forms.CharField(label=_("Your position in the organization"), max_length=120)
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=Claim._meta.get_field("evidence").help_text,
    )
    evidence_file = forms.FileField(
        label=_("Document (optional)"),
        required=False,
        help_text=_("PDF, image or office document, at most 10 MB. Only the hub administrators see it."),
    )


class DecisionForm(PlainTextForm, forms.Form):
    note = forms.CharField(
        label=_("Note to the person"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
