"""What each engine matches words against beside the entries (SQLite's FTS5 rows, PostgreSQL's
`orgs_searchmatch` copy) must follow every index write: a renamed, unpublished or deleted organization is
found by its new words only, by every path a search can take (a small result, a large one by relevance,
by name and by date)."""

import pytest
from django.core.cache import cache
from django.db import connection

from birge.orgs.profiles.models import Organization
from birge.orgs.search import index_organizations, rebuild_index, results
from birge.orgs.search.models import SearchEntry
from birge.orgs.search.tests.test_search import found, make

MATCH_COPY = {
    "sqlite": "SELECT rowid FROM orgs_search_fts",
    "postgresql": "SELECT organization_id FROM orgs_searchmatch",
}


def copied_ids() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(MATCH_COPY[connection.vendor])
        return {row[0] for row in cursor.fetchall()}


def entry_ids() -> set[int]:
    return set(SearchEntry.objects.values_list("pk", flat=True))


@pytest.fixture(params=["small", "large"])
def path(request, monkeypatch):
    """Every result small (ranked with its page), or every result large (counted, then paged apart)."""
    if request.param == "large":
        monkeypatch.setattr(results, "RANK_LIMIT", 0)
    return request.param


@pytest.mark.parametrize("sort", ["relevance", "name", "updated"])
def test_a_renamed_organization_is_found_by_its_new_words_only(reference, path, sort):
    argo = make("argo", name_ru="Арго Береке")
    make("umit", name_ru="Үміт Береке")
    Organization.objects.filter(pk=argo.pk).update(name="Жасыл Дала", name_ru="Жасыл Дала")
    index_organizations([argo.pk])
    cache.clear()
    assert found(q="Береке", sort=sort) == ["umit"]
    assert found(q="Жасыл", sort=sort) == ["argo"]
    assert found(q="Zhasyl", sort=sort, country="KZ") == ["argo"]


def test_the_copy_holds_exactly_the_entries_after_every_kind_of_write(reference):
    argo = make("argo", name_ru="Арго")
    dostuk = make("dostuk", name_ky="Достук", country="KG")
    assert copied_ids() == entry_ids() == {argo.pk, dostuk.pk}
    Organization.objects.filter(pk=argo.pk).update(published_at=None)
    index_organizations([argo.pk])
    assert copied_ids() == entry_ids() == {dostuk.pk}
    dostuk.delete()
    assert copied_ids() == entry_ids() == set()
    make("umit", name_kk="Үміт")
    rebuild_index()
    assert copied_ids() == entry_ids()
    assert len(entry_ids()) == 1
