"""The registration form: the organization one comes from, and the questions the event asks. What the
answers may be is the service's rule."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.events.catalog.models import Event
from birge.events.registration.services import MAX_ANSWER, asked_questions
from birge.orgs.profiles.models import Organization


class RegistrationForm(PlainTextForm, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("I come from"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("— on my own —"),
    )
    dietary = forms.CharField(
        label=_("Dietary needs"),
        max_length=MAX_ANSWER,
        required=False,
        help_text=_("For example: vegetarian, halal, no nuts."),
    )
    interpretation = forms.ChoiceField(
        label=_("I need interpretation into"),
        choices=[("", _("— no interpretation needed —")), *settings.LANGUAGES],
        required=False,
    )
    accessibility = forms.CharField(
        label=_("Accessibility needs"),
        max_length=MAX_ANSWER,
        required=False,
        help_text=_("For example: step-free access, sign language, large print."),
    )

    def __init__(self, *args, event: Event, organization_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        asked = asked_questions(event)
        for name in ("dietary", "interpretation", "accessibility"):
            if name not in asked:
                del self.fields[name]
        if organization_ids:
            self.fields["organization"].queryset = Organization.objects.filter(
                pk__in=organization_ids
            ).order_by("name")
        else:
            del self.fields["organization"]
