"""Running a directory search. The number of queries does not depend on the page size.

A result of up to RANK_LIMIT organizations, the common case once a reader types a name, takes one
statement: the matches are selected once, ranked, and both the page and the facet counts are read from
them. A larger result takes its counts from the cache, else from the stored counts (the whole directory,
one filter or two, which that same first statement brings along instead of selecting matches), else from
that same statement, which counts its matches and ranks none ("фонд"; see `counting`); and its page from a
statement that reads rows in the page's order and stops.

Relevance, the same on both engines: first the organizations whose names hold every word as written,
then those whose names hold every word at least transliterated, then the rest; by name within each tier.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Prefetch, QuerySet

from birge.core.models import ThematicArea
from birge.orgs.profiles.models import Organization, OrganizationQuerySet
from birge.orgs.search import codes, counting
from birge.orgs.search import facets as facet_lists
from birge.orgs.search.criteria import SORTS, SearchQuery, interface_language
from birge.orgs.search.engines import engine
from birge.orgs.search.facets import Facet
from birge.orgs.search.models import index_name
from birge.orgs.search.terms import Term, parse_terms, with_alternatives

MAX_PER_PAGE = 5000
# More matches than this are too broad to rank: "фонд" matches a sixth of the directory, equally well. They
# are listed newest first, in the text index's own order, which stops after one page instead of scoring
# every match.
RANK_LIMIT = 1000
# A result this many times larger than the rows a page needs is read in sort order, filtering as it goes;
# a sparser one is selected first and then sorted.
DENSE = 50


@dataclass(frozen=True)
class SearchResult:
    page: Page
    total: int
    facets: dict[str, list[Facet]]


class _Counted:
    """What a Paginator needs of a result it never holds: its length."""

    def __init__(self, total: int) -> None:
        self.total = total

    def __len__(self) -> int:
        return self.total


def _order(sort: str, prefix: str = "e.") -> str:
    key = f"{prefix}sort_{interface_language()}"
    return {
        "relevance": f"rank, {key}, {prefix}organization_id",
        "name": f"{key}, {prefix}organization_id",
        "updated": f"{prefix}public_updated_at DESC, {prefix}organization_id DESC",
    }[sort]


def _small_statement(query: SearchQuery, terms: list[Term], limit: int, offset: int) -> tuple[str, list]:
    """Counts of every match, and the page if there are at most RANK_LIMIT of them, in one statement: the
    matches are selected once with their integer facets (see `codes`), counted three ways, and ranked only
    if few (ranking reads the text index twice more); a larger result learns its page from
    `_page_statement`. A query the stored counts answer selects no match if those say it has more than
    RANK_LIMIT (or none), and brings them along instead.

    Rows: ('page', id, NULL, NULL, position), the counts and codes as `codes.decode` reads them, and
    ('stored', NULL, total, counts as text, NULL)."""
    where, params = counting.filters(query)
    source, rank, rank_params = "orgs_searchentry e", "0", []
    if terms:
        source, condition, source_params = engine().match(terms, facets_only=True)
        where.insert(0, condition)
        params = source_params + params
        rank, rank_params = engine().rank(terms)
    elif query.theme or query.language:  # the tags give entries by id
        source += engine().facets_by_id()
    most, stored, stored_params = "%s", "", []
    if (scope := counting.scope(query, terms)) is not None:
        most, row, most_params, stored_params = counting.stored_sql(scope, RANK_LIMIT)
        params += most_params
        stored = f"UNION ALL {row}"
    else:
        params.append(counting.UNLIMITED[connection.vendor])
    order = _order(query.effective_sort)
    language = interface_language()
    sql = f"""
        WITH hits AS MATERIALIZED (
            SELECT e.organization_id, e.facet_key, e.language_bits, e.theme_bits
            FROM {source} WHERE {" AND ".join(where) or "1 = 1"} LIMIT {most}
        ),
        ranked AS MATERIALIZED (
            SELECT h.organization_id, e.sort_{language}, e.public_updated_at, {rank} AS rank
            FROM hits h JOIN orgs_searchentry e ON e.organization_id = h.organization_id
            WHERE (SELECT COUNT(*) FROM hits) <= {RANK_LIMIT}
        )
        SELECT 'page', p.organization_id, NULL, NULL,
               row_number() OVER (ORDER BY {_order(query.effective_sort, "p.")})
            FROM (SELECT * FROM ranked e ORDER BY {order} LIMIT %s OFFSET %s) p
        UNION ALL SELECT 'key', facet_key, COUNT(*), NULL, NULL FROM hits GROUP BY facet_key
        UNION ALL SELECT 'languages', language_bits, COUNT(*), NULL, NULL FROM hits GROUP BY language_bits
        UNION ALL SELECT 'themes', theme_bits, COUNT(*), NULL, NULL FROM hits GROUP BY theme_bits
        UNION ALL {codes.CODES_SQL}
        {stored}
    """
    return sql, [*params, *rank_params, limit, offset, *stored_params]


def _small(
    query: SearchQuery, terms: list[Term], limit: int, offset: int
) -> tuple[list[int] | None, dict[str, Counter]]:
    """The counts of a result and, if it is small, its page (else None); or, for a large one whose counts
    are stored, no page and those counts."""
    with connection.cursor() as cursor:
        cursor.execute(*_small_statement(query, terms, limit, offset))
        rows = cursor.fetchall()
    stored = [row[3] for row in rows if row[0] == "stored"]
    if stored:
        return None, counting.decode_stored(stored[0])
    counts = codes.decode(row[:4] for row in rows if row[0] not in ("page", "stored"))
    if _total(counts) > RANK_LIMIT:
        return None, counts
    page = sorted((int(row[4]), int(row[1])) for row in rows if row[0] == "page")
    return [pk for _position, pk in page], counts


def _page_statement(query: SearchQuery, terms: list[Term], total: int, limit: int, offset: int):
    """One page of a large result. Each order reads rows in that order and stops after the page:
    - words, by relevance: too broad to rank, so the newest organizations first, in the order the text
      index itself returns its matches;
    - words, by name: the matches selected, then sorted (names cluster: "Общественный фонд …" all sort
      together, so walking the name index until 20 of them turn up could read most of it);
    - otherwise the sort index, walked in order and filtered as it goes, if the result is dense enough
      for that to stop early; a sparse result is selected first and then sorted."""
    sort = query.effective_sort
    in_order = (not terms or sort == "updated") and total >= DENSE * (offset + limit)
    where, params = counting.filters(query, probe=in_order or bool(terms))
    source = "orgs_searchentry e"
    order = _order("name" if sort == "relevance" else sort)
    if terms and sort != "updated":
        # By relevance, the page needs no more of the entry than the facets' copy holds (see `engine`).
        source, condition, match_params = engine().match(terms, facets_only=sort == "relevance")
        where.insert(0, condition)
        params = match_params + params
        if sort == "relevance":
            order = f"{engine().MATCH_ORDER} DESC"
    else:
        if terms:
            condition, match_params = engine().contains(terms)
            where.insert(0, condition)
            params = match_params + params
        if in_order:
            column = "public_updated_at" if sort == "updated" else f"sort_{interface_language()}"
            source += engine().read_in_order_of(index_name(column))
    sql = (
        f"SELECT e.organization_id FROM {source} WHERE {' AND '.join(where) or '1 = 1'} "
        f"ORDER BY {order} LIMIT %s OFFSET %s"
    )
    return sql, [*params, limit, offset]


def _large_page(query: SearchQuery, terms: list[Term], total: int, limit: int, offset: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(*_page_statement(query, terms, total, limit, offset))
        return [int(row[0]) for row in cursor.fetchall()]


def _page_number(page) -> int:
    try:
        return max(1, int(page))
    except (TypeError, ValueError, OverflowError):
        return 1


def _total(counts: dict[str, Counter]) -> int:
    return sum(counts["country"].values())  # every organization has exactly one country


def search_organizations(
    query: SearchQuery, *, user, page=1, per_page: int = 20, with_themes: bool = True
) -> SearchResult:
    """Published organizations matching `query`, one page of them, with facet counts over all of them.
    `page` may be anything a URL carries: a malformed number gives the first page, one past the end the
    last. Without `with_themes`, the organizations come without their thematic areas (a page of cards,
    which shows none, saves a query and a fifth of the fetch)."""
    per_page = min(max(1, int(per_page)), MAX_PER_PAGE)
    number = _page_number(page)
    if query.sort not in SORTS:  # a SearchQuery built by hand rather than by parse_query
        query = replace(query, sort="relevance")
    terms = parse_terms(query.text)
    if query.text and not terms:
        # Only punctuation, emoji or scripts the index does not hold: nothing can match.
        counts = facet_lists.decode([])
        return SearchResult(_page([], 1, 0, per_page), 0, facet_lists.build(counts, query))
    tolerant = [term for term in terms if term.tolerates_typos]
    if tolerant:
        with connection.cursor() as cursor:
            terms = with_alternatives(terms, engine().candidates(cursor, tolerant))
    counts = counting.cached(query, terms)
    ids = None
    if counts is None:
        # A small result has at most RANK_LIMIT rows: a page past them is corrected below, once counted.
        ids, counts = _small(query, terms, per_page, min((number - 1) * per_page, RANK_LIMIT + 1))
        counting.remember(query, terms, counts)
    total = _total(counts)
    last = max(1, math.ceil(total / per_page))
    if ids is None or number > last:
        number = min(number, last)
        offset = (number - 1) * per_page
        if total > RANK_LIMIT:
            ids = _large_page(query, terms, total, per_page, offset)
        else:
            ids, _counts = _small(query, terms, per_page, offset)
    return SearchResult(
        _page(_organizations(ids, user, with_themes), number, total, per_page),
        total,
        facet_lists.build(counts, query),
    )


def _organizations(ids: list[int], user, with_themes: bool) -> list[Organization]:
    if not ids:
        return []
    # A plain queryset, not modeltranslation's: nothing here filters or orders by a translated field, and
    # its lookup rewriting costs a third of this fetch. Translated attributes read as usual.
    found = (
        OrganizationQuerySet(Organization)
        .visible_to(user)
        .filter(pk__in=ids, published_at__isnull=False)
        .order_by()  # the page's order is the search's, restored below
        .select_related("country", "region")
    )
    if with_themes:
        found = found.prefetch_related(Prefetch("themes", queryset=QuerySet(ThematicArea)))
    by_pk = {organization.pk: organization for organization in found}
    # The index may trail a write by a moment; an organization unpublished since is simply left out.
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _page(organizations: list[Organization], number: int, total: int, per_page: int) -> Page:
    return Page(organizations, number, Paginator(_Counted(total), per_page))
