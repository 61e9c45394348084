"""Every change to a call's application form, each through one function that checks the actor, edits the
current version (or a copy of it, when it is frozen) and records the audit entry."""

from __future__ import annotations

import copy
import secrets
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from birge.core.audit import record_event
from birge.core.validators import validate_multi_line, validate_single_line
from birge.funding.builder.models import FieldType, FormVersion
from birge.funding.calls.models import Call, Status
from birge.funding.events import Verb
from birge.funding.permissions import can_run_calls

# Once applications are closed the questions have been answered: the form stays as it was.
EDITABLE_STATUSES = (Status.DRAFT, Status.PUBLISHED, Status.OPEN)

TEXT_TYPES = (FieldType.SHORT_TEXT, FieldType.LONG_TEXT)
CHOICE_TYPES = (FieldType.CHOICE, FieldType.MULTI_CHOICE)
NUMBER_TYPES = (FieldType.NUMBER, FieldType.MONEY)
# What a text field holds when the builder sets no limit, and the most it may be set to.
DEFAULT_MAX_LENGTH = {FieldType.SHORT_TEXT: 200, FieldType.LONG_TEXT: 3000}
LONGEST = {FieldType.SHORT_TEXT: 500, FieldType.LONG_TEXT: 20000}
MAX_CHOICES = 30


def current_form(call: Call) -> FormVersion | None:
    """The version applicants start from now: the newest."""
    return call.form_versions.order_by("-number").first()


def form_has_questions(call: Call) -> bool:
    form = current_form(call)
    return form is not None and any(True for _item in form.fields())


def _new_key(prefix: str) -> str:
    # Keys name answers across versions; random ones never collide with a removed field's old answers.
    return prefix + secrets.token_hex(4)


def is_frozen(form: FormVersion) -> bool:
    """Whether the next change to this version makes a new one (the builder's page says so beforehand)."""
    return form.frozen or form.applications.exists()


def _editable(actor, call: Call) -> FormVersion:
    if not can_run_calls(actor, call.program):
        raise PermissionDenied
    if call.status not in EDITABLE_STATUSES:
        raise ValidationError(_("The form cannot change once the call has closed."))
    # An announced call shows its current version to applicants at once: a version made for it is frozen
    # from birth, like the one `form_freeze` froze, so the edit after this one copies it again.
    announced = call.status != Status.DRAFT
    form = current_form(call)
    if form is None:
        return FormVersion(call=call, number=1, sections=[], created_by=actor, frozen=announced)
    if is_frozen(form):
        return FormVersion(
            call=call,
            number=form.number + 1,
            sections=copy.deepcopy(form.sections),
            created_by=actor,
            frozen=announced,
        )
    return form


def _one_at_a_time(change: Callable) -> Callable:
    """Two staff members editing the form at once take turns: each change reads the newest version under a
    lock on the call, so none is lost and no two make the same version number (PostgreSQL; SQLite writes
    one at a time anyway)."""

    @wraps(change)
    def locked(*, actor, call: Call, **details):
        with transaction.atomic():
            list(Call.objects.select_for_update().filter(pk=call.pk).values_list("pk"))
            return change(actor=actor, call=call, **details)

    return locked


def _save(actor, form: FormVersion, change: dict[str, Any]) -> FormVersion:
    with transaction.atomic():
        form.save()
        record_event(actor, Verb.FORM_CHANGED, form.call, new={"version": form.number, **change})
    return form


def _clean_text(value: str, *, label: str, required: bool = False, multi_line: bool = False) -> str:
    value = (value or "").strip()
    try:
        (validate_multi_line if multi_line else validate_single_line)(value)
    except ValidationError as error:
        # Named by its input like every other mistake: `clean_field_spec` merges errors by name.
        raise ValidationError({label: error.messages}) from None
    if required and not value:
        raise ValidationError({label: [_("This cannot be empty.")]})
    if len(value) > (2000 if multi_line else 200):
        raise ValidationError({label: [_("This is too long.")]})
    return value


def _section(form: FormVersion, key: str) -> dict:
    for section in form.sections:
        if section["key"] == key:
            return section
    raise ValidationError(_("This section is no longer in the form; reload the page."))


@_one_at_a_time
def section_add(*, actor, call: Call, title: str, help: str = "") -> FormVersion:
    form = _editable(actor, call)
    section = {
        "key": _new_key("s"),
        "title": _clean_text(title, label="title", required=True),
        "help": _clean_text(help, label="help", multi_line=True),
        "fields": [],
    }
    form.sections.append(section)
    return _save(actor, form, {"section_added": section["title"]})


@_one_at_a_time
def section_update(*, actor, call: Call, key: str, title: str, help: str = "") -> FormVersion:
    form = _editable(actor, call)
    section = _section(form, key)
    section["title"] = _clean_text(title, label="title", required=True)
    section["help"] = _clean_text(help, label="help", multi_line=True)
    return _save(actor, form, {"section_changed": section["title"]})


