"""The directory search, on the engine the suite runs on (SQLite, or PostgreSQL in CI's second run)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from birge.core.models import Country, Region, ThematicArea
from birge.orgs.profiles.models import Kind, Organization
from birge.orgs.search import (
    SearchQuery,
    counting,
    index_organizations,
    parse_query,
    rebuild_index,
    results,
    search_organizations,
)
from birge.orgs.tests.factories import OrganizationFactory, with_member


def make(slug: str, *, themes=(), country="KZ", **fields) -> Organization:
    """A published organization, indexed, as the services leave it."""
    names = {key: value for key, value in fields.items() if key.startswith("name_")}
    fields.setdefault("name", next(iter(names.values()), slug))
    organization = OrganizationFactory(slug=slug, country=Country.objects.get(code=country), **fields)
    organization.themes.set(ThematicArea.objects.filter(slug__in=themes))
    index_organizations([organization.pk])
    return organization


def found(per_page: int = 100, page=1, **params) -> list[str]:
    query, problems = parse_query(params)
    assert problems == []
    result = search_organizations(query, user=None, page=page, per_page=per_page)
    return [organization.slug for organization in result.page.object_list]


@pytest.fixture
def directory(reference, db):
    with translation.override("ru"):
        yield {
            "argo": make(
                "argo",
                name_ru="Арго",
                kind=Kind.CSO,
                region=Region.objects.get(code="KZ-75"),
                themes=["public-health"],
                working_languages=["ru", "kk"],
                verified_at=timezone.now(),
            ),
            "argo-en": make(
                "argo-en",
                name_en="Argo Foundation",
                country="KG",
                kind=Kind.DONOR,
                themes=["health"],
                working_languages=["en"],
                description_en="We fund clinics across Central Asia.",
            ),
            "youth": make(
                "youth",
                name_kk="Қазақстан жастары",
                themes=["education"],
                working_languages=["kk"],
                offers_kk="Тренингтер",
            ),
            "rights": make("rights", name_tg="Иттиҳодияи «Ҳуқуқ»", country="TJ", kind=Kind.MEDIA),
            "yaslar": make("yaslar", name_tk="Ýaşlar jemgyýetçilik birleşigi", country="TM"),
            "genclar": make("genclar", name_az="Gənclər Assosiasiyası", country="AZ", kind=Kind.ACADEMIC),
            "uzbek": make("uzbek", name_uz="Oʻzbekiston yoshlar ittifoqi", country="KG"),
            "association": make("association", name_ru="Ассоциация молодёжи Востока"),
            "draft": make("draft", name_ru="Арго черновик", published_at=None),
        }


def test_cyrillic_finds_latin_and_latin_finds_cyrillic(directory):
    assert set(found(q="Арго")) == {"argo", "argo-en"}
    assert set(found(q="Argo")) == {"argo", "argo-en"}


def test_the_spelling_as_written_ranks_first(directory):
    assert found(q="Арго")[0] == "argo"
    assert found(q="Argo")[0] == "argo-en"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Қазақстан", "youth"),
        ("Qazaqstan", "youth"),
        ("Kazakhstan", "youth"),
        ("Казахстан", "youth"),
        ("Huquq", "rights"),
        ("Хукук", "rights"),
        ("Яшлар", "yaslar"),
        ("Yashlar", "yaslar"),
        ("Джемгыетчилик", "yaslar"),
        ("Ganjlar", "genclar"),
        ("Ўзбекистон", "uzbek"),
        ("Ozbekiston", "uzbek"),
        ("O'zbekiston", "uzbek"),
        ("Assotsiatsiya molodezhi", "association"),  # ё written е, as Russian does
    ],
)
def test_transliterations_find_each_other(directory, text, slug):
    assert found(q=text) == [slug]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Asociatsiya", "association"),  # one letter wrong
        ("Kazahstn", "youth"),  # one missing after transliteration
        ("Qazaqstn", "youth"),  # one missing
        ("Qazaqistan", "youth"),  # one extra
        ("Jemgyyetchilig", "yaslar"),  # one wrong
    ],
)
def test_one_wrong_missing_or_extra_letter_still_matches(directory, text, slug):
    assert found(q=text) == [slug]


@pytest.mark.parametrize("text", ["Arga", "Qzqstn", "Асацацыя"])
def test_short_words_and_two_typos_do_not_match(directory, text):
    assert found(q=text) == []


def test_words_match_the_start_of_indexed_words(directory):
    assert found(q="Қазақ") == ["youth"]
    assert found(q="Foundat") == ["argo-en"]


def test_descriptions_and_offers_are_searched(directory):
    assert found(q="clinics") == ["argo-en"]
    assert found(q="тренинг") == ["youth"]


def test_private_fields_are_never_searchable(directory):
    # The factory gives every organization a phone, an address, a contact person and a funding mix.
    for text in ["Абая", "Айгуль", "aigul@example.kz", "2233", "Серикова", "example"]:
        assert found(q=text) == [], text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "KZ"}, {"argo", "youth", "association"}),
        ({"country": "kg"}, {"argo-en", "uzbek"}),
        ({"region": "KZ-75"}, {"argo"}),
        ({"kind": "donor"}, {"argo-en"}),
        ({"language": "kk"}, {"argo", "youth"}),
        ({"verified": "1"}, {"argo"}),
        ({"q": "Арго", "country": "KG"}, {"argo-en"}),
    ],
)
def test_each_filter_narrows_the_list(directory, params, expected):
    assert set(found(**params)) == expected


def test_a_broad_area_includes_its_sub_areas_but_not_the_other_way(directory):
    assert set(found(theme="health")) == {"argo", "argo-en"}  # argo works on public health, a sub-area
    assert found(theme="public-health") == ["argo"]


def test_drafts_never_appear_not_even_to_their_members(directory, alice):
    with_member(directory["draft"], alice)
    query, _ = parse_query({"q": "Арго черновик"})
    assert search_organizations(query, user=alice).total == 0
    assert set(found()) == set(directory) - {"draft"}


def test_an_unpublished_or_deleted_organization_leaves_the_index(directory):
    argo = directory["argo"]
    Organization.objects.filter(pk=argo.pk).update(published_at=None)
    index_organizations([argo.pk])
    assert found(q="Арго") == ["argo-en"]
    youth_pk = directory["youth"].pk
    directory["youth"].delete()
    index_organizations([youth_pk])
    assert found(q="Qazaqstan") == []


def test_facets_count_the_whole_result_not_the_page(directory):
    query, _ = parse_query({"q": "Арго"})
    result = search_organizations(query, user=None, per_page=1)
    assert len(result.page.object_list) == 1
    assert result.total == 2
    facets = {name: {f.value: f.count for f in values} for name, values in result.facets.items()}
    assert facets["country"] == {"KZ": 1, "KG": 1}
    assert facets["kind"] == {"cso": 1, "donor": 1}
    assert facets["theme"] == {"health": 2}  # a sub-area counts for its broad area
    assert facets["language"] == {"ru": 1, "kk": 1, "en": 1}
    assert facets["verified"] == {"1": 1}


def test_facets_carry_labels_and_mark_the_selected_value(directory):
    with translation.override("ru"):
        query, _ = parse_query({"country": "KZ", "kind": "government"})
        result = search_organizations(query, user=None)
        (kazakhstan,) = result.facets["country"]
        assert (kazakhstan.value, str(kazakhstan.label), kazakhstan.selected) == ("KZ", "Казахстан", True)
        # A selected value with no match stays visible, so the reader can clear it.
        assert [(f.value, f.count, f.selected) for f in result.facets["kind"]] == [("government", 0, True)]


def test_sort_by_name_in_the_readers_language(directory):
    with translation.override("ru"):
        names = found(sort="name", country="KZ")
    assert names == ["argo", "association", "youth"]  # Арго, Ассоциация, Қазақстан


def test_relevance_without_words_lists_by_name(directory):
    with translation.override("ru"):
        assert found(country="KZ") == found(sort="name", country="KZ")


def test_sort_by_recent_update_puts_the_newest_first(directory):
    now = timezone.now()
    for days, slug in enumerate(["youth", "association", "argo"]):
        Organization.objects.filter(slug=slug).update(public_updated_at=now - timezone.timedelta(days=days))
    index_organizations(Organization.objects.values_list("pk", flat=True))
    assert found(sort="updated", country="KZ") == ["youth", "association", "argo"]


def test_pages_are_tolerant_of_what_a_link_carries(directory):
    assert len(found(per_page=3, page=1)) == 3
    assert found(per_page=3, page=3) == found(per_page=3, page=99)  # past the end: the last page
    assert found(per_page=3, page="abc") == found(per_page=3, page=1)
    assert found(per_page=3, page=10**30) == found(per_page=3, page=3)
    assert found(per_page=3, page=-5) == found(per_page=3, page=1)
    query, _ = parse_query({})
    result = search_organizations(query, user=None, page=2, per_page=3)
    assert (result.total, result.page.number, result.page.has_next()) == (8, 2, True)


@pytest.mark.parametrize(
    ("params", "total"),
    [({}, 8), ({"q": "Арго"}, 2), ({"q": "Argo"}, 2), ({"country": "KZ", "language": "kk"}, 2)],
)
def test_the_number_of_queries_does_not_grow_with_the_page_size(directory, params, total):
    """Each result has more than one organization, so the page of 8 holds more than the page of 1."""
    query, _ = parse_query(params)
    counts, shown = [], []
    for per_page in (1, 8):
        with CaptureQueriesContext(connection) as queries:
            result = search_organizations(query, user=None, per_page=per_page)
            shown.append(len(result.page.object_list))
        counts.append(len(queries))
    assert result.total == total and shown == [1, total]
    assert counts[0] == counts[1] <= 4, (params, counts)


def test_parse_query_drops_unknown_values_and_says_which(reference):
    query, problems = parse_query(
        {
            "country": "XX",
            "kind": "club",
            "theme": "nothing",
            "language": "fr",
            "sort": "best",
            "verified": "maybe",
        }
    )
    assert query == SearchQuery()
    assert len(problems) == 6
    assert "XX" in problems[0] and "country" in problems[0]


def test_parse_query_cleans_the_text(reference):
    query, problems = parse_query({"q": "  Арго\x00\x07 фонд\n" + "я" * 500})
    assert problems == []
    assert "\x00" not in query.text and "\x07" not in query.text
    assert query.text.startswith("Арго фонд ")
    assert len(query.text) == 200


ARGO = ["argo", "argo-en"]


@pytest.mark.parametrize(
    ("text", "beside_argo"),
    [
        ('" OR * NEAR(', []),  # "OR" and "NEAR" are words every result must hold, not operators
        ("^-*:'", ARGO),
        ("'; DROP TABLE orgs_organization; --", []),
        ("a:* & !b | (c", ARGO),  # a lone letter narrows nothing beside a real word
        ("\\", ARGO),
        ("🙂", ARGO),
        ("ь", ARGO),
    ],
)
def test_search_syntax_in_a_query_is_just_text(directory, text, beside_argo):
    """The engines' operators and quotes mean nothing: a query finds what its words alone find."""
    organizations = Organization.objects.count()
    words = " ".join(re.findall(r"\w+", text))
    assert found(q=text) == (found(q=words) if words else []) == []
    assert found(q=f"Арго {text}") == found(q=f"Арго {words}") == beside_argo
    assert Organization.objects.count() == organizations


