"""Claims and verification: the forms people send, and the queues of the country's hub admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.pagination import paginate

from ..forms import ClaimForm, DecisionForm, RevokeForm, VerifyForm, apply_errors
from ..models import Claim, Organization
from ..permissions import can_claim, can_request_recovery, is_hub_admin, is_hub_admin_for
from ..queries import organization_or_404, pending_claims_for, unverified_for
from ..services.claims import claim_approve, claim_reject, claim_submit, claim_withdraw
from ..services.verification import organization_verify, verification_revoke


@login_required
def claim(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.published().select_related("country"), slug=slug)
    kind = Claim.Kind.CLAIM if can_claim(request.user, organization) else Claim.Kind.RECOVERY
    if kind == Claim.Kind.RECOVERY and not can_request_recovery(request.user, organization):
        raise PermissionDenied
    form = ClaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim_submit(actor=request.user, organization=organization, kind=kind, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Sent. The hub of the organization's country will answer by e-mail."))
            return redirect(organization.get_absolute_url())
    pending = Claim.objects.filter(
        organization=organization, claimant=request.user, status=Claim.Status.PENDING
    )
    context = {"organization": organization, "form": form, "kind": kind, "pending": pending.first()}
    return render(request, "orgs/claim.html", context)


@login_required
@require_POST
def withdraw_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("organization"), pk=claim_id)
    try:
        claim_withdraw(actor=request.user, claim=claim)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect(claim.organization.get_absolute_url())


def _require_hub_admin(user) -> None:
    if not is_hub_admin(user):
        raise PermissionDenied


@login_required
def hub_claims(request: HttpRequest) -> HttpResponse:
    _require_hub_admin(request.user)
    links = paginate(request, pending_claims_for(request.user))
    return render(request, "orgs/hub_claims.html", {"links": links})


@login_required
def hub_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_object_or_404(
        Claim.objects.select_related("organization", "organization__country", "claimant"), pk=claim_id
    )
    if not is_hub_admin_for(request.user, claim.organization):
        raise PermissionDenied
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if "approve" in request.POST:
                claim_approve(actor=request.user, claim=claim, note=form.cleaned_data["note"])
                messages.success(request, _("Approved. The person now manages the profile."))
            else:
                claim_reject(actor=request.user, claim=claim, note=form.cleaned_data["note"])
                messages.success(request, _("Rejected. The person is told why."))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("orgs:hub_claims")
    owners = claim.organization.memberships.filter(role="owner").select_related("user")
    return render(request, "orgs/hub_claim.html", {"claim": claim, "form": form, "owners": owners})


@login_required
def claim_document(request: HttpRequest, claim_id: int) -> FileResponse:
    """Evidence is for the hub admins of the country and the person who sent it."""
    claim = get_object_or_404(Claim.objects.select_related("organization"), pk=claim_id)
    if not (is_hub_admin_for(request.user, claim.organization) or claim.claimant_id == request.user.pk):
        raise PermissionDenied
    if not claim.evidence_file:
        raise Http404
    response = FileResponse(claim.evidence_file.open("rb"), as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    # Evidence names people and their posts: no shared cache or browser cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def hub_verification(request: HttpRequest) -> HttpResponse:
    _require_hub_admin(request.user)
    links = paginate(request, unverified_for(request.user))
    return render(request, "orgs/hub_verification.html", {"links": links})


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
    return render(request, "orgs/verify.html", context)
