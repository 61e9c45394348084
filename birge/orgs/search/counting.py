"""The total and the facet counts of a large search result: stored, or cached after `results` counted it.

Counting a large result is the one expensive part of a directory search: the landing page and a single
filter ("all of Kazakhstan") count tens of thousands of rows five ways, which no index makes cheaper than a
scan. So:
- the whole directory, each single filter and each pair of filters, without words, the pages a visitor
  reaches by browsing, are *stored*: one `SearchCount` row per scope ("", "country:KZ",
  "country:KZ&theme:health", ...), changed by every index write in the write's own transaction (`Tally`),
  so they are exact whenever a reader sees the index, in every process and on a cold cache. A scope with
  no row has no organization;
- anything else large (words, three filters) is counted with its matches (see `results`), and its counts
  kept in the cache for CACHE_SECONDS, or until the next index write (which bumps a generation number that
  is part of the key).
Small results are always counted live with their page, which is cheap and keeps tests honest.

The stored counts are all there or not at all: while the row of scope "" has a total of -1 ("recounting",
after a migration or after entries vanished behind the index's back), writers leave them alone and readers
count for themselves, until the `recount_search_counts` task has counted everything afresh.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection, transaction
from django_tasks import task

from birge.orgs.search.criteria import SearchQuery
from birge.orgs.search.facets import FACETS
from birge.orgs.search.models import SearchCount
from birge.orgs.search.terms import Term

CACHE_FROM = 1000
CACHE_SECONDS = 300
GENERATION_KEY = "orgs:search:generation"
RECOUNT_QUEUED_KEY = "orgs:search:recount-queued"
DIRECTORY = ""  # the scope of the whole directory, whose row is also the writers' lock
RECOUNTING = -1  # the total of DIRECTORY while the stored counts are not to be trusted


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


# Reading stored counts.


UNLIMITED = {"sqlite": -1, "postgresql": None}  # a LIMIT that limits nothing, on each engine
STORED_FILTERS = 2  # scopes are stored for up to this many filters


def _pair(first: str, second: str) -> str:
    return "&".join(sorted((first, second)))


def scope(query: SearchQuery, terms: list[Term]) -> str | None:
    """The stored scope that answers `query`: the whole directory, one filter or a pair of them; None for
    words or for more filters."""
    if terms:
        return None
    chosen = [
        f"{name}:{value}"
        for name, value in (
            ("country", query.country),
            ("region", query.region),
            ("kind", query.kind),
            ("theme", query.theme),
            ("language", query.language),
            ("verified", "1" if query.verified else ""),
        )
        if value
    ]
    if len(chosen) > STORED_FILTERS:
        return None
    if len(chosen) == 2:
        return _pair(*chosen)
    return chosen[0] if chosen else DIRECTORY


def stored_sql(scope_key: str, limit: int) -> tuple[str, str, list, list]:
    """For the statement that selects the matches (`results`): a LIMIT that is 0 when the stored counts
    of `scope_key` are over `limit`, or when the scope has no row while the stored counts are trusted (it
    is empty), so that such a result costs no scan (a condition would still be tested row by row on
    SQLite), and no limit otherwise; and a row ('stored', NULL, total, counts as text, NULL) that brings
    the counts of a large one along; with the parameters of each."""
    over = "FROM orgs_searchcount s WHERE s.scope = %s AND s.total > %s"
    return (
        f"(SELECT CASE WHEN EXISTS (SELECT 1 {over}) THEN 0 "
        "WHEN NOT EXISTS (SELECT 1 FROM orgs_searchcount s WHERE s.scope = %s) "
        "AND EXISTS (SELECT 1 FROM orgs_searchcount s WHERE s.scope = %s AND s.total >= 0) THEN 0 "
        "ELSE %s END)",
        f"SELECT 'stored', NULL, s.total, CAST(s.counts AS TEXT), NULL {over}",
        [scope_key, limit, scope_key, DIRECTORY, UNLIMITED[connection.vendor]],
        [scope_key, limit],
    )


def decode_stored(text: str) -> dict[str, Counter]:
    stored = json.loads(text)
    return {name: Counter(stored.get(name, {})) for name in FACETS}


# Counting live, and the cache.


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


def invalidate() -> None:
    """Called by every index write: counts cached before it no longer match."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


