"""A name is found however the searcher learned to write it: every common romanization of a Cyrillic
name, and the Cyrillic spellings of a Latin-script one, find the organization on the first result page.
Runs on the suite's engine (SQLite, or PostgreSQL in CI's second run)."""

from collections import Counter

import pytest

from birge.core.models import Country
from birge.orgs.search import index_organizations, parse_query, search_organizations
from birge.orgs.search.tests.romanization_cases import NAMES, Case, cases, unknown_cases
from birge.orgs.tests.factories import OrganizationFactory

MIN_RECALL = 0.98
MAX_FALSE_HITS = 0.02


@pytest.fixture
def named_directory(reference):
    countries = {country.code: country for country in Country.objects.all()}
    organizations = [
        OrganizationFactory(
            slug=name.slug,
            country=countries[name.country],
            name=name.text,
            **{f"name_{name.language}": name.text},
        )
        for name in NAMES
    ]
    index_organizations([organization.pk for organization in organizations])


def search(text: str):
    query, _problems = parse_query({"q": text})
    return search_organizations(query, user=None)


def first_page(text: str) -> list[str]:
    return [organization.slug for organization in search(text).page.object_list]


def _recall_by_system(outcomes: list[tuple[Case, bool]]) -> str:
    asked, hit = Counter(), Counter()
    for case, found in outcomes:
        asked[case.system] += 1
        hit[case.system] += found
    return "\n".join(
        f"{system:24} {hit[system]:4}/{asked[system]:<4} {hit[system] / asked[system]:7.1%}"
        for system in asked
    )


def test_every_common_spelling_finds_the_name_on_the_first_page(named_directory):
    outcomes = [(case, case.slug in first_page(case.query)) for case in cases()]
    recall = sum(found for _case, found in outcomes) / len(outcomes)
    misses = [f"  {case.system}: {case.query!r} (for {case.slug})" for case, found in outcomes if not found]
    report = "\n".join(
        [f"recall {recall:.1%} of {len(outcomes)} queries", _recall_by_system(outcomes), "misses:", *misses]
    )
    print(report)
    assert recall >= MIN_RECALL, report


def test_spellings_of_names_not_in_the_directory_find_nothing(named_directory):
    """Precision: folding that merged different words would make these find organizations that share only
    some of their words, or none."""
    false_hits = [(case, slugs) for case in unknown_cases() if (slugs := first_page(case.query))]
    report = "\n".join(f"  {case.system}: {case.query!r} found {slugs}" for case, slugs in false_hits)
    print(f"{len(false_hits)} of {len(unknown_cases())} spellings of unknown names found something\n{report}")
    assert len(false_hits) <= MAX_FALSE_HITS * len(unknown_cases()), report


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Obshchestvennoye obyedineniye", "women-support"),  # Wikipedia: shch, ye after a vowel and ъ
        ('Fondi "Ma"rifat"', "marifat"),  # Tajik ъ typed as a double quote
        ("Sozmoni Ma”yuboni", "mayub"),  # and as BGN/PCGN's closing quote
    ],
)
def test_spellings_missed_before_are_found(named_directory, text, slug):
    assert slug in first_page(text)
