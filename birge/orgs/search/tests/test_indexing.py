"""The index records the folding rules it was built with, and a migration run rebuilds an index built
under other rules (or before rules were recorded): a change of the folding never leaves a stale index."""

import pytest
from django.core.management import call_command

from birge.orgs.search import rebuild_index
from birge.orgs.search.indexing import FOLDING, built_with
from birge.orgs.search.models import SearchEntry, SearchIndexState
from birge.orgs.search.tests.test_search import found, make
from birge.orgs.search.transliteration import FOLDING_VERSION


@pytest.fixture
def stale_looking_index(reference):
    """An organization the index has lost: only a rebuild finds it again."""
    organization = make("argo", name_ru="Арго")
    rebuild_index()
    SearchEntry.objects.filter(pk=organization.pk).delete()
    assert found(q="Арго") == []
    return organization


def test_rebuild_records_the_folding_rules_it_used(reference):
    SearchIndexState.objects.all().delete()
    rebuild_index()
    assert built_with() == FOLDING_VERSION


@pytest.mark.parametrize("recorded", ["0", None], ids=["older-rules", "no-record"])
def test_migrate_rebuilds_an_index_built_under_other_rules(stale_looking_index, recorded):
    if recorded is None:
        SearchIndexState.objects.filter(key=FOLDING).delete()
    else:
        SearchIndexState.objects.filter(key=FOLDING).update(value=recorded)
    call_command("migrate", verbosity=0)
    assert found(q="Арго") == ["argo"]
    assert built_with() == FOLDING_VERSION


def test_migrate_leaves_an_index_built_under_these_rules_alone(stale_looking_index):
    call_command("migrate", verbosity=0)
    assert found(q="Арго") == []
