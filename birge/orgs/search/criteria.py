"""What a directory search asks for, read from a URL a person may have typed, shared or mangled."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from birge.core.models import Country, Region, ThematicArea
from birge.orgs.profiles.models import Kind

MAX_TEXT = 200
SORTS = ("relevance", "name", "updated")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    country: str = ""  # Country.code, e.g. "KZ"
    region: str = ""  # Region.code
    kind: str = ""  # Kind value
    theme: str = ""  # ThematicArea.slug; a broad area includes its sub-areas
    language: str = ""  # working-language code
    verified: bool = False
    sort: str = "relevance"  # "relevance" | "name" | "updated"

    @property
    def effective_sort(self) -> str:
        """Relevance means nothing without words to be relevant to; then the list is by name."""
        return "name" if self.sort == "relevance" and not self.text else self.sort


def interface_language() -> str:
    """The active language as one of settings.LANGUAGES ("en-us" -> "en"), or the default."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """A search string as the databases can take it: no control characters (PostgreSQL refuses NUL) or
    unpaired surrogates, whitespace collapsed, and no longer than any real query."""
    printable = "".join(char if char.isprintable() else " " for char in str(text)[: limit * 4])
    return " ".join(printable.split())[:limit]


def _problem(parameter: str, value: str) -> str:
    return _("The filter “%(parameter)s” has no value “%(value)s”; it was ignored.") % {
        "parameter": parameter,
        "value": clean_text(value, 40),
    }


def parse_query(params) -> tuple[SearchQuery, list[str]]:
    """The query of a directory URL (`request.GET` or any mapping), and a message for every value that was
    dropped because it names nothing. At most three small queries, one for each reference filter given."""
    problems: list[str] = []

    def get(key: str) -> str:
        return clean_text(params.get(key) or "", 100).strip()

    def known(key: str, normalize, exists) -> str:
        given = get(key)
        value = normalize(given)
        if value and not exists(value):
            problems.append(_problem(key, given))
            return ""
        return value

    country = known("country", str.upper, lambda v: Country.objects.filter(code=v).exists())
    region = known("region", str.upper, lambda v: Region.objects.filter(code=v).exists())
    kind = known("kind", str.lower, lambda v: v in Kind.values)
    theme = known("theme", str.lower, lambda v: ThematicArea.objects.filter(slug=v).exists())
    language = known("language", str.lower, lambda v: v in settings.LANGUAGE_CODES)
    sort = known("sort", str.lower, lambda v: v in SORTS) or "relevance"
    verified_value = get("verified")
    verified = verified_value.lower() in _TRUE
    if verified_value.lower() not in _TRUE | _FALSE:
        problems.append(_problem("verified", verified_value))
    query = SearchQuery(
        text=clean_text(params.get("q") or ""),
        country=country,
        region=region,
        kind=kind,
        theme=theme,
        language=language,
        verified=verified,
        sort=sort,
    )
    return query, problems
