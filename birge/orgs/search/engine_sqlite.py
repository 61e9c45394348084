"""SQLite: FTS5 tables (created by migration 0002_search).

`orgs_search_fts` (rowid = organization id) indexes, word by word (unicode61, with prefix indexes), four
texts: the plain words and the skeletons of the names, then of the descriptions, offers and needs. A term
matches skeletons, or its plain form the plain words, as on PostgreSQL. `orgs_searchword_fts` holds the
vocabulary with the trigram tokenizer, as " word ": there the phrase " ka" finds words starting with "ka"
and "zah " words ending with "zah", which is how a misspelled word finds its candidates. Triggers delete
FTS rows along with their entries and words.

Why not trigrams for the documents too: a trigram phrase query costs 5-35 ms on 100,000 organizations for
a common word, a word-prefix query 0.1-3 ms, and the search matches whole words and their beginnings, never
the middle of a word, so trigrams would buy nothing there.
"""

from __future__ import annotations

from birge.orgs.search.entries import ENTRY_COLUMNS, Document, upsert_clause
from birge.orgs.search.models import SearchEntry
from birge.orgs.search.terms import Term

FTS = "orgs_search_fts"
# FTS5 returns matches in rowid order, so ordering by it with a LIMIT stops after the page.
MATCH_ORDER = f"{FTS}.rowid"


def _token(token: str, prefix: bool) -> str:
    # Tokens are letters and digits only (see transliteration), so they never contain a double quote.
    return f'"{token}"*' if prefix else f'"{token}"'


def _skeletons(term: Term) -> str:
    tokens = [_token(token, term.prefix) for token in term.skeletons]
    tokens += [_token(token, True) for token in term.alternatives]
    return f"({' OR '.join(tokens)})"


def _term(term: Term) -> str:
    expression = f"{{title_skeleton body_skeleton}} : {_skeletons(term)}"
    if term.plain:
        expression += f" OR {{title_plain body_plain}} : {_token(term.plain, term.prefix)}"
    return f"({expression})"


def _expression(terms: list[Term]) -> str:
    return " AND ".join(map(_term, terms))


def _tiers(terms: list[Term]) -> tuple[str, list]:
    """The relevance tier of a match (see `results`), lower first: -2 if every word is in the names as
    written, -1 if every word is in the names at least transliterated, 0 otherwise. Two more FTS queries,
    each read once into a set, instead of scoring every match (bm25 costs 4 microseconds a row)."""
    written = " AND ".join(f"{{title_plain}} : {_token(t.plain, t.prefix)}" for t in terms)
    spelled = " AND ".join(f"{{title_skeleton}} : {_skeletons(t)}" for t in terms)
    within = f"e.organization_id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"
    return f"-(2 * ({within}) + ({within}))", [written, spelled]


def match(terms: list[Term], *, facets_only: bool = False) -> tuple[str, str, list]:
    """FROM clause, WHERE condition and its parameters. CROSS JOIN keeps the FTS table outermost: SQLite
    would otherwise probe it once per filtered entry. With `facets_only`, the statement reads no more of
    the entry than its facets, and reads them from their covering index (see `facets_by_id`)."""
    entry = f"orgs_searchentry e{facets_by_id() if facets_only else ''}"
    source = f"{FTS} CROSS JOIN {entry} ON e.organization_id = {FTS}.rowid"
    return source, f"{FTS} MATCH %s", [_expression(terms)]


def facets_by_id() -> str:
    """Make SQLite find entries by id in the narrow covering index of their facets, not in the wide table:
    counting 10,000 matches then reads a fifth of the pages. Its planner prefers the table's own b-tree
    unless statistics (ANALYZE, see `optimize`) say otherwise."""
    return " INDEXED BY orgs_searchentry_id_facets"


def rank(terms: list[Term]) -> tuple[str, list]:
    """The rank of a match `e` (lower is better), and its parameters."""
    return _tiers(terms) if all(t.plain for t in terms) else ("0", [])


def contains(terms: list[Term]) -> tuple[str, list]:
    """A condition on the entry `e` for a match that is not ranked."""
    return f"e.organization_id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)", [_expression(terms)]


def read_in_order_of(index: str) -> str:
    """Make SQLite walk the sort index and filter as it goes: with a LIMIT, that stops after a few rows,
    but its planner prefers selecting every row by a filter's index and sorting them all."""
    return f" INDEXED BY {index}"


def candidates(cursor, terms: list[Term]) -> list[str]:
    probes = sorted({p for term in terms for p in (f'" {term.probes()[0]}"', f'"{term.probes()[1]} "')})
    shortest = min(len(term.skeleton) for term in terms) - 1
    longest = max(len(term.skeleton) for term in terms) + 1
    cursor.execute(
        "SELECT w.word FROM orgs_searchword_fts f CROSS JOIN orgs_searchword w ON w.id = f.rowid "
        "WHERE orgs_searchword_fts MATCH %s AND length(w.word) BETWEEN %s AND %s",
        [" OR ".join(probes), shortest, longest],
    )
    return [row[0] for row in cursor.fetchall()]


def write(cursor, documents: list[Document], ids: list[int]) -> None:
    """Entries, tags, new vocabulary and texts. Row by row is fine here: SQLite runs in this process."""
    columns = [column for column, _type in ENTRY_COLUMNS]
    updated = SearchEntry._meta.get_field("public_updated_at")
    cursor.executemany(
        f"INSERT INTO orgs_searchentry ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
        + upsert_clause(),
        [
            [updated.get_db_prep_save(doc.entry[c], cursor.db) if c == "public_updated_at" else doc.entry[c]
             for c in columns]
            for doc in documents
        ],
    )  # fmt: skip
    cursor.executemany(
        "INSERT INTO orgs_searchtag (entry_id, tag) VALUES (%s, %s)",
        [(doc.pk, tag) for doc in documents for tag in doc.tags],
    )
    cursor.executemany(
        "INSERT INTO orgs_searchword (word) VALUES (%s) ON CONFLICT (word) DO NOTHING",
        [(word,) for word in sorted(set().union(*(doc.vocabulary for doc in documents)))],
    )
    cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({', '.join(['%s'] * len(ids))})", ids)
    cursor.executemany(
        f"INSERT INTO {FTS} (rowid, title_plain, title_skeleton, body_plain, body_skeleton) "
        "VALUES (%s, %s, %s, %s, %s)",
        [
            (doc.pk, doc.title_plain, doc.title_skeleton, doc.body_plain, doc.body_skeleton)
            for doc in documents
        ],
    )


def clear(cursor) -> None:
    cursor.execute(f"DELETE FROM {FTS}")
    cursor.execute("DELETE FROM orgs_searchword_fts")


def prepare_bulk(cursor) -> None:
    """Before indexing many organizations at once: FTS5 merges its segments after every insert by default,
    which makes a bulk load several times slower than one merge at the end (`optimize`). A larger page
    cache for this connection helps the same merges."""
    cursor.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('automerge', 0)")
    cursor.execute("PRAGMA cache_size = -262144")


def optimize(cursor) -> None:
    """After a bulk load: merge the FTS b-trees, restore merging on insert, refresh the planner's
    statistics. ANALYZE only here, over full tables: statistics taken while the FTS tables were empty
    make FTS5's own queries slow by orders of magnitude."""
    for table in (FTS, "orgs_searchword_fts"):
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 4)")
    cursor.execute("ANALYZE")
