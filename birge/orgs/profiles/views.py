"""An organization's public page, and its logo."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy

from birge.orgs.claims.permissions import can_claim, can_request_recovery
from birge.orgs.members.models import Role
from birge.orgs.partners.reads import partners_of
from birge.orgs.passport.permissions import can_read_passport
from birge.orgs.permissions import Viewer, can_edit, can_manage_members, is_hub_admin_for
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.visibility import LANGUAGE_NAMES, OrganizationView, present_all

FUNDING_LABELS = {
    "foreign": gettext_lazy("foreign grants"),
    "state": gettext_lazy("state funding"),
    "membership": gettext_lazy("membership fees"),
    "business": gettext_lazy("business"),
    "individual": gettext_lazy("individual donations"),
}


def profile(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(
        Organization.objects.visible_to(request.user).select_related("country", "region"), slug=slug
    )
    viewer = Viewer.of(request.user)
    card = OrganizationView(organization, viewer)
    is_member = organization.pk in viewer.member_of
    verification = (
        organization.verifications.filter(revoked_at__isnull=True).select_related("verifier").first()
        if organization.is_verified
        else None
    )
    partners = present_all(partners_of(organization), request.user) if is_member else []
    funding = card.funding_mix
    context = {
        "organization": organization,
        "card": card,
        "working_languages": [LANGUAGE_NAMES.get(code, code) for code in organization.working_languages],
        "budget_label": organization.get_budget_band_display() if card.budget_band else "",
        "funding": [(FUNDING_LABELS[key], share) for key, share in funding.items() if share]
        if funding
        else [],
        "themes": list(organization.themes.all()),
        "verification": verification,
        "is_member": is_member,
        "can_edit": can_edit(request.user, organization),
        "can_manage": can_manage_members(request.user, organization),
        "can_claim": can_claim(request.user, organization),
        "can_recover": can_request_recovery(request.user, organization),
        "is_hub_admin": is_hub_admin_for(request.user, organization),
        "can_read_passport": can_read_passport(request.user, organization),
        "partners": partners,
        "unmanaged": not organization.memberships.filter(role=Role.OWNER).exists(),
    }
    return render(request, "orgs/profiles/profile.html", context)


def logo(request: HttpRequest, slug: str, size: str) -> FileResponse:
    """Logos are public; served from storage by the app so that every deployment (no separate media
    server in the demo) gets the same long-cached, versioned URLs."""
    organization = get_object_or_404(Organization.objects.visible_to(request.user), slug=slug)
    field = organization.logo if size == "profile" else organization.logo_thumbnail
    if not field:
        raise Http404
    response = FileResponse(field.open("rb"), content_type="image/webp")
    response["Cache-Control"] = "public, max-age=2592000, immutable"  # the URL changes with the file
    response["X-Content-Type-Options"] = "nosniff"
    return response
