"""Claiming an organization, and the hub's queue of claims."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.core.pagination import paginate
from birge.orgs.claims.forms import ClaimForm, DecisionForm
from birge.orgs.claims.models import Claim
from birge.orgs.claims.permissions import can_claim, can_request_recovery, has_owner
from birge.orgs.claims.reads import pending_claims_for
from birge.orgs.claims.services import claim_approve, claim_reject, claim_submit, claim_withdraw
from birge.orgs.permissions import Viewer, is_hub_admin_for, require_hub_admin
from birge.orgs.profiles.models import Organization


@login_required
def claim(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.published().select_related("country"), slug=slug)
    viewer, owned = Viewer.of(request.user), has_owner(organization)
    kind = Claim.Kind.CLAIM if can_claim(viewer, organization, owned=owned) else Claim.Kind.RECOVERY
    if kind == Claim.Kind.RECOVERY and not can_request_recovery(viewer, organization, owned=owned):
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
    return render(request, "orgs/claims/claim.html", context)


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


@login_required
def hub_claims(request: HttpRequest) -> HttpResponse:
    require_hub_admin(request.user)
    links = paginate(request, pending_claims_for(request.user))
    return render(request, "orgs/claims/hub_claims.html", {"links": links})


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
    return render(request, "orgs/claims/hub_claim.html", {"claim": claim, "form": form, "owners": owners})


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
