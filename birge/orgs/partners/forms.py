"""Naming a partner organization."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.orgs.profiles.models import Organization


class PartnerForm(PlainTextForm, forms.Form):
    partner = forms.CharField(
        label=_("Partner organization"),
        max_length=200,
        help_text=_("Its address on Birge (the part after /orgs/) or its identifier."),
    )

    def clean_partner(self) -> Organization:
        value = self.cleaned_data["partner"].strip().strip("/").rsplit("/", 1)[-1]
        organization = (
            Organization.objects.published().filter(slug=value.lower()).first()
            or Organization.objects.published().filter(identifier__iexact=value).first()
        )
        if organization is None:
            raise ValidationError(_("There is no published organization with this address or identifier."))
        return organization
