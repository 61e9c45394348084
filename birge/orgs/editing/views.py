"""Creating a profile and editing it in steps; each step is saved on its own."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.forms import apply_errors
from birge.orgs.editing.forms import (
    AboutForm,
    BasicsForm,
    CapacityForm,
    ContactsForm,
    LogoForm,
    TranslationForm,
)
from birge.orgs.permissions import Viewer
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.reads import organization_or_404
from birge.orgs.profiles.services import (
    organization_create,
    organization_publish,
    organization_remove_logo,
    organization_set_logo,
    organization_set_themes,
    organization_set_visibility,
    organization_update,
)

STEPS = [
    ("basics", gettext_lazy("Basics")),
    ("about", gettext_lazy("Activities")),
    ("contacts", gettext_lazy("Contacts")),
    ("capacity", gettext_lazy("Capacity and funding")),
    ("translations", gettext_lazy("Other languages")),
    ("logo", gettext_lazy("Logo")),
]
STEP_NAMES = [name for name, _label in STEPS]


def _next_step(step: str) -> str | None:
    index = STEP_NAMES.index(step)
    return STEP_NAMES[index + 1] if index + 1 < len(STEP_NAMES) else None


@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = BasicsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        language = fields.pop("original_language")
        name = fields.pop(f"name_{language}")
        try:
            organization = organization_create(
                actor=request.user,
                kind=fields.pop("kind"),
                name=name,
                country=fields.pop("country"),
                original_language=language,
                **fields,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved as a draft. Only you see it until you publish it."))
            return redirect("orgs:edit", organization.slug, "about")
    return render(
        request, "orgs/editing/edit.html", {"form": form, "step": "basics", "steps": STEPS, "creating": True}
    )


def _save_step(request: HttpRequest, organization: Organization, step: str, form) -> None:
    """Call the services one step needs; raises ValidationError for the form."""
    actor = request.user
    if step in ("basics", "about", "translations"):
        organization_update(actor=actor, organization=organization, **form.service_fields())
        if step == "about":
            organization_set_themes(actor=actor, organization=organization, themes=form.chosen_themes())
    elif step in ("contacts", "capacity"):
        data = form.cleaned_data
        levels = {name: data[name] for name in form.visibility_names}
        values = {name: value for name, value in data.items() if name not in levels}
        organization_update(actor=actor, organization=organization, **values)
        organization_set_visibility(actor=actor, organization=organization, **levels)
    elif step == "logo":
        organization_set_logo(actor=actor, organization=organization, upload=form.cleaned_data["logo"])


def _form_for(step: str, organization: Organization, data, files, language: str):
    if step == "basics":
        return BasicsForm.for_organization(organization, data)
    if step == "about":
        return AboutForm.for_organization(organization, data)
    if step == "contacts":
        return ContactsForm(data, instance=organization)
    if step == "capacity":
        return CapacityForm(data, instance=organization)
    if step == "translations":
        return TranslationForm.for_organization(organization, language, data)
    return LogoForm(data, files)


@login_required
def edit(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    if step not in STEP_NAMES:
        raise Http404
    organization = organization_or_404(
        request.user, slug, Organization.objects.select_related("country", "region")
    )
    viewer = Viewer.of(request.user)
    if not viewer.can_edit(organization):
        raise PermissionDenied
    language = request.GET.get("language") or request.POST.get("language") or "en"
    if language not in settings.LANGUAGE_CODES:
        language = "en"
    if request.method == "POST" and step == "logo" and "remove" in request.POST:
        organization_remove_logo(actor=request.user, organization=organization)
        messages.success(request, _("The logo is removed."))
        return redirect("orgs:edit", organization.slug, "logo")
    data = request.POST if request.method == "POST" else None
    # ModelForms must not write to the profile themselves: give them a copy, services save the real one.
    target = (
        Organization.objects.get(pk=organization.pk) if step in ("contacts", "capacity") else organization
    )
    form = _form_for(step, target, data, request.FILES or None, language)
    if request.method == "POST" and form.is_valid():
        try:
            _save_step(request, organization, step, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            following = _next_step(step)
            if "continue" in request.POST and following:
                return redirect("orgs:edit", organization.slug, following)
            return redirect(f"{request.path}?language={language}" if step == "translations" else request.path)
    context = {
        "form": form,
        "organization": organization,
        "step": step,
        "steps": STEPS,
        "next_step": _next_step(step),
        "language": language,
        "languages": settings.LANGUAGES,
        "can_publish": viewer.can_manage_members(organization) and not organization.is_published,
    }
    return render(request, "orgs/editing/edit.html", context)


@login_required
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_or_404(request.user, slug)
    if request.method == "POST":
        organization_publish(actor=request.user, organization=organization)
        messages.success(request, _("Published: the organization is now in the directory."))
    return redirect(organization.get_absolute_url())
