"""Reference data as plain tuples in the active language, cached.

Every filter form lists the countries, regions and thematic areas; building them from the models on each
request costs more than the search itself. They change only when `birge migrate` loads the reference
data or an administrator edits it, and both save through the models, whose signals clear the cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

TIMEOUT = 24 * 3600


@dataclass(frozen=True)
class ReferenceChoices:
    countries: list[tuple[str, str, bool]]  # code, name, is_home
    regions: list[tuple[str, str, str]]  # code, name, country code (home countries only)
    areas: list[tuple[str, str, str | None]]  # slug, name, parent slug; parents before their children


def _key(language: str) -> str:
    return f"core:reference-choices:{language}"


def reference_choices() -> ReferenceChoices:
    language = get_language() or settings.LANGUAGE_CODE
    choices = cache.get(_key(language))
    if choices is None:
        choices = _build()
        cache.set(_key(language), choices, TIMEOUT)
    return choices


def _build() -> ReferenceChoices:
    from .models import Country, Region, ThematicArea

    areas = list(ThematicArea.objects.all())
    children: dict[int, list] = {}
    for area in areas:
        if area.parent_id:
            children.setdefault(area.parent_id, []).append(area)
    ordered = []
    for area in areas:
        if area.parent_id is None:
            ordered.append((area.slug, area.name, None))
            ordered += [(child.slug, child.name, area.slug) for child in children.get(area.pk, [])]
    return ReferenceChoices(
        countries=[(country.code, country.name, country.is_home) for country in Country.objects.all()],
        regions=[
            (region.code, region.name, region.country.code)
            for region in Region.objects.filter(country__is_home=True).select_related("country")
        ],
        areas=ordered,
    )


def forget_reference_choices(**kwargs) -> None:
    cache.delete_many([_key(code) for code, _name in settings.LANGUAGES])
