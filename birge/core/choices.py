"""Reference data as plain tuples in the active language, kept by each process and in the cache.

Every filter form lists the countries, regions and thematic areas; building them from the models on each
request costs more than the search itself, and even unpickling them from a shared cache costs a fair part
of it. They change only when `birge migrate` loads the reference data or an administrator edits it, and
both save through the models, whose signals forget them in this process and in the cache; another process
keeps its copy for at most MEMO_SECONDS more.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from modeltranslation.utils import resolution_order

TIMEOUT = 24 * 3600
MEMO_SECONDS = 60
_memo: dict[str, tuple[float, ReferenceChoices]] = {}  # language: (when it was read, choices)


@dataclass(frozen=True)
class ReferenceChoices:
    countries: list[tuple[str, str, bool]]  # code, name, is_home
    regions: list[tuple[str, str, str]]  # code, name, country code (home countries only)
    areas: list[tuple[str, str, str | None]]  # slug, name, parent slug; parents before their children


def _key(language: str) -> str:
    return f"core:reference-choices:{language}"


def reference_choices() -> ReferenceChoices:
    language = get_language() or settings.LANGUAGE_CODE
    now = time.monotonic()
    if (memo := _memo.get(language)) and now - memo[0] < MEMO_SECONDS:
        return memo[1]
    choices = cache.get(_key(language))
    if choices is None:
        choices = _build()
        cache.set(_key(language), choices, TIMEOUT)
    _memo[language] = (now, choices)
    return choices


def _build() -> ReferenceChoices:
    from .models import Country, Region, ThematicArea

    # Plain rows with each name in the language's fallback order, not models: building a few hundred
    # translated models took most of a directory page's time whenever the cache was cold.
    columns = [f"name_{code}" for code in resolution_order(get_language() or settings.LANGUAGE_CODE)]

    def name(names) -> str:
        return next((value for value in names if value), "")

    areas = list(ThematicArea.objects.values_list("pk", "slug", "parent_id", *columns))
    children: dict[int, list] = {}
    for _pk, slug, parent_id, *names in areas:
        if parent_id:
            children.setdefault(parent_id, []).append((slug, name(names)))
    ordered = []
    for pk, slug, parent_id, *names in areas:
        if parent_id is None:
            ordered.append((slug, name(names), None))
            ordered += [(child, child_name, slug) for child, child_name in children.get(pk, [])]
    return ReferenceChoices(
        countries=[(code, name(names), is_home) for code, is_home, *names in
                   Country.objects.values_list("code", "is_home", *columns)],
        regions=[
            (code, name(names), country)
            for code, country, *names in Region.objects.filter(country__is_home=True).values_list(
                "code", "country__code", *columns
            )
        ],
        areas=ordered,
    )  # fmt: skip


def forget_reference_choices(**kwargs) -> None:
    _memo.clear()
    cache.delete_many([_key(code) for code, _name in settings.LANGUAGES])
