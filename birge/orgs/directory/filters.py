"""The directory's filter options, with their counts in the current result."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from birge.core.choices import reference_choices
from birge.orgs.profiles.models import Kind


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
