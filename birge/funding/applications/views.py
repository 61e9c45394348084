"""The applicant's pages: starting an application, each section of the draft (saved with a button, or by
the small autosave script as the applicant types), partners, files, the check before submission, the
receipt, and withdrawal. Everything works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.core.pagination import paginate
from birge.core.uploads import KINDS
from birge.funding.applications import services
from birge.funding.applications.budget import totals
from birge.funding.applications.checks import submission_problems
from birge.funding.applications.content import application_content
from birge.funding.applications.forms import (
    ApplicantForm,
    BudgetForm,
    FileForm,
    PartnerForm,
    PartnerSearchForm,
    SectionForm,
    StartForm,
)
from birge.funding.applications.models import Application, Attachment, Partner
from birge.funding.applications.reads import own_application, own_applications
from birge.funding.builder.models import FieldType
from birge.funding.calls.reads import public_call_or_none
from birge.funding.permissions import can_read_application
from birge.orgs.members.models import Membership, Role
from birge.orgs.profiles.models import Organization

APPLICANT, PARTNERS, CHECK = "applicant", "partners", "check"


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "funding/applications/list.html",
        {"links": paginate(request, own_applications(request.user))},
    )


def _organizations_for(user):
    editable = Membership.objects.filter(user=user, role__in=(Role.OWNER, Role.EDITOR)).values("organization")
    return Organization.objects.published().filter(pk__in=editable).order_by("name")


@login_required
def start(request: HttpRequest, slug: str) -> HttpResponse:
    call = public_call_or_none(slug)
    if call is None:
        raise Http404
    form = StartForm(request.POST or None, call=call, organizations=_organizations_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_start(
                actor=request.user,
                call=call,
                language=get_language(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied:
            form.add_error(
                "organization", _("Only those who may edit an organization's profile apply for it.")
            )
        else:
            return redirect("funding:application", application.pk)
    return render(request, "funding/applications/start.html", {"call": call, "form": form})


def _steps(application: Application) -> list[tuple[str, str]]:
    return [
        (APPLICANT, _("Applicant")),
        *[(section["key"], section["title"]) for section in application.form.sections],
        (PARTNERS, _("Partners")),
        (CHECK, _("Check and submit")),
    ]


def _section(application: Application, key: str) -> dict | None:
    return next((section for section in application.form.sections if section["key"] == key), None)


def _budget_spec(section: dict) -> dict | None:
    return next((field for field in section["fields"] if field["type"] == FieldType.BUDGET), None)


def _forms(request, application: Application, step: str, data=None) -> dict:
    """The forms of one step, bound to `data` when given."""
    revision = {"revision": application.revision}
    if step == APPLICANT:
        initial = {
            **revision,
            "title": application.title,
            "language": application.language,
            "group_name": application.group_name,
            "country": application.country_id,
            "region": application.region_id,
            "lot": application.lot_id,
        }
        return {"applicant": ApplicantForm(data, application=application, initial=initial)}
    section = _section(application, step)
    if section is None:
        return {}
    found = {"answers": SectionForm(data, section=section, answers=application.answers, initial=revision)}
    if _budget_spec(section):
        found["budget"] = BudgetForm(data, lines=application.budget, initial=revision)
    return found


def _save(request, application: Application, step: str, forms: dict) -> Application:
    """Save the bound forms of a step through the service; raises ValidationError or StaleDraft."""
    if not all(form.is_valid() for form in forms.values()):
        raise ValidationError(_("Some answers could not be kept; see the messages by the fields."))
    revision = next(iter(forms.values())).cleaned_data["revision"]
    changes: dict = {}
    if "applicant" in forms:
        data = dict(forms["applicant"].cleaned_data)
        data.pop("revision")
        changes["title"] = data.pop("title")
        changes.update(data)
    if "answers" in forms:
        changes["answers"] = forms["answers"].answers()
    if "budget" in forms:
        changes["budget"] = forms["budget"].lines()
    return services.application_save(
        actor=request.user, application=application, revision=revision, **changes
    )


def _stale_data(request, application: Application):
    # Keep what this tab typed, but on the stored revision: saving again is then a deliberate choice.
    data = request.POST.copy()
    data["revision"] = str(application.revision)
    return data


@login_required
def application(request: HttpRequest, pk: int) -> HttpResponse:
    found = own_application(request.user, pk)
    if found is None:
        raise Http404
    if not found.is_draft:
        return _read_only(request, found)
    steps = _steps(found)
    step = request.GET.get("section") or APPLICANT
    if step not in dict(steps):
        step = APPLICANT
    if step == PARTNERS:
        return _partners(request, found, steps)
    if step == CHECK:
        return redirect("funding:application_submit", found.pk)
    stale = None
    forms = _forms(request, found, step, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        try:
            found = _save(request, found, step, forms)
        except services.StaleDraft as error:
            stale = error.application
            forms = _forms(request, stale, step, _stale_data(request, stale))
            for form in forms.values():
                form.is_valid()
        except ValidationError as error:
            target = forms.get("applicant") or forms.get("answers")
            apply_errors(target, error)
        else:
            messages.success(request, _("Saved."))
            following = request.POST.get("next")
            return redirect(f"{request.path}?section={following if following in dict(steps) else step}")
    section = _section(found, step)
    context = {
        "application": found,
        "call": found.call,
        "steps": steps,
        "step": step,
        "next_step": _after(steps, step),
        "section": section,
        "forms": forms,
        "stale": stale,
        "stale_answers": _stale_answers(stale, section) if stale else [],
        "problems": _step_problems(request, found, step),
        "budget_sums": totals(found.budget) if "budget" in forms else None,
        "files": _files(request, found, section),
        "autosave": True,
    }
    return render(request, "funding/applications/edit.html", context)


def _step_url(application: Application, step: str) -> str:
    return f"{reverse('funding:application', args=[application.pk])}?section={step}"


def _after(steps, step):
    keys = [key for key, _title in steps]
    index = keys.index(step)
    return keys[index + 1] if index + 1 < len(keys) else None


def _stale_answers(stale: Application, section: dict | None) -> list[tuple[str, str]]:
    """What the other tab or device saved, field by field, to compare with what this one typed."""
    if section is None:
        return [(_("Project title"), stale.title)]
    shown = []
    for field in section["fields"]:
        value = stale.answers.get(field["key"])
        if value not in (None, "", []):
            shown.append((field["label"], ", ".join(value) if isinstance(value, list) else value))
    return shown


def _step_problems(request, application: Application, step: str) -> list:
    """When the applicant comes from the check page, what to fix on this step."""
    if request.GET.get("check") != "1":
        return []
    return [problem for problem in submission_problems(application) if (problem.section or APPLICANT) == step]


def _files(request, application: Application, section: dict | None) -> list[dict]:
    if section is None:
        return []
    stored = list(application.attachments.all())
    return [
        {
            "spec": field,
            "stored": [item for item in stored if item.field_key == field["key"]],
            "form": FileForm(),
        }
        for field in section["fields"]
        if field["type"] == FieldType.FILE
    ]


def _partners(request, application: Application, steps) -> HttpResponse:
    search = PartnerSearchForm(request.GET)
    query = search.cleaned_data.get("q", "").strip() if search.is_valid() else ""
    chosen = {partner.organization_id for partner in application.partners.all()}
    found = []
    if len(query) >= 2:
        found = list(
            Organization.objects.published()
            .filter(name__icontains=query)
            .exclude(pk__in=[*chosen, application.organization_id or 0])
            .select_related("country")
            .order_by("name")[:10]
        )
    context = {
        "application": application,
        "call": application.call,
        "steps": steps,
        "step": PARTNERS,
        "next_step": CHECK,
        "partners": application.partners.select_related("organization", "organization__country"),
        "search": search,
        "query": query,
        "found": found,
        "partner_form": PartnerForm(),
    }
    return render(request, "funding/applications/partners.html", context)


@login_required
@require_POST
def partner(request: HttpRequest, pk: int) -> HttpResponse:
    found = own_application(request.user, pk)
    if found is None:
        raise Http404
    back = _step_url(found, PARTNERS)
    try:
        if "remove" in request.POST:
            item = Partner.objects.filter(application=found, pk=request.POST.get("remove")).first()
            if item is not None:
                services.partner_remove(actor=request.user, partner=item)
                messages.success(request, _("The partner is removed."))
        else:
            form = PartnerForm(request.POST)
            organization = (
                Organization.objects.published().filter(pk=form.cleaned_data["organization"]).first()
                if form.is_valid()
                else None
            )
            if organization is None:
                raise ValidationError(_("Choose an organization of the directory."))
            services.partner_add(
                actor=request.user,
                application=found,
                organization=organization,
                role=form.cleaned_data["role"],
            )
            messages.success(request, _("%(name)s is named as a partner.") % {"name": organization.name})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    found = own_application(request.user, pk)
    if found is None:
        raise Http404
    section = request.POST.get("section", APPLICANT)
    form = FileForm(request.POST, request.FILES)
    try:
        if "remove" in request.POST:
            item = Attachment.objects.filter(application=found, pk=request.POST.get("remove")).first()
            if item is not None:
                services.attachment_remove(actor=request.user, attachment=item)
                messages.success(request, _("The file is removed."))
        elif not form.is_valid():
            raise ValidationError(_("Choose a file to send."))
        else:
            services.attachment_add(
                actor=request.user,
                application=found,
                field_key=request.POST.get("field", ""),
                uploaded=form.cleaned_data["file"],
            )
            messages.success(request, _("The file is attached."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_step_url(found, section))


@login_required
def attachment(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """A file of an application, for those who may read the application; always as a download."""
    item = (
        Attachment.objects.select_related("application__call__program")
        .filter(pk=file_pk, application_id=pk)
        .first()
    )
    if item is None or not can_read_application(request.user, item.application):
        raise Http404
    response = FileResponse(item.file.open("rb"), content_type=KINDS[item.kind].content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="application-{pk}-{item.pk}{KINDS[item.kind].extension}"'
    )
    return response


@login_required
@require_POST
def autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """The autosave script's save: the same forms as the page, answered in JSON (409 when stale)."""
    found = own_application(request.user, pk)
    if found is None:
        raise Http404
    step = request.POST.get("section") or APPLICANT
    forms = _forms(request, found, step, request.POST)
    if not forms:
        return JsonResponse(
            {"error": _("This section is no longer in the form; reload the page.")}, status=400
        )
    try:
        found = _save(request, found, step, forms)
    except services.StaleDraft as error:
        return JsonResponse(
            {
                "error": _(
                    "This application was changed in another tab or on another device. "
                    "Save with the button to compare."
                ),
                "revision": error.application.revision,
            },
            status=409,
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    saved = timezone.localtime(found.updated_at).strftime("%H:%M")
    return JsonResponse({"revision": found.revision, "saved": _("Saved at %(time)s.") % {"time": saved}})


@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    found = own_application(request.user, pk)
    if found is None:
        raise Http404
    if request.method == "POST":
        try:
            found = services.application_submit(actor=request.user, application=found)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages[:1]))
        else:
            return redirect("funding:application", found.pk)
    if not found.is_draft:
        return redirect("funding:application", found.pk)
    problems = submission_problems(found)
    titles = dict(_steps(found))
    context = {
        "application": found,
        "call": found.call,
        "steps": _steps(found),
        "step": CHECK,
        "problems": [
            (problem, problem.section or APPLICANT, titles.get(problem.section or APPLICANT))
            for problem in problems
        ],
        "sums": totals(found.budget),
    }
    return render(request, "funding/applications/submit.html", context)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = own_application(request.user, pk)
    if found is None:
        raise Http404
    try:
        services.application_withdraw(actor=request.user, application=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The application is withdrawn."))
    return redirect("funding:application", found.pk)


def _read_only(request, application: Application) -> HttpResponse:
    decision = getattr(application, "decision", None)
    context = {
        "application": application,
        "call": application.call,
        "content": application_content(application),
        # The decision is the applicant's once the call is decided and they have been told.
        "decision": decision if decision is not None and decision.announced_at else None,
    }
    return render(request, "funding/applications/detail.html", context)
