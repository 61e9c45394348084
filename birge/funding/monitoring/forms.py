"""The shape of a visit's input: the date, the findings, three rows of follow-up actions (empty rows are
left out), and one photo at a time."""

from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm, date_input
from birge.funding.monitoring.services import FollowUpPlan

FOLLOW_UP_ROWS = 3


class VisitForm(PlainTextForm, forms.Form):
    visited_on = forms.DateField(label=_("Date of the visit"), widget=date_input())
    findings = forms.CharField(
        label=_("Findings"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(1, FOLLOW_UP_ROWS + 1):
            self.fields[f"action_{row}"] = forms.CharField(
                label=_("Action %(number)s") % {"number": row}, required=False, max_length=300
            )
            self.fields[f"owner_{row}"] = forms.CharField(
                label=_("Who does it"), required=False, max_length=200
            )
            self.fields[f"due_{row}"] = forms.DateField(label=_("Due"), required=False, widget=date_input())

    def rows(self):
        """The follow-up rows as (action, owner, due) bound fields, for the template."""
        return [
            (self[f"action_{n}"], self[f"owner_{n}"], self[f"due_{n}"]) for n in range(1, FOLLOW_UP_ROWS + 1)
        ]

    def follow_ups(self) -> list[FollowUpPlan]:
        plans = []
        for row in range(1, FOLLOW_UP_ROWS + 1):
            action, owner = self.cleaned_data[f"action_{row}"], self.cleaned_data[f"owner_{row}"]
            due = self.cleaned_data[f"due_{row}"]
            if action or owner or due:
                plans.append(FollowUpPlan(action=action, owner=owner, due_on=due))
        return plans


class PhotoForm(PlainTextForm, forms.Form):
    photo = forms.FileField(label=_("Photo (PNG, JPEG or WebP)"))
    caption = forms.CharField(label=_("Caption"), required=False, max_length=200)
