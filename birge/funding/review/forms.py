"""The forms of review: the call's reviewer pool, an assignment by hand, a reviewer's declaration of a
conflict of interest, and their scores."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.funding.review.services import MAX_COMMENT


class PoolForm(PlainTextForm, forms.Form):
    """One line per reviewer of the program: whether they review this call, and the languages they read."""

    def __init__(self, data=None, *, reviewers: list, pool: dict[int, list[str]]):
        super().__init__(data)
        self.reviewers = reviewers
        for user in reviewers:
            self.fields[f"member_{user.pk}"] = forms.BooleanField(
                label=str(user), required=False, initial=user.pk in pool
            )
            self.fields[f"languages_{user.pk}"] = forms.MultipleChoiceField(
                label=_("Reads"),
                choices=settings.LANGUAGES,
                required=False,
                initial=pool.get(user.pk, []),
                widget=forms.CheckboxSelectMultiple,
            )

    def rows(self):
        for user in self.reviewers:
            yield user, self[f"member_{user.pk}"], self[f"languages_{user.pk}"]

    def members(self) -> list[tuple]:
        """(user, languages) of each reviewer ticked; call only once the form is valid."""
        return [
            (user, self.cleaned_data[f"languages_{user.pk}"])
            for user in self.reviewers
            if self.cleaned_data[f"member_{user.pk}"]
        ]


class AssignForm(PlainTextForm, forms.Form):
    """One reviewer of the pool on one application. The choices are the rows the page has already read,
    so the form asks the database nothing."""

    application = forms.TypedChoiceField(label=_("Application"), coerce=int)
    reviewer = forms.TypedChoiceField(label=_("Reviewer"), coerce=int)

    def __init__(self, data=None, *, applications: list, reviewers: list):
        super().__init__(data)
        self.fields["application"].choices = [
            ("", "—"),
            *((item.pk, f"{item.title} — {item.applicant_name}") for item in applications),
        ]
        self.fields["reviewer"].choices = [("", "—"), *((user.pk, str(user)) for user in reviewers)]


class DeclarationForm(PlainTextForm, forms.Form):
    conflict = forms.ChoiceField(
        label=_("Do you have a conflict of interest with this application?"),
        choices=[
            (
                "none",
                _("No: I have no personal, family, work or financial tie to the applicant or its partners"),
            ),
            ("declared", _("Yes: I have a conflict of interest, and will not review it")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What the conflict is"),
        help_text=_("Only when you declare a conflict; read by the program's staff alone."),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScoreForm(PlainTextForm, forms.Form):
    """A score and a comment per criterion (the page names the criterion around them). Each score may stay
    empty while saving a draft; the service asks for all of them on submission."""

    def __init__(self, data=None, *, criteria: list, scores: dict[int, tuple]):
        super().__init__(data)
        self.criteria = criteria
        for criterion in criteria:
            value, comment = scores.get(criterion.pk, (None, ""))
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("Score"),
                help_text=_("From 0 to %(most)s; weighs %(weight)s %% of the total.")
                % {"most": criterion.max_score, "weight": criterion.weight},
                min_value=0,
                max_value=criterion.max_score,
                required=False,
                initial=value,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=MAX_COMMENT,
                initial=comment,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def rows(self):
        for criterion in self.criteria:
            yield criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"]

    def scores(self) -> dict[int, tuple]:
        return {
            criterion.pk: (
                self.cleaned_data[f"score_{criterion.pk}"],
                self.cleaned_data[f"comment_{criterion.pk}"],
            )
            for criterion in self.criteria
        }
