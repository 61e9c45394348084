"""The forms of a project's plan: an activity, a budget line, a co-financing source. Their rules are the
services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm, date_input
from birge.projects.plan.models import ActivityStatus, SourceKind
from birge.projects.plan.services import MAX_CATEGORY, MAX_SOURCE, MAX_TITLE


def _amount_field(label) -> forms.DecimalField:
    # Present and above zero are the service's rules, with its own messages.
    return forms.DecimalField(label=label, max_digits=16, decimal_places=2, required=False)


class _WithPartners(PlainTextForm, forms.Form):
    """A form with a choice among the project's organizations (`partner_field`), none allowed."""

    partner_field = ""

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {org.pk: org for org in partners}
        self.fields[self.partner_field].choices = [("", _("none"))] + [
            (str(org.pk), org.name) for org in partners
        ]

    def organization(self):
        return self.partners.get(self.cleaned_data.get(self.partner_field))


class ActivityForm(_WithPartners):
    partner_field = "responsible"

    title = forms.CharField(label=_("Activity"), max_length=MAX_TITLE)
    starts_on = forms.DateField(label=_("From"), widget=date_input())
    ends_on = forms.DateField(label=_("To"), widget=date_input())
    responsible = forms.TypedChoiceField(
        label=_("Responsible organization"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ActivityStatus.choices, initial=ActivityStatus.PLANNED
    )


class BudgetLineForm(PlainTextForm, forms.Form):
    category = forms.CharField(label=_("Budget line"), max_length=MAX_CATEGORY)
    amount = _amount_field(_("Amount"))


class CofinancingForm(_WithPartners):
    partner_field = "organization"

    source = forms.CharField(label=_("Source"), max_length=MAX_SOURCE)
    kind = forms.ChoiceField(label=_("Kind of source"), choices=SourceKind.choices)
    amount = _amount_field(_("Amount"))
    organization = forms.TypedChoiceField(
        label=_("The project's organization that brings it, if one does"),
        required=False,
        coerce=int,
        empty_value=None,
    )
