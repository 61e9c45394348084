"""Reads the pages need beyond search: filter options with their counts, hub queues, a profile's extras."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404

from birge.core.choices import reference_choices

from .models import Claim, Kind, Organization, Verification
from .permissions import hub_country_ids


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int | None
    indent: bool = False


def _counts(facets: dict, name: str) -> dict[str, int]:
    return {facet.value: facet.count for facet in facets.get(name, [])}


def filter_options(facets: dict) -> dict[str, list[Option]]:
    """Every value a filter can take (reference data, cached), with the count in the current result where
    the search gave one; regions and sub-areas are listed under their country and broad area."""
    countries = _counts(facets, "country")
    kinds = _counts(facets, "kind")
    themes = _counts(facets, "theme")
    languages = _counts(facets, "language")
    reference = reference_choices()
    return {
        "country": [
            Option(code, name, countries.get(code, 0))
            for code, name, is_home in reference.countries
            if is_home or countries.get(code)
        ],
        "region": [Option(code, f"{name} ({country})", None) for code, name, country in reference.regions],
        "kind": [Option(value, label, kinds.get(value, 0)) for value, label in Kind.choices],
        "theme": [
            Option(slug, name, None, indent=True) if parent else Option(slug, name, themes.get(slug, 0))
            for slug, name, parent in reference.areas
        ],
        "language": [Option(code, name, languages.get(code, 0)) for code, name in settings.LANGUAGES],
    }


def organization_or_404(user, slug: str, queryset=None) -> Organization:
    """The organization at `slug` if `user` may see it at all, else 404 — never 403: a draft's address
    must answer an outsider exactly as an address where nothing exists does."""
    queryset = Organization.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(user), slug=slug)


def partners_of(organization: Organization):
    """The organizations `organization` lists as partners, with what a card shows of them."""
    return Organization.objects.filter(listed_as_partner__organization=organization).select_related(
        "country", "region"
    )


def pending_claims_for(user):
    claims = Claim.objects.filter(status=Claim.Status.PENDING).select_related(
        "organization", "organization__country", "claimant"
    )
    if not user.is_superuser:
        claims = claims.filter(organization__country_id__in=hub_country_ids(user))
    return claims.order_by("created_at")


def suspended_verifications():
    """Verifications suspended by a change of identity and not yet replaced, newest first."""
    return Verification.objects.filter(suspended_at__isnull=False, revoked_at__isnull=True)


def unverified_for(user):
    """The hub's queue: published organizations without a badge, each with `suspensions` (the verification
    a change of identity suspended, if any, for the "changed since verification" line)."""
    organizations = (
        Organization.objects.published()
        .filter(verified_at__isnull=True)
        .select_related("country")
        .prefetch_related(Prefetch("verifications", suspended_verifications(), to_attr="suspensions"))
        # A profile that changed after its check comes first: it was trusted, and may no longer deserve it.
        .annotate(changed=Exists(suspended_verifications().filter(organization=OuterRef("pk"))))
    )
    if not user.is_superuser:
        organizations = organizations.filter(country_id__in=hub_country_ids(user))
    return organizations.order_by("-changed", "-published_at")
