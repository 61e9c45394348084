"""The hub's queue of organizations to verify, and the check itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from birge.core.forms import apply_errors
from birge.core.pagination import paginate
from birge.orgs.permissions import is_hub_admin_for, require_hub_admin
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.reads import organization_or_404
from birge.orgs.verification.forms import RevokeForm, VerifyForm
from birge.orgs.verification.reads import unverified_for
from birge.orgs.verification.services import organization_verify, verification_revoke


@login_required
def hub_verification(request: HttpRequest) -> HttpResponse:
    require_hub_admin(request.user)
    links = paginate(request, unverified_for(request.user))
    return render(request, "orgs/verification/hub_verification.html", {"links": links})


@login_required
def verify(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_or_404(request.user, slug, Organization.objects.select_related("country"))
    if not is_hub_admin_for(request.user, organization):
        raise PermissionDenied
    revoking = organization.is_verified
    form = (RevokeForm if revoking else VerifyForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if revoking:
                verification_revoke(actor=request.user, organization=organization, **form.cleaned_data)
                messages.success(request, _("The verification is revoked."))
            else:
                organization_verify(actor=request.user, organization=organization, **form.cleaned_data)
                messages.success(request, _("Verified. The badge is on the profile."))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(organization.get_absolute_url())
    history = organization.verifications.select_related("verifier", "revoked_by")[:20]
    context = {"organization": organization, "form": form, "revoking": revoking, "history": history}
    return render(request, "orgs/verification/verify.html", context)
