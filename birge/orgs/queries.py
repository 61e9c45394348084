"""Reads the pages need beyond search: filter options with their counts, hub queues, a profile's extras."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from birge.core.models import Country, Region, ThematicArea

from .models import Claim, Kind, Organization
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
    """Every value a filter can take (three small queries), with the count in the current result where the
    search gave one; regions and sub-areas are listed under their country and broad area."""
    countries = _counts(facets, "country")
    kinds = _counts(facets, "kind")
    themes = _counts(facets, "theme")
    languages = _counts(facets, "language")
    regions = list(Region.objects.filter(country__is_home=True).select_related("country"))
    areas = list(ThematicArea.objects.all())
    children: dict[int, list[ThematicArea]] = {}
    for area in areas:
        if area.parent_id:
            children.setdefault(area.parent_id, []).append(area)
    theme_options: list[Option] = []
    for area in areas:
        if area.parent_id is None:
            theme_options.append(Option(area.slug, area.name, themes.get(area.slug, 0)))
            theme_options += [
                Option(child.slug, child.name, None, indent=True) for child in children.get(area.pk, [])
            ]
    return {
        "country": [
            Option(country.code, country.name, countries.get(country.code, 0))
            for country in Country.objects.all()
            if country.is_home or countries.get(country.code)
        ],
        "region": [Option(region.code, f"{region.name} ({region.country.code})", None) for region in regions],
        "kind": [Option(value, label, kinds.get(value, 0)) for value, label in Kind.choices],
        "theme": theme_options,
        "language": [Option(code, name, languages.get(code, 0)) for code, name in settings.LANGUAGES],
    }


def pending_claims_for(user):
    claims = Claim.objects.filter(status=Claim.Status.PENDING).select_related(
        "organization", "organization__country", "claimant"
    )
    if not user.is_superuser:
        claims = claims.filter(organization__country_id__in=hub_country_ids(user))
    return claims.order_by("created_at")


def unverified_for(user):
    organizations = (
        Organization.objects.published().filter(verified_at__isnull=True).select_related("country")
    )
    if not user.is_superuser:
        organizations = organizations.filter(country_id__in=hub_country_ids(user))
    return organizations.order_by("-published_at")
