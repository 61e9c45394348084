"""The forms of decisions: proposing one, voting for an organization, and the coordinators' outcome. They
check the shape of input; the rules (how many options, until when, who may) are the services'."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm, date_input
from birge.networks.decisions.models import ANSWERS, Decision, DecisionKind, Vote

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class CharterVersionField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        label = _("Version %(number)d") % {"number": obj.number}
        return f"{label} — {obj.note}" if obj.note else label


def _default_close() -> dt.datetime:
    """A week from now, on the hour, in the viewer's time zone."""
    local = timezone.localtime(timezone.now() + dt.timedelta(days=7))
    return local.replace(minute=0, second=0, microsecond=0)


class ProposalForm(PlainTextForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    proposal = forms.CharField(
        label=_("What is proposed"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("What the member organizations are asked to decide, and why."),
    )
    kind = forms.ChoiceField(
        label=_("How members answer"),
        choices=DecisionKind.choices,
        initial=DecisionKind.CONSENT,
        widget=forms.RadioSelect,
    )
    options = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text=_("For a choice among options: one option per line, at least two."),
    )
    closes_at = forms.DateTimeField(
        label=_("Voting closes"),
        input_formats=[LOCAL_FORMAT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous voting"),
        required=False,
        help_text=_("Nobody will see which organization chose what. This cannot be undone."),
    )
    results_hidden = forms.BooleanField(
        label=_("Hide the results until the close"),
        required=False,
        help_text=_("Until then, members see only how many organizations have voted."),
    )
    charter_version = CharterVersionField(
        label=_("Charter version to adopt"),
        queryset=None,
        required=False,
        empty_label=_("none"),
        help_text=_("If the decision carries, this version of the charter is adopted."),
    )

    def __init__(self, *args, charter_versions, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("closes_at", _default_close())
        super().__init__(*args, **kwargs)
        if charter_versions.exists():
            self.fields["charter_version"].queryset = charter_versions
        else:  # nothing to adopt: no empty choice on the form
            del self.fields["charter_version"]
        # The datetime-local input is read, and shown, in the viewer's own time zone.
        self.fields["closes_at"].help_text = _("In your time zone (%(zone)s).") % {
            "zone": timezone.get_current_timezone_name()
        }

    def clean_options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class VoteForm(PlainTextForm, forms.Form):
    """The vote of one organization: its field ids carry the organization, so that a person who speaks for
    several organizations gets one form for each on the same page."""

    organization = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Optional: why your organization answers so."),
    )

    def __init__(self, *args, decision: Decision, organization_id: int, vote: Vote | None = None, **kwargs):
        kwargs.setdefault("auto_id", f"id_vote{organization_id}_%s")
        initial = {"organization": organization_id}
        if vote is not None:
            initial |= {"answer": vote.answer, "comment": vote.comment}
            chosen = [str(option.pk) for option in vote.options.all()]
            initial["options"] = chosen if decision.kind == DecisionKind.OPTIONS else (chosen or [""])[0]
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if decision.kind in ANSWERS:
            self.fields["answer"] = forms.ChoiceField(
                label=_("Answer"),
                choices=[(answer.value, answer.label) for answer in ANSWERS[decision.kind]],
                widget=forms.RadioSelect,
            )
        else:
            choices = [(str(option.pk), option.label) for option in decision.options.all()]
            if decision.kind == DecisionKind.OPTIONS:
                self.fields["options"] = forms.MultipleChoiceField(
                    label=_("Options"), choices=choices, widget=forms.CheckboxSelectMultiple
                )
            else:
                self.fields["options"] = forms.ChoiceField(
                    label=_("Option"), choices=choices, widget=forms.RadioSelect
                )
        self.order_fields(["organization", "answer", "options", "comment"])

    def chosen_options(self) -> list[int]:
        value = self.cleaned_data.get("options") or []
        return [int(pk) for pk in ([value] if isinstance(value, str) else value)]


class OutcomeForm(PlainTextForm, forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("What was decided, and what follows from it."),
    )
    review_on = forms.DateField(
        label=_("Review on"),
        widget=date_input(),
        required=False,
        help_text=_("Optional: when the network looks at this decision again."),
    )
