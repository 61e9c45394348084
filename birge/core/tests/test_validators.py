"""Control characters in what people type: refused on one line, line breaks kept in a text area; and every
form of the project applies the rule."""

import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import get_resolver
from django.utils import translation

import birge
from birge.core.forms import PlainTextForm
from birge.core.validators import validate_multi_line, validate_single_line


@pytest.mark.parametrize(
    "value",
    [
        "Арго\r\nBcc: victim@example.org",
        "Арго\n",
        "Ар\tго",
        "Ар\x00го",
        "Ар\x1bго",  # ESC
        "Ар\x7fго",  # DEL
        "Ар\x85го",  # NEL, a C1 line break
        "Ар\u2028го",  # line separator
        "Ар\u00adго",  # soft hyphen: invisible, breaks search
        "Ар\u200bго",  # zero-width space
        "Ар\ufeffго",  # byte order mark
        "\u202eогрА",  # right-to-left override: reads as another name
        "Ар\u2066го\u2069",  # bidirectional isolates
    ],
)
def test_one_line_refuses_control_and_invisible_characters(value):
    with pytest.raises(ValidationError) as refused:
        validate_single_line(value)
    assert refused.value.code == "control_character"


@pytest.mark.parametrize(
    "value",
    [
        "Общественное объединение «Арго»",
        "Oʻzbekiston Qizil Yarim Oy jamiyati",  # U+02BB, a letter
        "Қазына — Shapagat & Co. (№ 12)",
        "می\u200cخواهم",  # Persian with a zero-width non-joiner
        "👩\u200d💻 Digital",  # emoji sequence with a zero-width joiner
        "Mañana",
        "",
    ],
)
def test_one_line_accepts_ordinary_text_of_every_script(value):
    validate_single_line(value)


@translation.override("en")
def test_a_line_break_gets_its_own_message_other_characters_are_named(settings):
    with pytest.raises(ValidationError) as line_break:
        validate_single_line("a\r\nb")
    with pytest.raises(ValidationError) as escape:
        validate_single_line("a\x1bb")
    assert "one line" in line_break.value.messages[0]
    assert "U+001B" in escape.value.messages[0]


def test_a_text_area_keeps_line_breaks_and_tabs_but_refuses_other_controls():
    validate_multi_line("Первая строка\r\nвторая\tстрока\n")
    validate_multi_line("soft\u00adhyphen pasted from a word processor")
    for value in ("a\x00b", "a\x0bb", "a\x1bb", "a\x7fb"):
        with pytest.raises(ValidationError):
            validate_multi_line(value)


class Example(PlainTextForm, forms.Form):
    name = forms.CharField()
    email = forms.EmailField(required=False)
    about = forms.CharField(widget=forms.Textarea, required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["added_later"] = forms.CharField(required=False)


def test_the_form_mixin_covers_declared_added_and_multi_line_fields_but_not_passwords():
    form = Example({"name": "A\nB", "about": "x\x1by", "added_later": "C\tD", "password": "p\tw"})
    assert not form.is_valid()
    assert set(form.errors) == {"name", "about", "added_later"}
    assert Example({"name": "Арго", "about": "строка\nстрока", "password": "p\tw"}).is_valid()


def test_the_rule_is_added_once_however_often_the_form_is_cleaned():
    form = Example({"name": "Арго"})
    form.full_clean()
    form.full_clean()
    assert form.fields["name"].validators.count(validate_single_line) == 1


def _project_forms() -> set[type]:
    """Every form class Birge defines: the URLconf imports the views (and their forms), and every
    `forms` module is imported as well."""
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    for module in pkgutil.walk_packages(birge.__path__, "birge."):
        if module.name.rsplit(".", 1)[-1] in ("forms", "admin") and ".tests" not in module.name:
            importlib.import_module(module.name)
    found, pending = set(), [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("birge.") and ".tests" not in subclass.__module__:
                found.add(subclass)
    return found


def test_every_form_of_the_project_refuses_control_characters():
    project_forms = _project_forms()
    assert len(project_forms) >= 20  # the walk found the forms of every app
    forgotten = sorted(
        f"{form.__module__}.{form.__qualname__}"
        for form in project_forms
        if not issubclass(form, PlainTextForm)
    )
    assert forgotten == [], "mix birge.core.forms.PlainTextForm into these forms"
