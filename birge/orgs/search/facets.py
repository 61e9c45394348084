"""Facet counts over a whole result, with labels in the reader's language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import get_language_info, pgettext

from birge.core.choices import reference_choices
from birge.orgs.profiles.models import Kind
from birge.orgs.search.criteria import SearchQuery

FACETS = ("country", "kind", "theme", "language", "verified")
_LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass(frozen=True)
class Facet:
    value: str
    label: str  # may be a lazy string (see `_Names`)
    count: int
    selected: bool


def decode(rows: list[tuple[str, str, int]]) -> dict[str, Counter]:
    """Rows of (facet, key, count) as the search statement returns them. The language and theme keys are
    sets (" kk ru "): each member gets the count of the set."""
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    names = {"languages": "language", "themes": "theme"}
    for facet, key, count in rows:
        name = names.get(facet, facet)
        for value in key.split() if facet in names else [key]:
            counts[name][value] += int(count)
    return counts


class _Names:
    """Names of countries and thematic areas in the active language, read from the reference data the
    first time a label is shown: a reader that never shows them (the API) pays nothing."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, str]] | None = None

    def _read(self) -> dict[str, dict[str, str]]:
        if self.names is None:
            reference = reference_choices()
            self.names = {
                "country": {code: name for code, name, _is_home in reference.countries},
                "theme": {slug: name for slug, name, _parent in reference.areas},
            }
        return self.names

    def country(self, code: str) -> str:
        return self._read()["country"].get(code, code)

    def theme(self, slug: str) -> str:
        return self._read()["theme"].get(slug, slug)


def _language_label(code: str) -> str:
    if code in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[code]
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


def build(counts: dict[str, Counter], query: SearchQuery) -> dict[str, list[Facet]]:
    """Every facet as a list, largest count first. A selected value appears even with no match, so the
    reader sees the filter and can clear it (a selected sub-area is not a facet value: the theme facet
    lists broad areas). Labels of countries and areas are lazy strings (see `_Names`)."""
    chosen = {
        "country": query.country,
        "kind": query.kind,
        "theme": query.theme,
        "language": query.language,
        "verified": "1" if query.verified else "",
    }
    counts = {name: Counter(values) for name, values in counts.items()}  # the caller's, maybe cached
    counts["verified"].pop("0", None)
    for name, value in chosen.items():
        if value and name != "theme" and value not in counts[name]:
            counts[name][value] = 0
    names = _Names()
    kinds = dict(Kind.choices)
    labels = {
        "country": lazy(names.country, str),
        "theme": lazy(names.theme, str),
        "kind": lambda value: str(kinds.get(value, value)),
        "language": _language_label,
        "verified": lambda value: pgettext("organization badge", "verified"),
    }
    return {
        name: [
            Facet(value, labels[name](value), count, value == chosen[name])
            for value, count in sorted(counts[name].items(), key=lambda item: (-item[1], item[0]))
        ]
        for name in FACETS
    }
