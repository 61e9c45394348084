"""The site administrator's form to appoint a hub administrator."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from birge.core.choices import reference_choices
from birge.core.forms import PlainTextForm
from birge.core.models import Country


class AppointForm(PlainTextForm, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of their account"),
        help_text=_("The person signs up first; then appoint them here."),
    )
    country = forms.ChoiceField(label=_("Country"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        home = [(code, name) for code, name, is_home in reference_choices().countries if is_home]
        self.fields["country"].choices = [("", "—"), *home]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No account has this e-mail address."))
        self.cleaned_data["user"] = user
        return email

    def clean_country(self) -> Country:
        return Country.objects.get(code=self.cleaned_data["country"], is_home=True)