def test_rebuild_index_indexes_every_published_organization(directory):
    assert rebuild_index() == 8
    assert set(found(q="Argo")) == {"argo", "argo-en"}


def test_large_results_take_the_same_answer_by_the_other_path(directory, monkeypatch):
    """Results above RANK_LIMIT are counted and paged by other statements; they must agree."""
    by_name = [
        "argo-en",
        "genclar",
        "uzbek",
        "yaslar",
        "argo",
        "association",
        "rights",
        "youth",
    ]  # Latin first
    expected = {(("sort", "name"),): by_name, (("q", "Арго"), ("sort", "name")): ["argo-en", "argo"]}
    for params, slugs in expected.items():
        assert found(**dict(params)) == slugs
    monkeypatch.setattr(results, "RANK_LIMIT", 1)
    monkeypatch.setattr(results, "DENSE", 1)
    for params, slugs in expected.items():
        assert found(**dict(params)) == slugs
    # Too broad to rank: the newest organizations first.
    assert found(q="Арго") == ["argo-en", "argo"]


def test_cached_counts_of_a_large_result_follow_index_writes(directory, monkeypatch):
    monkeypatch.setattr(counting, "CACHE_FROM", 1)
    query, _ = parse_query({"country": "KG"})
    assert search_organizations(query, user=None).total == 2
    make("another", name_ru="Ещё одна", country="KG")
    assert search_organizations(query, user=None).total == 3
