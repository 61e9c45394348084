"""Whatever a search box or a URL carries, the directory answers with results or an empty list, never an
error: FTS5 and tsquery syntax, quotes, NUL, emoji, any script, any length. Runs on the suite's engine."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from birge.orgs.search import SearchQuery, parse_query, search_organizations
from birge.orgs.search.tests.test_search import make

SYNTAX = [
    '"', "'", "*", "(", ")", "NEAR(", " OR ", " AND ", " NOT ", "^", "-", "+", ":", "\\", "\x00", "%", "_",
    "{", "}", "[", "]", "|", "&", "!", "<->", ":*", "@@", ";", "--", "/*", "🙂", "ё", "Ң", "ʻ", "\u202e",
    "\ud7ff", "İ", "ß", "ǅ", "\t", "\n", "Арго", "Argo", "x", "0",
]  # fmt: skip
TEXTS = st.one_of(
    st.text(),
    st.lists(st.sampled_from(SYNTAX) | st.text(max_size=4), max_size=30).map("".join),
    st.builds(lambda chunk, times: chunk * times, st.text(min_size=1, max_size=8), st.integers(1, 2500)),
)
PARAMETERS = st.dictionaries(
    st.sampled_from(["country", "region", "kind", "theme", "language", "verified", "sort"]),
    st.text(max_size=12) | st.sampled_from(["KZ", "KZ-75", "cso", "health", "kk", "1", "name", "updated"]),
)


@pytest.fixture
def small_directory(reference):
    make("argo", name_ru="Арго", themes=["public-health"], working_languages=["ru"])
    make("argo-en", name_en="Argo Foundation", country="KG", description_en="Clinics")
    make("draft", name_ru="Арго черновик", published_at=None)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.large_base_example,
    ],
)
@given(text=TEXTS, parameters=PARAMETERS, page=st.one_of(st.integers(), st.text(max_size=5)))
def test_any_query_returns_a_result_never_an_error(small_directory, text, parameters, page):
    query, problems = parse_query({**parameters, "q": text})
    assert all(isinstance(problem, str) for problem in problems)
    result = search_organizations(query, user=None, page=page, per_page=2)
    assert 0 <= result.total <= 2
    assert len(result.page.object_list) <= 2
    assert all(organization.published_at for organization in result.page.object_list)
    # The same text handed over without parse_query's cleaning (NUL, 10,000 characters) is just as safe.
    raw = search_organizations(SearchQuery(text=text, sort=parameters.get("sort", "")), user=None, page=page)
    assert 0 <= raw.total <= 2


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXTS, parameters=PARAMETERS)
def test_the_page_and_the_api_answer_any_query(client, small_directory, text, parameters):
    page = client.get("/ru/orgs/", {**parameters, "q": text})
    assert page.status_code == 200
    answer = client.get("/api/v1/organizations/", {**parameters, "q": text})
    assert answer.status_code in (200, 400, 422), answer.content[:300]
    if answer.status_code == 200:
        assert answer.json()["count"] <= 2
