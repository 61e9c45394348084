"""PostgreSQL: a `document tsvector` column on the entry (GIN index) built with the `simple` configuration
and `unaccent`, and b-tree indexes of the vocabulary by word start and end; created by migration 0002_search.

Weights tell the four texts apart: A plain words of names, B their skeletons, C plain words of
descriptions, offers and needs, D their skeletons. A term matches skeletons in B and D or its plain form in
A and C, exactly as the FTS5 column filters do on SQLite, so both engines return the same organizations,
and rank them by the same tiers.

A query with weights makes the GIN index recheck every match in the table, reading each document: for
"фонд", 16,000 of them in the wide entry table. So selecting and counting matches (`match` with
`facets_only`) reads `orgs_searchmatch` instead (migration 0008): per entry, its filter columns and
integer facets, and its skeletons and plain words as two tsvectors without weights or positions, each
with its own GIN index, which answer a term exactly, with no recheck and from a table half as wide.
"""

from __future__ import annotations

from birge.orgs.search.entries import ENTRY_COLUMNS, Document, upsert_clause
from birge.orgs.search.terms import Term

MATCH_ORDER = "e.organization_id"
MATCH_COLUMNS = [
    "organization_id", "country", "region", "kind", "verified", "facet_key", "language_bits", "theme_bits",
]  # fmt: skip


def _lexeme(token: str, prefix: bool, weights: str) -> str:
    # Tokens are letters and digits only (see transliteration): nothing in them needs quoting.
    marks = f"{'*' if prefix else ''}{weights}"
    return f"'{token}':{marks}" if marks else f"'{token}'"


def _skeletons(term: Term, weights: str) -> str:
    options = [_lexeme(token, term.prefix, weights) for token in term.skeletons]
    options += [_lexeme(token, True, weights) for token in term.alternatives]
    return f"({' | '.join(options)})"


def _term(term: Term) -> str:
    options = [_skeletons(term, "BD")]
    if term.plain:
        options.append(_lexeme(term.plain, term.prefix, "AC"))
    return f"({' | '.join(options)})"


def _expression(terms: list[Term]) -> str:
    return " & ".join(map(_term, terms))


def _tiers(terms: list[Term]) -> tuple[str, list]:
    """The relevance tier of a match (see `results`), lower first: -2 if every word is in the names as
    written (A), -1 if every word is in the names at least transliterated (B), 0 otherwise."""
    written = " & ".join(_lexeme(t.plain, t.prefix, "A") for t in terms)
    spelled = " & ".join(_skeletons(t, "B") for t in terms)
    within = "(e.document @@ (SELECT to_tsquery('simple', unaccent(%s))))::int"
    return f"-(2 * {within} + {within})", [written, spelled]


def match(terms: list[Term], *, facets_only: bool = False) -> tuple[str, str, list]:
    """FROM clause, WHERE condition and their parameters (all of the FROM clause). With `facets_only`, the
    statement reads no more of the entry than its filters and facets, from `orgs_searchmatch`."""
    if facets_only:
        return "orgs_searchmatch e", _unweighted(terms, "e"), _unweighted_params(terms)
    source = "orgs_searchentry e CROSS JOIN to_tsquery('simple', unaccent(%s)) AS tq"
    return source, "e.document @@ tq", [_expression(terms)]


def _unweighted(terms: list[Term], alias: str) -> str:
    """The condition `match` would write with weights, on the `orgs_searchmatch` row `alias`."""
    conditions = []
    for term in terms:
        condition = f"{alias}.skeletons @@ to_tsquery('simple', %s)"
        if term.plain:
            condition = f"({condition} OR {alias}.words @@ to_tsquery('simple', unaccent(%s)))"
        conditions.append(condition)
    return " AND ".join(conditions)


def _unweighted_params(terms: list[Term]) -> list[str]:
    """The parameters of `_unweighted`: each term's skeletons, then its plain form if it has one."""
    params = []
    for term in terms:
        params.append(_skeletons(term, ""))
        if term.plain:
            params.append(_lexeme(term.plain, term.prefix, ""))
    return params


def rank(terms: list[Term]) -> tuple[str, list]:
    """The rank of a match `e` (lower is better), and its parameters."""
    return _tiers(terms) if all(t.plain for t in terms) else ("0", [])


def contains(terms: list[Term]) -> tuple[str, list]:
    """A condition on the entry `e` for a match that is not ranked: its row in `orgs_searchmatch` matches,
    which, when the plan walks a sort index, is one lookup by key and a check without weights a row."""
    condition = f"m.organization_id = e.organization_id AND {_unweighted(terms, 'm')}"
    return f"EXISTS (SELECT 1 FROM orgs_searchmatch m WHERE {condition})", _unweighted_params(terms)


