"""The directory search: one interface, two engines (FTS5 on SQLite, full text with unaccent on PostgreSQL).

    query, problems = parse_query(request.GET)
    result = search_organizations(query, user=request.user, page=request.GET.get("page"))
    index_organizations([organization.pk])   # after every write, on commit
    rebuild_index()

Names are matched across scripts and with small typos: every word is folded to a phonetic Latin skeleton
(see `transliteration`), and misspelled words are corrected against the vocabulary of the index.
"""

from birge.orgs.search.criteria import SearchQuery, parse_query
from birge.orgs.search.facets import Facet
from birge.orgs.search.indexing import index_organizations, rebuild_index
from birge.orgs.search.results import SearchResult, search_organizations

__all__ = [
    "Facet",
    "SearchQuery",
    "SearchResult",
    "index_organizations",
    "parse_query",
    "rebuild_index",
    "search_organizations",
]
