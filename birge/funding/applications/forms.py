"""The applicant's forms: starting an application, one section of the call's form (built from the form
version the application was started on), the budget table, partners and files.

A section form takes what the applicant typed without judging it (a draft keeps everything); the rules of
the call's form are checked before submission (`checks.py`), and shown next to each field from there."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.funding.applications.budget import MAX_LINES
from birge.funding.applications.services import MAX_ANSWER
from birge.funding.builder.models import FieldType
from birge.funding.programs.models import Applicant

# Empty budget rows offered under the filled ones; without JavaScript, saving gives three more.
SPARE_ROWS = 3


def answer_name(key: str) -> str:
    return f"a-{key}"


def _field(spec: dict) -> forms.Field | None:
    kind = spec["type"]
    common = {"label": spec["label"], "help_text": spec.get("help", ""), "required": False}
    if kind == FieldType.SHORT_TEXT:
        return forms.CharField(max_length=MAX_ANSWER, **common)
    if kind == FieldType.LONG_TEXT:
        widget = forms.Textarea(attrs={"rows": 6})
        return forms.CharField(max_length=MAX_ANSWER, widget=widget, strip=False, **common)
    if kind in (FieldType.NUMBER, FieldType.MONEY):
        return forms.CharField(
            max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common
        )
    if kind == FieldType.DATE:
        return forms.CharField(max_length=10, widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == FieldType.CHOICE:
        return forms.ChoiceField(
            choices=[(choice, choice) for choice in spec["choices"]], widget=forms.RadioSelect, **common
        )
    if kind == FieldType.MULTI_CHOICE:
        return forms.MultipleChoiceField(
            choices=[(choice, choice) for choice in spec["choices"]],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    return None  # files and the budget have forms of their own


class SectionForm(PlainTextForm, forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, section: dict, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        self.specs = {}
        for spec in section["fields"]:
            field = _field(spec)
            if field is None:
                continue
            field.required_by_call = spec.get("required", False)
            if spec["type"] in (FieldType.SHORT_TEXT, FieldType.LONG_TEXT):
                # The browser stops at the form's own limit; a draft would keep up to MAX_ANSWER.
                field.widget.attrs["maxlength"] = spec["max_length"]
                field.limit = spec["max_length"]
            name = answer_name(spec["key"])
            self.fields[name] = field
            self.specs[name] = spec
            self.initial.setdefault(
                name, answers.get(spec["key"], [] if spec["type"] == "multi_choice" else "")
            )

    def answers(self) -> dict:
        return {self.specs[name]["key"]: self.cleaned_data.get(name) for name in self.specs}


class ApplicantForm(PlainTextForm, forms.Form):
    """Who applies and in what language; where an initiative group or a person works; the lot."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Project title"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language of the application"),
        choices=settings.LANGUAGES,
        help_text=_("Reviewers who read this language are chosen; the decision is sent in yours."),
    )
    group_name = forms.CharField(label=_("Name of the initiative group"), max_length=200, required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=None, required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=None, required=False)
    lot = forms.ModelChoiceField(label=_("Lot"), queryset=None, required=False)

    def __init__(self, *args, application, **kwargs):
        from birge.core.models import Country, Region

        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(is_home=True)
        self.fields["region"].queryset = Region.objects.select_related("country")
        self.fields["lot"].queryset = application.call.lots.all()
        if application.organization_id:
            for name in ("group_name", "country", "region"):
                del self.fields[name]
        elif application.applicant_kind != Applicant.INITIATIVE_GROUP:
            del self.fields["group_name"]
        if not application.call.lots.exists():
            del self.fields["lot"]


class BudgetForm(PlainTextForm, forms.Form):
    """The budget table as plain inputs: the lines saved so far and a few empty ones."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, lines: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.count = min(len(lines) + SPARE_ROWS, MAX_LINES)
        if self.is_bound:
            # Rows a script added beyond those the page had are kept too.
            numbers = {
                int(name.split("-")[1])
                for name in self.data
                if name.startswith("b-") and name.count("-") == 2 and name.split("-")[1].isdigit()
            }
            self.count = min(max([self.count - 1, *numbers]) + 1, MAX_LINES)
        for number in range(self.count):
            line = lines[number] if number < len(lines) else {}
            for name, label, width in (
                ("category", _("Budget line"), 200),
                ("requested", _("Requested"), 30),
                ("cofinancing", _("Co-financing"), 30),
                ("source", _("Source of co-financing"), 200),
            ):
                attrs = {"inputmode": "decimal"} if width == 30 else {}
                self.fields[f"b-{number}-{name}"] = forms.CharField(
                    label=f"{label} {number + 1}",
                    max_length=width,
                    required=False,
                    initial=line.get(name, ""),
                    widget=forms.TextInput(attrs=attrs),
                )

    def rows(self):
        for number in range(self.count):
            yield [self[f"b-{number}-{name}"] for name in ("category", "requested", "cofinancing", "source")]

    def lines(self) -> list[dict]:
        return [
            {
                name: self.cleaned_data.get(f"b-{number}-{name}", "")
                for name in ("category", "requested", "cofinancing", "source")
            }
            for number in range(self.count)
        ]


class StartForm(PlainTextForm, forms.Form):
    applicant_kind = forms.ChoiceField(label=_("Who applies"), widget=forms.RadioSelect)
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None, required=False)
    group_name = forms.CharField(label=_("Name of the initiative group"), max_length=200, required=False)
    title = forms.CharField(label=_("Project title"), max_length=200, required=False)

    def __init__(self, *args, call, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Applicant.choices)
        self.fields["applicant_kind"].choices = [
            (kind, labels[kind]) for kind in call.applicants if kind in labels
        ]
        self.fields["organization"].queryset = organizations
        if len(self.fields["applicant_kind"].choices) == 1:
            self.initial.setdefault("applicant_kind", self.fields["applicant_kind"].choices[0][0])

    def clean(self):
        data = super().clean()
        if data.get("applicant_kind") == Applicant.ORGANIZATION and not data.get("organization"):
            self.add_error("organization", _("Choose the organization that applies."))
        if (
            data.get("applicant_kind") == Applicant.INITIATIVE_GROUP
            and not (data.get("group_name") or "").strip()
        ):
            self.add_error("group_name", _("Give the name of the initiative group."))
        return data


class PartnerSearchForm(PlainTextForm, forms.Form):
    q = forms.CharField(label=_("Find a partner organization by name"), max_length=100, required=False)


class PartnerForm(PlainTextForm, forms.Form):
    organization = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.CharField(label=_("Its role in the project"), max_length=200, required=False)


class FileForm(PlainTextForm, forms.Form):
    file = forms.FileField(label=_("File"))
