"""The officer's pages of a call: a new call, and one call's settings, eligibility, criteria and steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from birge.core.forms import apply_errors
from birge.funding.calls import services
from birge.funding.calls.forms import CallForm, CriteriaForm, EligibilityForm
from birge.funding.calls.models import Call, Status
from birge.funding.permissions import can_run_calls
from birge.funding.programs.reads import program_by_slug

STEPS = {
    "publish": (services.call_publish, _("The call is announced.")),
    "open": (services.call_open, _("The call is open.")),
    "close": (services.call_close, _("The call is closed.")),
    "review": (services.call_start_review, _("The review has started.")),
    "decide": (services.call_decide, _("The call is decided.")),
    "archive": (services.call_archive, _("The call is archived.")),
}
# Which step each status offers next.
NEXT_STEP = {
    Status.DRAFT: "publish",
    Status.PUBLISHED: "open",
    Status.OPEN: "close",
    Status.CLOSED: "review",
    Status.IN_REVIEW: "decide",
    Status.DECIDED: "archive",
}


@login_required
def call_new(request: HttpRequest, slug: str) -> HttpResponse:
    program = program_by_slug(slug)
    if program is None or not can_run_calls(request.user, program):
        raise Http404
    form = CallForm(request.POST or None, program=program, initial={"applicants": program.applicants})
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(actor=request.user, program=program, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The draft is saved. Set who may apply and the criteria, then announce it.")
            )
            return redirect("funding:call_edit", call.slug)
    return render(request, "funding/calls/new.html", {"program": program, "form": form})


@login_required
def call_edit(request: HttpRequest, slug: str) -> HttpResponse:
    call = Call.objects.select_related("program", "program__operator").filter(slug=slug).first()
    if call is None or not can_run_calls(request.user, call.program):
        raise Http404
    data = request.POST if request.method == "POST" else None
    which = next(
        (name for name in ("settings", "eligibility", "criteria", "step") if name in request.POST), None
    )
    settings_form = CallForm(data if which == "settings" else None, program=call.program, call=call)
    eligibility = EligibilityForm(
        data if which == "eligibility" else None,
        initial={
            "countries": call.countries.all(),
            "regions": call.regions.all(),
            "themes": call.themes.all(),
        },
    )
    criteria = CriteriaForm(data if which == "criteria" else None, criteria=call.criteria.all())
    try:
        if which == "settings" and settings_form.is_valid():
            fields = {
                name: value for name, value in settings_form.cleaned_data.items() if name in services.EDITABLE
            }
            if call.status != Status.DRAFT:
                fields = {name: fields[name] for name in ("summary", "closes_at")}
            services.call_update(actor=request.user, call=call, **fields)
            messages.success(request, _("Saved."))
            return redirect("funding:call_edit", call.slug)
        if which == "eligibility" and eligibility.is_valid():
            services.call_set_eligibility(actor=request.user, call=call, **eligibility.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("funding:call_edit", call.slug)
        if which == "criteria" and criteria.is_valid():
            rows = criteria.criteria()
            if criteria.is_valid():
                services.criteria_set(actor=request.user, call=call, criteria=rows)
                messages.success(request, _("Saved."))
                return redirect("funding:call_edit", call.slug)
        if which == "step":
            step = STEPS.get(request.POST["step"])
            if step is None:
                raise Http404
            step[0](actor=request.user, call=call)
            messages.success(request, step[1])
            return redirect("funding:call_edit", call.slug)
    except ValidationError as error:
        target = {"settings": settings_form, "eligibility": eligibility, "criteria": criteria}.get(which)
        if target is not None:
            apply_errors(target, error)
        else:
            for message in error.messages:
                messages.error(request, message)
            return redirect("funding:call_edit", call.slug)
    context = {
        "call": call,
        "settings_form": settings_form,
        "eligibility": eligibility,
        "criteria": criteria,
        "is_draft": call.status == Status.DRAFT,
        "problems": services.publishing_problems(call) if call.status == Status.DRAFT else [],
        "next_step": NEXT_STEP.get(call.status),
    }
    return render(request, "funding/calls/edit.html", context)
