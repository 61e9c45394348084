"""What every form of Birge shares."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.widgets import Input

from .validators import validate_multi_line, validate_single_line

# Inputs whose value is not a line of text a person reads back: a password may hold anything.
_NOT_TEXT = (forms.PasswordInput, forms.FileInput)


class PlainTextForm:
    """Mix into every form (before `forms.Form` or `forms.ModelForm`): each text field then refuses
    control characters — a single-line input any of them, a text area all but line breaks and tabs (see
    `birge.core.validators`).

    The rule is applied to the fields as they are when the form is cleaned, so fields a form adds or
    changes in its `__init__` are covered too. A test walks every form of the project and fails if one
    does not mix this in, so a new form cannot forget it."""

    def full_clean(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            if not isinstance(field, forms.CharField) or isinstance(field.widget, _NOT_TEXT):
                continue
            if isinstance(field.widget, forms.Textarea):
                validator = validate_multi_line
            elif isinstance(field.widget, Input):
                validator = validate_single_line
            else:
                continue
            if validator not in field.validators:
                field.validators.append(validator)
        super().full_clean()  # type: ignore[misc]


def apply_errors(form: forms.Form, error: ValidationError, *, tables: tuple[str, ...] = ()) -> None:
    """Attach a service's error to the form: to its field where the form has one, else to the form. The
    errors about a table of rows (a key in `tables`, such as a budget's lines) go to the form's
    `group_errors[key]`, which the template shows above that table."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            if field in tables:
                form.group_errors.setdefault(field, []).extend(ValidationError(errors).messages)
            else:
                form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def date_input() -> forms.DateInput:
    """A date picker: the browser shows and sends ISO dates whatever the page's language, and an input of
    type date shows nothing when its value is written any other way (the Russian 02.12.2026)."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
