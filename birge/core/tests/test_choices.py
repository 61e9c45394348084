"""Reference choices are cached per language and forgotten when the reference data changes."""

from django.utils import translation

from birge.core.choices import reference_choices
from birge.core.models import Country, ThematicArea
from birge.core.testing import assert_queries


def test_choices_come_from_the_cache_in_the_asked_language(reference):
    with translation.override("ru"):
        with assert_queries(3):
            russian = reference_choices()
        with assert_queries(0):
            assert reference_choices() == russian
    with translation.override("en"):
        english = reference_choices()
    assert ("KZ", "Казахстан", True) in russian.countries
    assert ("KZ", "Kazakhstan", True) in english.countries
    assert all(country in {"KZ", "KG", "TJ", "TM", "AZ"} for _code, _name, country in russian.regions)


def test_sub_areas_follow_their_parent(reference):
    areas = reference_choices().areas
    parents = set()
    for slug, _name, parent in areas:
        if parent is None:
            parents.add(slug)
        else:
            assert parent in parents, f"{slug} comes before its parent {parent}"
    assert 0 < len(parents) < len(areas)


def test_editing_reference_data_clears_the_cache(reference):
    with translation.override("en"):
        reference_choices()
        kazakhstan = Country.objects.get(code="KZ")
        kazakhstan.name_en = "Republic of Kazakhstan"
        kazakhstan.save()
        assert ("KZ", "Republic of Kazakhstan", True) in reference_choices().countries
        ThematicArea.objects.filter(parent__isnull=False).first().delete()
        with assert_queries(3):
            reference_choices()


def test_each_process_keeps_its_choices_for_a_while_without_the_cache(reference, monkeypatch):
    from django.core.cache import cache

    from birge.core import choices

    with translation.override("ru"):
        kept = reference_choices()
        cache.clear()  # another process, or a cache that lost its keys
        with assert_queries(0):
            assert reference_choices() == kept
        later = choices.time.monotonic() + choices.MEMO_SECONDS
        monkeypatch.setattr(choices.time, "monotonic", lambda: later)
        with assert_queries(3):
            assert reference_choices() == kept