def facets_by_id() -> str:
    """PostgreSQL's planner chooses the covering index of the facets by itself."""
    return ""


def read_in_order_of(index: str) -> str:
    """PostgreSQL's planner weighs the LIMIT itself."""
    return ""


def candidates(cursor, terms: list[Term]) -> list[str]:
    """Vocabulary words that start with a term's first half or end with its second half: b-tree range scans
    of the word's pattern index and of the reversed-word index, 0.5 ms on 46,000 words. (A pg_trgm GIN
    index answers the same LIKE probes in 3 to 10 ms: a three-letter half is one or two very common
    trigrams.)"""
    conditions, params = [], []
    for term in terms:
        start, end = term.probes()
        conditions += ["word LIKE %s", "reverse(word) LIKE %s"]
        params += [f"{start}%", f"{end[::-1]}%"]  # letters and digits only: nothing to escape
    shortest = min(len(term.skeleton) for term in terms) - 1
    longest = max(len(term.skeleton) for term in terms) + 1
    cursor.execute(
        f"SELECT word FROM orgs_searchword WHERE ({' OR '.join(conditions)}) "
        "AND length(word) BETWEEN %s AND %s",
        [*params, shortest, longest],
    )
    return [row[0] for row in cursor.fetchall()]


def write(cursor, documents: list[Document], ids: list[int]) -> None:
    """Entries with their documents, tags and new vocabulary, each in one statement over arrays: row by
    row, the round trips would cost more than the work."""
    if not documents:
        return
    columns = [column for column, _type in ENTRY_COLUMNS]
    texts = ["title_plain", "title_skeleton", "body_plain", "body_skeleton"]
    arrays = [[doc.entry[column] for doc in documents] for column in columns]
    arrays += [[getattr(doc, text) for doc in documents] for text in texts]
    types = [sql_type for _column, sql_type in ENTRY_COLUMNS] + ["text"] * len(texts)
    cursor.execute(
        f"INSERT INTO orgs_searchentry ({', '.join(columns)}, document) "
        f"SELECT {', '.join(f'v.{column}' for column in columns)}, "
        "setweight(to_tsvector('simple', unaccent(v.title_plain)), 'A') || "
        "setweight(to_tsvector('simple', v.title_skeleton), 'B') || "
        "setweight(to_tsvector('simple', unaccent(v.body_plain)), 'C') || "
        "setweight(to_tsvector('simple', v.body_skeleton), 'D') "
        f"FROM unnest({', '.join(f'%s::{sql_type}[]' for sql_type in types)}) "
        f"AS v({', '.join(columns + texts)}) {upsert_clause()}, document = excluded.document",
        arrays,
    )
    tags = [(doc.pk, tag) for doc in documents for tag in doc.tags]
    cursor.execute(
        "INSERT INTO orgs_searchtag (entry_id, tag) SELECT * FROM unnest(%s::bigint[], %s::text[])",
        [[pk for pk, _tag in tags], [tag for _pk, tag in tags]],
    )
    words = sorted(set().union(*(doc.vocabulary for doc in documents)))
    cursor.execute(
        "INSERT INTO orgs_searchword (word) SELECT * FROM unnest(%s::text[]) ON CONFLICT (word) DO NOTHING",
        [words],
    )
    # The narrow copy for matching, from the documents just written, as migration 0008 first made it.
    copied = [column for column in MATCH_COLUMNS if column != "organization_id"]
    cursor.execute(
        f"INSERT INTO orgs_searchmatch ({', '.join(MATCH_COLUMNS)}, skeletons, words) "
        f"SELECT {', '.join(MATCH_COLUMNS)}, strip(ts_filter(document, '{{b,d}}')), "
        "strip(ts_filter(document, '{a,c}')) FROM orgs_searchentry WHERE organization_id = ANY(%s) "
        f"ON CONFLICT (organization_id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in copied)}, "
        "skeletons = excluded.skeletons, words = excluded.words",
        [[doc.pk for doc in documents]],
    )


def clear(cursor) -> None:
    """Nothing beyond the Django tables: the document is a column of the entry."""


def prepare_bulk(cursor) -> None:
    """Nothing to prepare: the GIN index takes bulk inserts through its pending list."""


def optimize(cursor) -> None:
    """After a bulk load: move the GIN index's pending list into the index proper (every search would
    otherwise scan it), and refresh the planner's statistics."""
    for index in ("orgs_searchentry_document", "orgs_searchmatch_skeletons", "orgs_searchmatch_words"):
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
    cursor.execute("ANALYZE orgs_searchentry")
    cursor.execute("ANALYZE orgs_searchmatch")
    cursor.execute("ANALYZE orgs_searchtag")
    cursor.execute("ANALYZE orgs_searchword")
