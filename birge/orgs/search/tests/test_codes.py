"""The entries' facets as integers (`search.codes`), which counting a large result groups by: its counts
must be what the small-result count says, and a value's code must not move when other values appear."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from birge.orgs.profiles.models import Kind, Organization
from birge.orgs.search import parse_query, rebuild_index, results, search_organizations
from birge.orgs.search.models import SearchCode, SearchEntry
from birge.orgs.search.tests.test_search import make


def codes() -> dict[tuple[str, str], int]:
    return {(row.facet, row.value): row.code for row in SearchCode.objects.all()}


def integers(slug: str) -> tuple[int, int, int]:
    entry = SearchEntry.objects.get(organization__slug=slug)
    return entry.facet_key, entry.language_bits, entry.theme_bits


def facet_counts(params: dict) -> tuple[int, dict[str, dict[str, int]]]:
    cache.clear()
    query, _problems = parse_query(params)
    result = search_organizations(query, user=None)
    return result.total, {name: {f.value: f.count for f in facets} for name, facets in result.facets.items()}


@pytest.fixture
def mixed(reference):
    make("argo", name_ru="Арго помощь", themes=["public-health"], working_languages=["ru", "kk"])
    make("dostuk", name_ky="Достук помощь", country="KG", kind=Kind.DONOR, themes=["education"],
         working_languages=["ky", "ru"])  # fmt: skip
    make("umit", name_kk="Үміт помощь", themes=["education", "health"], working_languages=["kk"],
         verified_at=timezone.now())  # fmt: skip


@pytest.mark.parametrize(
    "params",
    [{"q": "помощь"}, {"q": "помощь", "country": "KZ"}, {"country": "KZ", "kind": "cso"},
     {"theme": "education", "language": "kk"}, {"q": "помощь", "verified": "1"}],
)  # fmt: skip
def test_a_large_result_is_counted_as_the_small_result_count_would(mixed, monkeypatch, params):
    small = facet_counts(params)
    monkeypatch.setattr(results, "RANK_LIMIT", 0)  # every result is large: the aggregate statement counts
    assert facet_counts(params) == small
    assert small[0] > 0


def test_a_new_value_takes_a_new_code_and_moves_no_other(mixed):
    before, argo = codes(), integers("argo")
    make("bilim", name_tg="Билим", country="TJ", kind=Kind.MEDIA, themes=["children-youth"],
         working_languages=["tg", "en"])  # fmt: skip
    after = codes()
    assert {key: after[key] for key in before} == before
    new = set(after) - set(before)
    assert new == {("country", "TJ"), ("kind", Kind.MEDIA), ("theme", "children-youth"), ("language", "tg"),
                   ("language", "en")}  # fmt: skip
    for facet in ("country", "kind", "theme", "language"):
        numbers = [code for (named, _value), code in after.items() if named == facet]
        assert sorted(numbers) == list(range(len(numbers)))  # each facet numbered 0, 1, 2... without gaps
    assert integers("argo") == argo


def test_a_rebuild_numbers_only_the_values_in_use(mixed):
    Organization.objects.filter(slug="dostuk").delete()
    rebuild_index()
    assert ("country", "KG") not in codes() and ("language", "ky") not in codes()
    assert sorted(code for (facet, _value), code in codes().items() if facet == "country") == [0]
    assert facet_counts({"q": "помощь"})[1]["country"] == {"KZ": 2}
