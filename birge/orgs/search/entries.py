"""What the index holds of an organization: public texts as words, and its filter and facet values.

Only these fields are read: names, acronyms, descriptions, offers and needs in every language, and the
country, region, kind, themes, working languages, verification and the time of the last public change
(`public_updated_at`: a members-only edit must not move an organization up "recently updated"). Never
phone, address, e-mail, contacts, funding or budget: whatever is in the index can be found by anyone who
guesses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from django.conf import settings
from modeltranslation.utils import resolution_order

from birge.orgs.profiles.fields import BODY_TEXTS, TITLE_TEXTS, in_every_language
from birge.orgs.search.transliteration import plain, skeleton, words

MAX_FIELD_CHARS = 5000  # of one field in one language: a long description is still found by its start
MAX_TOKEN = 60  # PostgreSQL refuses lexemes over 2 KB; no real word is this long
MIN_VOCABULARY_WORD = 4
# What indexing reads of an organization, as `QuerySet.values()` names it: no model instances, because
# building 100,000 translated models costs more than the indexing itself.
FIELDS = (
    "pk",
    "country__code",
    "region__code",
    "kind",
    "verified_at",
    "public_updated_at",
    "working_languages",
    *in_every_language(TITLE_TEXTS + BODY_TEXTS),
)

# The entry's columns as index writes name them, with their PostgreSQL types (for unnest()).
ENTRY_COLUMNS: list[tuple[str, str]] = [
    ("organization_id", "bigint"),
    ("country", "text"),
    ("region", "text"),
    ("kind", "text"),
    ("verified", "boolean"),
    ("public_updated_at", "timestamptz"),
    ("languages", "text"),
    ("themes", "text"),
    ("facet_key", "integer"),
    ("language_bits", "bigint"),
    ("theme_bits", "bigint"),
    *((f"sort_{code}", "text") for code in settings.LANGUAGE_CODES),
]


def upsert_clause() -> str:
    """Insert or update: two writers indexing one organization at once must not collide."""
    updates = ", ".join(f"{column} = excluded.{column}" for column, _type in ENTRY_COLUMNS[1:])
    return f"ON CONFLICT (organization_id) DO UPDATE SET {updates}"


@dataclass
class Document:
    pk: int
    entry: dict[str, object]  # ENTRY_COLUMNS -> value
    tags: list[str]
    # Each text as its unique words, space-separated (and space-padded, which the word tokenizers ignore).
    title_plain: str
    title_skeleton: str
    body_plain: str
    body_skeleton: str
    vocabulary: set[str] = field(default_factory=set)


def _texts(row: dict, names: Iterable[str]) -> list[str]:
    return [
        (row[f"{name}_{code}"] or "")[:MAX_FIELD_CHARS] for name in names for code in settings.LANGUAGE_CODES
    ]


def _joined(tokens: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(token[:MAX_TOKEN] for token in tokens if token))


def _word_forms(texts: list[str]) -> tuple[list[str], list[str]]:
    found = [word for text in texts if text for word in words(text)]
    return [plain(word) for word in found], [skeleton(word) for word in found]


@cache
def _name_order(language: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*resolution_order(language), *settings.LANGUAGE_CODES]))


@lru_cache(maxsize=65536)
def _fold_name(name: str) -> str:
    folded = " ".join(name.casefold().split())
    start = next((i for i, char in enumerate(folded) if char.isalnum()), len(folded))
    return folded[start:][:100]


def sort_key(row: dict, language: str) -> str:
    """The name as `language` shows it (modeltranslation's fallbacks, then any name at all), lowercase and
    without leading quotes, so «Арго» sorts with А."""
    name = next((value for code in _name_order(language) if (value := row.get(f"name_{code}"))), "")
    return _fold_name(name)


def _set_key(values: Iterable[str]) -> str:
    unique = sorted(set(values))
    return f" {' '.join(unique)} " if unique else ""


def build_document(row: dict, themes: list[tuple[str, str | None]]) -> Document:
    """The index entry of a published organization, from its `FIELDS` and its themes as (slug, parent's
    slug or None)."""
    broad = {parent or slug for slug, parent in themes}
    languages = [code for code in row["working_languages"] or [] if isinstance(code, str)]
    entry = {
        "organization_id": row["pk"],
        "country": row["country__code"],
        "region": row["region__code"] or "",
        "kind": row["kind"],
        "verified": row["verified_at"] is not None,
        "public_updated_at": row["public_updated_at"],
        "languages": _set_key(languages),
        "themes": _set_key(broad),
        # The same facets as integers, numbered inside the index write (`codes.assign`).
        "facet_key": 0,
        "language_bits": 0,
        "theme_bits": 0,
        **{f"sort_{code}": sort_key(row, code) for code in settings.LANGUAGE_CODES},
    }
    tags = sorted({f"t:{slug}" for slug, _parent in themes} | {f"t:{slug}" for slug in broad})
    tags += sorted({f"l:{code}"[:80] for code in languages})
    title_plain, title_skeleton = _word_forms(_texts(row, TITLE_TEXTS))
    body_plain, body_skeleton = _word_forms(_texts(row, BODY_TEXTS))
    vocabulary = {
        token[:MAX_TOKEN] for token in (*title_skeleton, *body_skeleton) if len(token) >= MIN_VOCABULARY_WORD
    }
    return Document(
        pk=row["pk"],
        entry=entry,
        tags=tags,
        title_plain=_joined(title_plain),
        title_skeleton=_joined(title_skeleton),
        body_plain=_joined(body_plain),
        body_skeleton=_joined(body_skeleton),
        vocabulary=vocabulary,
    )