# Keeping the stored counts.


class Facets(NamedTuple):
    """What an entry counts for: the scopes it is in ("country:KZ", "country:KZ&theme:health", as `scope`
    spells them), and its facet values packed in three keys, "s:<country> <kind> <verified>",
    "l:<languages>" and "t:<themes>" (the entry's set keys): three counts per scope instead of eight,
    unpacked by `_unpacked`."""

    scopes: tuple[str, ...]
    values: tuple[str, str, str]

    @classmethod
    def of(cls, country: str, region: str, kind: str, verified: bool, languages: str, themes: str,
           tags: Iterable[str]) -> Facets:  # fmt: skip
        """From the entry's columns and its tags ("t:<slug>", "l:<code>"), the very values the filters and
        `codes.assign` numbers, so that a stored count is what a live one would be."""
        single = [f"country:{country}", f"kind:{kind}"]
        single += [f"region:{region}"] if region else []
        single += ["verified:1"] if verified else []
        single += [f"{_TAGGED[tag[:2]]}{tag[2:]}" for tag in tags if tag[:2] in _TAGGED]
        # A query has at most one value of each filter: pairs of two themes are never asked for.
        pairs = [
            _pair(first, second)
            for index, first in enumerate(single)
            for second in single[index + 1 :]
            if first.partition(":")[0] != second.partition(":")[0]
        ]
        values = (f"s:{country} {kind} {int(verified)}", f"l:{languages}", f"t:{themes}")
        return cls((DIRECTORY, *single, *pairs), values)


_TAGGED = {"t:": "theme:", "l:": "language:"}


def _unpacked(key: str) -> list[tuple[str, str]]:
    """(facet, value) pairs of a packed key of `Facets.values`."""
    if key.startswith("s:"):
        country, kind, verified = key[2:].split(" ")
        return [("country", country), ("kind", kind), ("verified", verified)]
    facet = "language" if key.startswith("l:") else "theme"
    return [(facet, value) for value in key[2:].split()]


class Change:
    """Organizations in each scope, and of each packed facet value within it, to add (or, negative, take
    away). Plain loops: a recount adds 100,000 entries of ten scopes each."""

    def __init__(self) -> None:
        self.totals: Counter = Counter()
        self.values: defaultdict[str, Counter] = defaultdict(Counter)

    def add(self, facets: Facets, sign: int) -> None:
        first, second, third = facets.values
        for key in facets.scopes:
            self.totals[key] += sign
            tally = self.values[key]
            tally[first] += sign
            tally[second] += sign
            tally[third] += sign


def _read_facets(cursor, ids: list[int] | None = None) -> dict[int, Facets]:
    """Facets of the entries with these ids as the index holds them now, or of every entry."""
    entries_sql = "SELECT organization_id, country, region, kind, verified, languages, themes"
    entries_sql += " FROM orgs_searchentry"
    tags_sql, params = "SELECT entry_id, tag FROM orgs_searchtag", []
    if ids is not None:
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        entries_sql += f" WHERE organization_id IN ({marks})"
        tags_sql += f" WHERE entry_id IN ({marks})"
        params = ids
    cursor.execute(entries_sql, params)
    entries = cursor.fetchall()
    cursor.execute(tags_sql, params)
    tags: dict[int, list[str]] = {}
    for pk, tag in cursor.fetchall():
        tags.setdefault(pk, []).append(tag)
    return {
        pk: Facets.of(country, region, kind, bool(verified), languages, themes, tags.get(pk, ()))
        for pk, country, region, kind, verified, languages, themes in entries
    }


def document_facets(entry: dict, tags: list[str]) -> Facets:
    """Facets of an entry about to be written (`documents.Document.entry` and `.tags`)."""
    return Facets.of(
        entry["country"], entry["region"], entry["kind"], entry["verified"], entry["languages"],
        entry["themes"], tags,
    )  # fmt: skip


def _lock(cursor) -> int:
    """Take the writers' lock, the row of DIRECTORY (created as RECOUNTING if missing), until the end of
    the transaction, and return its total. Every index write takes it before it reads what it replaces, so
    that two writers never both count one change (on SQLite, this write begins the write transaction)."""
    cursor.execute(
        "INSERT INTO orgs_searchcount (scope, total, counts) VALUES (%s, %s, '{}') "
        "ON CONFLICT (scope) DO UPDATE SET total = orgs_searchcount.total RETURNING total",
        [DIRECTORY, RECOUNTING],
    )
    return cursor.fetchone()[0]


