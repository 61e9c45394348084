"""The passport pages: the passport itself, an edit form per section, sharing, and document downloads.
Each view parses a form and calls one service; a refusal (PermissionDenied) becomes the 403 page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from birge.core.views import safe_next
from birge.orgs.passport import services
from birge.orgs.passport.files import content_type, document_name, document_url, download_name
from birge.orgs.passport.forms import (
    AuditForm,
    FinancialYearForm,
    GovernanceForm,
    PolicyForm,
    RegistrationForm,
    ShareForm,
)
from birge.orgs.passport.models import Passport, PassportAudit, PassportPolicy, PassportShare
from birge.orgs.passport.permissions import can_edit_passport, passport_access
from birge.orgs.passport.reads import passport_page, sharing_page
from birge.orgs.passport.status import SECTIONS, financial_year_choices
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.reads import organization_or_404


def _organization(request: HttpRequest, slug: str) -> Organization:
    return organization_or_404(request.user, slug)


def _editable(request: HttpRequest, slug: str) -> tuple[Organization, Passport | None]:
    """The organization and its passport (None before anything is saved), for an editor only."""
    organization = _organization(request, slug)
    if not can_edit_passport(request.user, organization):
        raise PermissionDenied
    return organization, Passport.objects.filter(organization=organization).first()


def _submit(request: HttpRequest, form, service: Callable, **arguments) -> bool:
    """Call `service` with the form's values when a valid form was sent; show a refusal on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        service(actor=request.user, **arguments, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _to_passport(organization: Organization, anchor: str) -> HttpResponse:
    return redirect(reverse("orgs:passport", args=[organization.slug]) + f"#{anchor}")


def _edit_page(request, organization, form, *, section: str, title: str, documents=()) -> HttpResponse:
    """`documents`: (label, name) of each document stored now, linked above the form."""
    links = [(label, document_url(organization.slug, what)) for label, what in documents]
    context = {"organization": organization, "form": form, "section": section, "title": title}
    return render(request, "orgs/passport/edit.html", context | {"documents": links})


@require_GET
def passport(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug)
    access = services.passport_open(reader=request.user, organization=organization)
    return render(request, "orgs/passport/passport.html", passport_page(organization, access))


@require_http_methods(["GET", "POST"])
def edit_registration(request: HttpRequest, slug: str) -> HttpResponse:
    organization, passport = _editable(request, slug)
    form = RegistrationForm.for_passport(passport, request.POST or None, request.FILES or None)
    if _submit(request, form, services.passport_update_registration, organization=organization):
        messages.success(request, _("Registration saved."))
        return _to_passport(organization, "registration")
    documents = []
    if passport and passport.registration_document:
        documents.append((_("Registration certificate"), document_name(name="registration")))
    if passport and passport.charter_document:
        documents.append((_("Charter"), document_name(name="charter")))
    return _edit_page(
        request, organization, form, section="registration", title=_("Registration"), documents=documents
    )


@require_http_methods(["GET", "POST"])
def edit_governance(request: HttpRequest, slug: str) -> HttpResponse:
    organization, passport = _editable(request, slug)
    form = GovernanceForm.for_passport(passport, request.POST or None)
    if _submit(request, form, services.passport_update_governance, organization=organization):
        messages.success(request, _("Governance saved."))
        return _to_passport(organization, "governance")
    return _edit_page(request, organization, form, section="governance", title=_("Governance"))


@require_http_methods(["GET", "POST"])
def edit_finances(request: HttpRequest, slug: str) -> HttpResponse:
    organization, passport = _editable(request, slug)
    choices = financial_year_choices()
    requested = request.GET.get("year", "")
    year = int(requested) if requested.isdigit() and int(requested) in choices else choices[1]
    row = passport.financial_years.filter(year=year).first() if passport else None
    form = FinancialYearForm.for_year(year, row, request.POST or None, request.FILES or None)
    if _submit(request, form, services.financial_year_save, organization=organization):
        messages.success(
            request, _("The finances of %(year)s are saved.") % {"year": form.cleaned_data["year"]}
        )
        return _to_passport(organization, "finances")
    documents = [(_("Financial report"), document_name(year=year))] if row and row.report_document else []
    title = _("Finances of %(year)s") % {"year": year}
    return _edit_page(request, organization, form, section="finances", title=title, documents=documents)


