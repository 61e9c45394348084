"""The builder's forms: a section, and a field. They take what the staff member types; the services decide
what is valid for each type of field, so a form never refuses a value its type would ignore."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from birge.core.forms import PlainTextForm
from birge.funding.builder.models import FieldType
from birge.funding.builder.services import DEFAULT_MAX_LENGTH, LONGEST, MAX_CHOICES


class SectionForm(PlainTextForm, forms.Form):
    title = forms.CharField(label=_("Title of the section"), max_length=200)
    help = forms.CharField(
        label=_("Note for applicants"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    @staticmethod
    def initial_from(section: dict[str, Any]) -> dict[str, Any]:
        return {"title": section["title"], "help": section.get("help", "")}


class FieldForm(PlainTextForm, forms.Form):
    # Every input is shown whatever the type (the page works without JavaScript); the help text names the
    # types that use it, and the service ignores what the chosen type does not use.
    type = forms.ChoiceField(label=_("Type"), choices=FieldType.choices)
    label = forms.CharField(label=_("Question"), max_length=200)
    help = forms.CharField(
        label=_("Note for applicants"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    required = forms.BooleanField(label=_("Applicants must answer"), required=False)
    max_length = forms.CharField(
        label=_("Characters at most"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    min_value = forms.CharField(
        label=_("Smallest value"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Number and amount of money only. Empty: no limit."),
    )
    max_value = forms.CharField(
        label=_("Largest value"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Number and amount of money only. Empty: no limit."),
    )
    choices = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        # More than MAX_CHOICES lines of 200 characters: the service names the limit that was crossed.
        max_length=10000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_length"].help_text = gettext(
            "Short and long text only: up to %(short)s and %(long)s; empty means %(short_default)s and "
            "%(long_default)s."
        ) % {
            "short": LONGEST[FieldType.SHORT_TEXT],
            "long": LONGEST[FieldType.LONG_TEXT],
            "short_default": DEFAULT_MAX_LENGTH[FieldType.SHORT_TEXT],
            "long_default": DEFAULT_MAX_LENGTH[FieldType.LONG_TEXT],
        }
        self.fields["choices"].help_text = gettext(
            "One choice and several choices only: from 2 to %(most)s, one per line."
        ) % {"most": MAX_CHOICES}

    @staticmethod
    def initial_from(field: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": field["type"],
            "label": field["label"],
            "help": field.get("help", ""),
            "required": field.get("required", False),
            "max_length": field.get("max_length") or "",
            "min_value": field.get("min_value") or "",
            "max_value": field.get("max_value") or "",
            "choices": "\n".join(field.get("choices") or []),
        }
