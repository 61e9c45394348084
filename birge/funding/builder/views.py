"""The builder's pages for those who run a call: the form with its controls, and the form as an applicant
sees it. Every change goes through one service, which checks the actor and writes the audit entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from birge.core.forms import apply_errors
from birge.funding.builder import services
from birge.funding.builder.forms import FieldForm, SectionForm
from birge.funding.builder.models import FieldType, FormVersion
from birge.funding.calls.models import Call
from birge.funding.permissions import can_run_calls

# The prefix of the form that adds a section; the others are the key of their item ("add-" + a section's
# key for adding a field to it), so that every input of the page has its own id.
NEW_SECTION = "new"
BUDGET_ROWS = 3


def _staff_call(user, slug: str) -> Call:
    call = Call.objects.select_related("program").filter(slug=slug).first()
    if call is None or not can_run_calls(user, call.program):
        raise Http404
    return call


@dataclass
class FailedPost:
    """A form the service refused, to be shown again where it was, with what was typed and why."""

    prefix: str
    form: forms.Form
    placed: bool = False


@dataclass
class Item:
    """A section or a field as the page lists it, with its own edit form (the failed one, when it was)."""

    data: dict[str, Any]
    form: forms.Form
    first: bool
    last: bool
    open: bool = False
    fields: list[Item] = field(default_factory=list)
    add: forms.Form | None = None
    add_open: bool = False


def _form(
    cls, prefix: str, initial: dict[str, Any] | None, failed: FailedPost | None
) -> tuple[forms.Form, bool]:
    if failed is not None and failed.prefix == prefix:
        failed.placed = True
        return failed.form, True
    return cls(prefix=prefix, initial=initial), False


def _items(form, failed: FailedPost | None) -> list[Item]:
    sections = form.sections if form is not None else []
    items = []
    for n, section in enumerate(sections):
        section_form, section_open = _form(
            SectionForm, section["key"], SectionForm.initial_from(section), failed
        )
        add, add_open = _form(FieldForm, "add-" + section["key"], None, failed)
        fields = []
        for m, spec in enumerate(section["fields"]):
            field_form, field_open = _form(FieldForm, spec["key"], FieldForm.initial_from(spec), failed)
            fields.append(
                Item(
                    data={**spec, "type_label": FieldType(spec["type"]).label},
                    form=field_form,
                    first=m == 0,
                    last=m == len(section["fields"]) - 1,
                    open=field_open,
                )
            )
        items.append(
            Item(
                data=section,
                form=section_form,
                first=n == 0,
                last=n == len(sections) - 1,
                open=section_open,
                fields=fields,
                add=add,
                # An empty section's next step is its first field.
                add_open=add_open or not fields,
            )
        )
    return items


def _submit(form: forms.Form, save) -> tuple[FormVersion | None, FailedPost | None]:
    if form.is_valid():
        try:
            return save(form.cleaned_data), None
        except ValidationError as error:
            apply_errors(form, error)
    return None, FailedPost(form.prefix, form)


def _change(request: HttpRequest, call: Call) -> tuple[FormVersion | None, FailedPost | None]:
    """Do what the POST asks: the version it made, or the form that failed."""
    op, key, actor = request.POST.get("op", ""), request.POST.get("key", ""), request.user
    if op in ("up", "down"):
        return services.item_move(actor=actor, call=call, key=key, up=op == "up"), None
    if op == "remove_section":
        return services.section_remove(actor=actor, call=call, key=key), None
    if op == "remove_field":
        return services.field_remove(actor=actor, call=call, key=key), None
    if op == "section_add":
        return _submit(
            SectionForm(request.POST, prefix=NEW_SECTION),
            lambda data: services.section_add(actor=actor, call=call, **data),
        )
    if op == "section_edit":
        return _submit(
            SectionForm(request.POST, prefix=key),
            lambda data: services.section_update(actor=actor, call=call, key=key, **data),
        )
    if op == "field_add":
        return _submit(
            FieldForm(request.POST, prefix="add-" + key),
            lambda data: services.field_add(actor=actor, call=call, section_key=key, spec=data),
        )
    if op == "field_edit":
        return _submit(
            FieldForm(request.POST, prefix=key),
            lambda data: services.field_update(actor=actor, call=call, key=key, spec=data),
        )
    raise Http404


def _back(call: Call, op: str, key: str) -> str:
    """The builder again, at the item just changed (or the section a field was added to)."""
    url = reverse("funding:call_form", args=[call.slug])
    return url if op.startswith("remove") or op == "section_add" or not key else f"{url}#{key}"


def _saved(before: FormVersion | None, after: FormVersion | None) -> str:
    # A move at either end changes nothing and saves nothing (its version has no pk).
    if before is None or after is None or not after.pk or after.number == before.number:
        return _("Saved.")
    return _(
        "Saved as version %(new)s. Version %(old)s stays as it was, with the applications started on it."
    ) % {"new": after.number, "old": before.number}


@login_required
def call_form(request: HttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request.user, slug)
    failed = None
    if request.method == "POST":
        before = services.current_form(call)
        try:
            version, failed = _change(request, call)
        except ValidationError as error:
            # A refusal that no input owns (the call has closed, the item is gone): said above the form.
            for message in error.messages:
                messages.error(request, message)
            return redirect("funding:call_form", call.slug)
        if failed is None:
            messages.success(request, _saved(before, version))
            return redirect(_back(call, request.POST.get("op", ""), request.POST.get("key", "")))
    form = services.current_form(call)
    editable = call.status in services.EDITABLE_STATUSES
    # A read-only page shows no form, so a refused one goes to the messages below.
    shown = failed if editable else None
    items = _items(form, shown)
    new_section, new_section_open = _form(SectionForm, NEW_SECTION, None, shown)
    if failed is not None and not failed.placed:
        # The item it was about is gone (someone else removed it meanwhile): nowhere to show it.
        for errors in failed.form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("funding:call_form", call.slug)
    context = {
        "call": call,
        "version": form,
        "frozen": form is not None and editable and services.is_frozen(form),
        "editable": editable,
        "items": items,
        "new_section": new_section,
        "new_section_open": new_section_open or not items,
    }
    return render(
        request,
        "funding/builder/form.html",
        context,
    )


@login_required
def call_form_preview(request: HttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request.user, slug)
    form = services.current_form(call)
    context = {
        "call": call,
        "version": form,
        "sections": form.sections if form is not None else [],
        "currency": call.program.currency,
        "budget_rows": range(1, BUDGET_ROWS + 1),
    }
    return render(request, "funding/builder/preview.html", context)
