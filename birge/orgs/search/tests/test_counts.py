"""The stored facet counts of the whole directory, of each single filter and of each pair: what the
landing page and the pages a visitor browses to show on a cold cache. They must be what a live count would
say after any index write."""

import pytest
from django.core.cache import cache

from birge.core.models import Country, Region, ThematicArea
from birge.orgs.profiles.models import Kind, Organization
from birge.orgs.profiles.services import organization_publish
from birge.orgs.search import counting, index_organizations, parse_query, results, search_organizations
from birge.orgs.search.models import SearchCount
from birge.orgs.search.tests.test_search import make
from birge.orgs.tests.factories import OrganizationFactory, with_member


def stored() -> dict[str, tuple[int, dict]]:
    return {row.scope: (row.total, row.counts) for row in SearchCount.objects.all()}


def recounted() -> dict[str, tuple[int, dict]]:
    """What counting everything afresh gives, leaving the stored counts as they were."""
    before = stored()
    counting.recount()
    after = stored()
    SearchCount.objects.all().delete()
    SearchCount.objects.bulk_create(SearchCount(scope=k, total=t, counts=c) for k, (t, c) in before.items())
    return after


@pytest.fixture
def counted(reference):
    """A small directory whose counts are stored; results over one organization read them."""
    make("argo", name_ru="Арго", themes=["public-health"], working_languages=["ru", "kk"],
         region=Region.objects.get(code="KZ-75"))  # fmt: skip
    make("dostuk", name_ky="Достук", country="KG", kind=Kind.DONOR, themes=["education"],
         working_languages=["ky"])  # fmt: skip
    make("umit", name_kk="Үміт", themes=["education", "health"], working_languages=["kk"])
    counting.recount()


@pytest.fixture
def stored_path(monkeypatch):
    """Any result of more than one organization is "large", so the stored counts answer it."""
    monkeypatch.setattr(results, "RANK_LIMIT", 1)


def facet_counts(params: dict) -> tuple[int, dict[str, dict[str, int]]]:
    cache.clear()  # cold, as the bench measures it
    query, _problems = parse_query(params)
    result = search_organizations(query, user=None)
    return result.total, {name: {f.value: f.count for f in facets} for name, facets in result.facets.items()}


def test_stored_counts_equal_a_full_recount_after_every_kind_of_index_write(counted):
    argo = Organization.objects.get(slug="argo")
    assert stored() == recounted()
    # A change of country, kind, verification, working languages and themes.
    Organization.objects.filter(pk=argo.pk).update(
        country=Country.objects.get(code="TJ"), region=None, kind=Kind.MEDIA, working_languages=["tg"],
        verified_at=argo.published_at,
    )  # fmt: skip
    argo.themes.set(ThematicArea.objects.filter(slug__in=["gender-equality"]))
    index_organizations([argo.pk])
    assert stored() == recounted()
    # Unpublished, then published again; a new organization.
    Organization.objects.filter(pk=argo.pk).update(published_at=None)
    index_organizations([argo.pk])
    assert stored()[""][0] == 2
    assert "country:TJ" not in stored()  # an emptied scope goes
    Organization.objects.filter(pk=argo.pk).update(published_at=argo.published_at)
    make("new", name_ru="Новая")
    index_organizations([argo.pk])
    assert stored() == recounted()
    assert stored()[""][0] == 4


def test_a_published_organization_is_counted_on_the_landing_and_a_one_filter_page(
    counted, stored_path, alice, django_capture_on_commit_callbacks
):
    draft = with_member(OrganizationFactory(slug="draft", draft=True, kind=Kind.MEDIA), alice)
    index_organizations([draft.pk])
    assert facet_counts({})[0] == 3
    with django_capture_on_commit_callbacks(execute=True):
        organization_publish(actor=alice, organization=draft)
    total, facets = facet_counts({})
    assert total == 4
    assert facets["kind"] == {"cso": 2, "donor": 1, "media": 1}
    total, facets = facet_counts({"country": "KZ"})
    assert total == 3
    assert facets["kind"] == {"cso": 2, "media": 1}
    assert stored()["country:KZ"][0] == 3  # the page read the stored counts


@pytest.mark.parametrize(
    "params",
    [{}, {"country": "KZ"}, {"region": "KZ-75"}, {"kind": "cso"}, {"theme": "health"}, {"theme": "education"},
     {"language": "kk"}, {"verified": "1"}, {"country": "KZ", "theme": "education"},
     {"kind": "donor", "language": "ky"}, {"region": "KZ-75", "language": "ru"},
     {"country": "KZ", "verified": "1"}, {"country": "KG", "theme": "health"},
     {"country": "KZ", "region": "KZ-75"}],
)  # fmt: skip
def test_stored_counts_read_as_a_live_count_would(counted, monkeypatch, params):
    live = facet_counts(params)
    monkeypatch.setattr(results, "RANK_LIMIT", 0)  # every result is large: stored counts answer
    assert facet_counts(params) == live


def test_entries_gone_behind_the_index_have_everything_recounted(counted, django_capture_on_commit_callbacks):
    argo = Organization.objects.get(slug="argo")
    pk = argo.pk
    argo.delete()  # its entry goes with it, unseen by the stored counts
    assert stored()[""][0] == 3
    with django_capture_on_commit_callbacks(execute=True):
        index_organizations([pk])  # what a service that deletes an organization must call
    assert stored()[""][0] == 2
    assert stored() == recounted()


def test_counts_not_yet_counted_are_left_alone_and_readers_count_for_themselves(reference, stored_path):
    make("argo", name_ru="Арго")
    SearchCount.objects.all().delete()  # as after the migration that adds them
    make("dostuk", name_ky="Достук", country="KG")  # an index write: the counts are to be recounted
    assert stored() == {"": (counting.RECOUNTING, {})}
    assert facet_counts({})[0] == 2  # counted live
    counting.recount_search_counts.enqueue()  # the queued task (run at once in tests)
    assert stored()[""][0] == 2
    assert facet_counts({"country": "KG"})[0] == 1
