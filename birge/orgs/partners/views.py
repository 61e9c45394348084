"""An organization's partners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.orgs.partners.forms import PartnerForm
from birge.orgs.partners.reads import partners_of
from birge.orgs.partners.services import partner_add, partner_remove
from birge.orgs.permissions import Viewer
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.reads import organization_or_404
from birge.orgs.profiles.visibility import present_all


@login_required
def partners(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_or_404(request.user, slug)
    viewer = Viewer.of(request.user)
    if not viewer.is_member(organization):
        raise PermissionDenied
    editor = viewer.can_edit(organization)
    form = PartnerForm(request.POST or None)
    if request.method == "POST":
        if not editor:
            raise PermissionDenied
        if form.is_valid():
            try:
                partner_add(
                    actor=request.user, organization=organization, partner=form.cleaned_data["partner"]
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The partner is added."))
                return redirect("orgs:partners", slug)
    context = {
        "organization": organization,
        "partners": present_all(partners_of(organization), viewer),
        "form": form,
        "can_edit": editor,
    }
    return render(request, "orgs/partners/partners.html", context)


@login_required
@require_POST
def remove_partner(request: HttpRequest, slug: str, partner_slug: str) -> HttpResponse:
    organization = organization_or_404(request.user, slug)
    partner = get_object_or_404(Organization, slug=partner_slug)
    partner_remove(actor=request.user, organization=organization, partner=partner)
    messages.success(request, _("The partner is removed."))
    return redirect("orgs:partners", slug)
