from django import forms
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.funding.evaluation.models import Closing, Criterion, Rating


class EvaluationForm(PlainTextForm, forms.Form):
    """A rating for each criterion, the lessons learned, and how the project ended."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Criterion.choices:
            self.fields[f"rating_{value}"] = forms.TypedChoiceField(
                label=label, choices=[("", "—"), *Rating.choices], coerce=int
            )
        self.fields["lessons"] = forms.CharField(
            label=_("Lessons learned"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
        )
        self.fields["closing"] = forms.ChoiceField(label=_("How the project ended"), choices=Closing.choices)

    def ratings(self) -> dict[str, int]:
        return {value: self.cleaned_data[f"rating_{value}"] for value in Criterion.values}