@require_http_methods(["GET", "POST"])
def edit_policy(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    if kind not in PassportPolicy.Kind.values:
        raise Http404
    organization, passport = _editable(request, slug)
    policy = passport.policies.filter(kind=kind).first() if passport else None
    form = PolicyForm.for_policy(policy, request.POST or None, request.FILES or None)
    if _submit(request, form, services.policy_save, organization=organization, kind=kind):
        messages.success(request, _("Policy saved."))
        return _to_passport(organization, "policies")
    label = PassportPolicy.Kind(kind).label
    documents = [(_("Policy document"), document_name(kind=kind))] if policy and policy.document else []
    title = _("Policy on %(policy)s") % {"policy": label}
    return _edit_page(request, organization, form, section="policies", title=title, documents=documents)


@require_http_methods(["GET", "POST"])
def edit_audit(request: HttpRequest, slug: str, audit_id: int | None = None) -> HttpResponse:
    organization, passport = _editable(request, slug)
    audit = None
    if audit_id is not None:
        audit = get_object_or_404(PassportAudit, pk=audit_id, passport__organization=organization)
    form = AuditForm.for_audit(audit, request.POST or None, request.FILES or None)
    if _submit(request, form, services.audit_save, organization=organization, audit=audit):
        messages.success(request, _("Audit saved."))
        return _to_passport(organization, "audits")
    documents = [(_("Audit report"), document_name(audit_id=audit.pk))] if audit and audit.document else []
    title = _("Audit of %(year)s") % {"year": audit.year} if audit else _("New audit")
    return _edit_page(request, organization, form, section="audits", title=title, documents=documents)


@require_POST
def confirm(request: HttpRequest, slug: str, section: str) -> HttpResponse:
    if section not in SECTIONS:
        raise Http404
    organization = _organization(request, slug)
    try:
        services.passport_confirm_current(actor=request.user, organization=organization, section=section)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Confirmed as current: %(section)s.") % {"section": SECTIONS[section]})
    return _to_passport(organization, section)


@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug)
    access = passport_access(request.user, organization)
    if not access.is_member:
        raise PermissionDenied
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data["expires_on"]
        # Until the end of the chosen day, in the platform's time zone.
        expires_at = timezone.make_aware(datetime.combine(expires_on, time(23, 59, 59)))
        funder = form.cleaned_data["funder"]
        try:
            services.passport_share(
                actor=request.user, organization=organization, funder=funder, expires_at=expires_at
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The passport is shared with %(funder)s.") % {"funder": funder.name})
            return redirect("orgs:passport_share", organization.slug)
    context = {"organization": organization, "access": access, "form": form}
    return render(request, "orgs/passport/sharing.html", context | {"shares": sharing_page(organization)})


@require_POST
def revoke(request: HttpRequest, slug: str, share_id: int) -> HttpResponse:
    organization = _organization(request, slug)
    share = get_object_or_404(
        PassportShare.objects.select_related("passport__organization", "funder"),
        pk=share_id,
        passport__organization=organization,
    )
    services.passport_share_revoke(actor=request.user, share=share)
    messages.success(
        request, _("%(funder)s can no longer read the passport.") % {"funder": share.funder.name}
    )
    return redirect(safe_next(request, reverse("orgs:passport_share", args=[organization.slug])))


@require_GET
def document(
    request: HttpRequest,
    slug: str,
    name: str = "",
    year: int | None = None,
    kind: str = "",
    audit_id: int | None = None,
) -> HttpResponse:
    """A passport document, for download only: served as an attachment, under our own name, with the type
    its content was checked to be, never rendered by the browser."""
    organization = _organization(request, slug)
    what = document_name(name=name, year=year, kind=kind, audit_id=audit_id)
    file = services.passport_document_open(reader=request.user, organization=organization, what=what)
    if file is None:
        raise Http404
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=download_name(organization.slug, what, file),
        content_type=content_type(file),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
