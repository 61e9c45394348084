"""The total and the facet counts of a large search result: one aggregate statement, and the cache.

Counting a large result is the one expensive part of a directory search: the landing page and a single
filter ("all of Kazakhstan") count tens of thousands of rows five ways, which no index makes cheaper than a
scan. Those counts are the same for every reader, so results of CACHE_FROM organizations or more keep their
counts in the cache for CACHE_SECONDS, or until the next index write (which bumps a generation number that
is part of the key). Small results are always counted live, which is cheap and keeps tests honest.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from django.core.cache import cache
from django.db import connection

from .engines import engine
from .facets import decode
from .query import SearchQuery
from .terms import Term

CACHE_FROM = 1000
CACHE_SECONDS = 300
GENERATION_KEY = "orgs:search:generation"


def filters(query: SearchQuery, *, probe: bool = False) -> tuple[list[str], list]:
    """SQL conditions on the entry `e` for the query's filters, and their parameters. A theme or language
    is a set of entries to select from, or, with `probe`, a lookup for each entry of a plan that walks
    another index (building the set of the 70,000 entries that work in Russian costs more than the page)."""
    where, params = [], []
    for column in ("country", "region", "kind"):
        if value := getattr(query, column):
            where.append(f"e.{column} = %s")
            params.append(value)
    if query.verified:
        where.append("e.verified = %s")
        params.append(True)
    tagged = (
        "EXISTS (SELECT 1 FROM orgs_searchtag t WHERE t.tag = %s AND t.entry_id = e.organization_id)"
        if probe
        else "e.organization_id IN (SELECT entry_id FROM orgs_searchtag WHERE tag = %s)"
    )
    for prefix, value in (("t", query.theme), ("l", query.language)):
        if value:
            where.append(tagged)
            params.append(f"{prefix}:{value}")
    return where, params


def _statement(query: SearchQuery, terms: list[Term]) -> tuple[str, list]:
    where, params = filters(query)
    source = "orgs_searchentry e"
    if terms:
        source, condition, _rank, source_params = engine().match(terms, ranked=False)
        where.insert(0, condition)
        params = source_params + params
    # The whole directory: each count reads its own one-column index. Anything narrower: select the rows
    # once, then count the copy; counting through an index of another column would visit the table once
    # per row of the directory.
    hint = "MATERIALIZED" if where else "NOT MATERIALIZED"
    sql = f"""
        WITH hits AS {hint} (
            SELECT e.country, e.kind, e.verified, e.languages, e.themes
            FROM {source} WHERE {" AND ".join(where) or "1 = 1"}
        )
        SELECT 'country', country, COUNT(*) FROM hits GROUP BY country
        UNION ALL SELECT 'kind', kind, COUNT(*) FROM hits GROUP BY kind
        UNION ALL SELECT 'verified', CASE WHEN verified THEN '1' ELSE '0' END, COUNT(*)
            FROM hits GROUP BY verified
        UNION ALL SELECT 'languages', languages, COUNT(*) FROM hits GROUP BY languages
        UNION ALL SELECT 'themes', themes, COUNT(*) FROM hits GROUP BY themes
    """
    return sql, params


def _key(query: SearchQuery, terms: list[Term]) -> str:
    generation = cache.get(GENERATION_KEY, 0)
    described = json.dumps(
        [connection.vendor, generation, [query.country, query.region, query.kind, query.theme,
         query.language, query.verified], [[t.skeleton, t.plain, *t.alternatives] for t in terms]]
    )  # fmt: skip
    return f"orgs:search:counts:{hashlib.sha256(described.encode()).hexdigest()}"


def cached(query: SearchQuery, terms: list[Term]) -> dict[str, Counter] | None:
    return cache.get(_key(query, terms))


def remember(query: SearchQuery, terms: list[Term], counts: dict[str, Counter]) -> None:
    if sum(counts["country"].values()) >= CACHE_FROM:
        cache.set(_key(query, terms), counts, CACHE_SECONDS)


def count(query: SearchQuery, terms: list[Term]) -> dict[str, Counter]:
    """Facet counts (see `facets.decode`) of everything `query` matches; the total is the sum of the
    country counts, since every organization has exactly one country."""
    with connection.cursor() as cursor:
        cursor.execute(*_statement(query, terms))
        counts = decode(cursor.fetchall())
    remember(query, terms, counts)
    return counts


def invalidate() -> None:
    """Called by every index write: counts cached before it no longer match."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)