class Tally:
    """The stored counts' part of one index write, inside its transaction: `begin` before the write (the
    lock, and the entries the write replaces), `finish` after it (the difference, into the stored counts)."""

    def __init__(self, before: dict[int, Facets] | None) -> None:
        self.before = before  # None while the stored counts are recounted: they are left alone

    @classmethod
    def begin(cls, cursor, ids: list[int]) -> Tally:
        if _lock(cursor) == RECOUNTING:
            schedule_recount()
            return cls(None)
        return cls(_read_facets(cursor, ids))

    def finish(self, cursor, ids: list[int], written: dict[int, Facets]) -> None:
        if self.before is None:
            return
        change = Change()
        for facets in self.before.values():
            change.add(facets, -1)
        for facets in written.values():
            change.add(facets, +1)
        _apply(change)
        # An id neither in the index before nor written now is a draft, or an organization deleted before
        # this call, whose entry went with it uncounted: then the totals differ.
        if set(ids) - self.before.keys() - written.keys():
            cursor.execute(
                "SELECT (SELECT COUNT(*) FROM orgs_searchentry), total "
                "FROM orgs_searchcount WHERE scope = %s",
                [DIRECTORY],
            )
            entries, total = cursor.fetchone()
            if entries != total:
                _start_recounting()


def _merged(row: SearchCount | None, key: str, total: int, values: Counter) -> SearchCount:
    counts = {name: Counter(row.counts.get(name, {}) if row else {}) for name in FACETS}
    for packed, number in values.items():
        for name, value in _unpacked(packed):
            counts[name][value] += number
    return SearchCount(
        scope=key,
        total=(row.total if row else 0) + total,
        counts={name: {v: n for v, n in sorted(tally.items()) if n > 0} for name, tally in counts.items()},
    )


def _apply(change: Change) -> None:
    """Add `change` to the stored counts: two statements and a third if a scope empties."""
    keys = [key for key, values in change.values.items() if change.totals[key] or any(values.values())]
    if not keys:
        return
    rows = SearchCount.objects.in_bulk(keys)
    merged = [_merged(rows.get(key), key, change.totals[key], change.values[key]) for key in keys]
    empty = {row.scope for row in merged if row.total <= 0 and row.scope != DIRECTORY}
    if empty:
        SearchCount.objects.filter(scope__in=empty).delete()
    SearchCount.objects.bulk_create(
        [row for row in merged if row.scope not in empty],
        update_conflicts=True,
        unique_fields=["scope"],
        update_fields=["total", "counts"],
    )


def _start_recounting() -> None:
    SearchCount.objects.exclude(scope=DIRECTORY).delete()
    SearchCount.objects.filter(scope=DIRECTORY).update(total=RECOUNTING, counts={})
    schedule_recount()


def schedule_recount() -> None:
    """Queue `recount_search_counts` for when the transaction commits, unless one is queued already."""
    if cache.add(RECOUNT_QUEUED_KEY, True, CACHE_SECONDS):
        transaction.on_commit(recount_search_counts.enqueue)


@transaction.atomic
def reset_empty() -> None:
    """The stored counts of an empty index, for a rebuild that has just emptied it."""
    with connection.cursor() as cursor:
        _lock(cursor)
    SearchCount.objects.exclude(scope=DIRECTORY).delete()
    SearchCount.objects.filter(scope=DIRECTORY).update(total=0, counts={})


@transaction.atomic
def recount() -> int:
    """Count every scope afresh from the index, under the writers' lock; returns the directory's total."""
    with connection.cursor() as cursor:
        _lock(cursor)
        everything = _read_facets(cursor)
    reset_empty()
    change = Change()
    for facets in everything.values():
        change.add(facets, +1)
    _apply(change)
    cache.delete(RECOUNT_QUEUED_KEY)
    return len(everything)


@task()
def recount_search_counts() -> int:
    """Queued when the stored counts cannot be trusted (after a migration, or when entries vanished
    without an index write): until it has run, readers count for themselves."""
    return recount()