@_one_at_a_time
def section_remove(*, actor, call: Call, key: str) -> FormVersion:
    form = _editable(actor, call)
    section = _section(form, key)
    form.sections.remove(section)
    return _save(actor, form, {"section_removed": section["title"]})


def _number(value, label: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationError({label: [_("Enter a number.")]}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e13"):
        raise ValidationError({label: [_("Enter a number.")]})
    return str(number)


def clean_field_spec(spec: dict[str, Any], form: FormVersion, *, key: str | None = None) -> dict[str, Any]:
    """A field as the builder stores it, from what the staff member entered; every mistake named."""
    kind = spec.get("type")
    if kind not in FieldType.values:
        raise ValidationError({"type": [_("Choose a type of field.")]})
    errors: dict[str, list[str]] = {}
    field: dict[str, Any] = {
        "key": key or _new_key("f"),
        "type": kind,
        "required": bool(spec.get("required")),
    }
    try:
        field["label"] = _clean_text(spec.get("label", ""), label="label", required=True)
        field["help"] = _clean_text(spec.get("help", ""), label="help", multi_line=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    if kind in TEXT_TYPES:
        limit = spec.get("max_length") or DEFAULT_MAX_LENGTH[kind]
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            limit = 0
        if not 1 <= limit <= LONGEST[kind]:
            errors["max_length"] = [
                _("A limit of characters is from 1 to %(most)s.") % {"most": LONGEST[kind]}
            ]
        field["max_length"] = limit
    if kind in NUMBER_TYPES:
        try:
            field["min_value"] = _number(spec.get("min_value"), "min_value")
            field["max_value"] = _number(spec.get("max_value"), "max_value")
        except ValidationError as error:
            errors.update(error.message_dict)
        else:
            low, high = field["min_value"], field["max_value"]
            if low is not None and high is not None and Decimal(low) > Decimal(high):
                errors["max_value"] = [_("The largest value cannot be below the smallest.")]
    if kind in CHOICE_TYPES:
        raw = spec.get("choices") or []
        if isinstance(raw, str):
            raw = raw.splitlines()
        choices = list(dict.fromkeys(" ".join(str(choice).split()) for choice in raw if str(choice).strip()))
        if not 2 <= len(choices) <= MAX_CHOICES:
            errors["choices"] = [_("Give from 2 to %(most)s choices, one per line.") % {"most": MAX_CHOICES}]
        elif any(len(choice) > 200 for choice in choices):
            errors["choices"] = [_("A choice is at most 200 characters long.")]
        else:
            for choice in choices:
                try:
                    validate_single_line(choice)
                except ValidationError as error:
                    errors["choices"] = error.messages
        field["choices"] = choices
    if kind == FieldType.BUDGET:
        others = [f for _s, f in form.fields() if f["type"] == FieldType.BUDGET and f["key"] != key]
        if others:
            errors["type"] = [_("A form has one budget table.")]
    if errors:
        raise ValidationError(errors)
    return field


@_one_at_a_time
def field_add(*, actor, call: Call, section_key: str, spec: dict[str, Any]) -> FormVersion:
    form = _editable(actor, call)
    section = _section(form, section_key)
    field = clean_field_spec(spec, form)
    section["fields"].append(field)
    return _save(actor, form, {"field_added": field["label"]})


def _find_field(form: FormVersion, key: str) -> tuple[dict, int]:
    for section in form.sections:
        for index, field in enumerate(section["fields"]):
            if field["key"] == key:
                return section, index
    raise ValidationError(_("This field is no longer in the form; reload the page."))


@_one_at_a_time
def field_update(*, actor, call: Call, key: str, spec: dict[str, Any]) -> FormVersion:
    form = _editable(actor, call)
    section, index = _find_field(form, key)
    section["fields"][index] = clean_field_spec(spec, form, key=key)
    return _save(actor, form, {"field_changed": section["fields"][index]["label"]})


@_one_at_a_time
def field_remove(*, actor, call: Call, key: str) -> FormVersion:
    form = _editable(actor, call)
    section, index = _find_field(form, key)
    field = section["fields"].pop(index)
    return _save(actor, form, {"field_removed": field["label"]})


@_one_at_a_time
def item_move(*, actor, call: Call, key: str, up: bool) -> FormVersion:
    """Move a section, or a field within its section, one place up or down (no-op at either end)."""
    form = _editable(actor, call)
    keys = [section["key"] for section in form.sections]
    if key in keys:
        items, index = form.sections, keys.index(key)
    else:
        section, index = _find_field(form, key)
        items = section["fields"]
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        return _save(actor, form, {"moved": key})
    return form


def form_freeze(call: Call) -> None:
    """Announcing a call publishes its form: that version is never edited again."""
    call.form_versions.filter(frozen=False).update(frozen=True)
