"""An organization's public page, and its logo."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from birge.orgs.claims.permissions import can_claim, can_request_recovery, has_owner
from birge.orgs.partners.reads import partners_of
from birge.orgs.passport.permissions import can_read_passport
from birge.orgs.permissions import Viewer
from birge.orgs.profiles.fields import FUNDING_SOURCES
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.sections import sections_for
from birge.orgs.profiles.visibility import LANGUAGE_NAMES, OrganizationView, present_all


def profile(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(
        Organization.objects.visible_to(request.user).select_related("country", "region"), slug=slug
    )
    viewer = Viewer.of(request.user)
    card = OrganizationView(organization, viewer)
    is_member = viewer.is_member(organization)
    owned = has_owner(organization)
    verification = (
        organization.verifications.filter(revoked_at__isnull=True).select_related("verifier").first()
        if organization.is_verified
        else None
    )
    partners = present_all(partners_of(organization), viewer) if is_member else []
    funding = card.funding_mix
    context = {
        "organization": organization,
        "card": card,
        "working_languages": [LANGUAGE_NAMES.get(code, code) for code in organization.working_languages],
        "budget_label": organization.get_budget_band_display() if card.budget_band else "",
        "funding": [(FUNDING_SOURCES[key], share) for key, share in funding.items() if share]
        if funding
        else [],
        "themes": list(organization.themes.all()),
        "verification": verification,
        "is_member": is_member,
        "can_edit": viewer.can_edit(organization),
        "can_manage": viewer.can_manage_members(organization),
        "can_claim": can_claim(viewer, organization, owned=owned),
        "can_recover": can_request_recovery(viewer, organization, owned=owned),
        "is_hub_admin": viewer.is_hub_admin_for(organization),
        "can_read_passport": can_read_passport(viewer, organization),
        "partners": partners,
        "unmanaged": not owned,
        "sections": sections_for(organization, viewer),
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
