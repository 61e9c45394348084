"""`birge seed-bench`: a deterministic, published, mixed-script directory that the search can find."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from birge.orgs.profiles.models import Organization
from birge.orgs.search import parse_query, search_organizations
from birge.orgs.search.models import SearchEntry

HOME = {"KZ", "KG", "TJ", "TM", "AZ"}
NAMES = ["slug", *(f"name_{code}" for code in ("ru", "en", "kk", "ky", "tg", "tk", "az", "uz"))]


def seed(**options) -> None:
    call_command("seed_bench", orgs=150, stdout=StringIO(), **options)


def snapshot() -> list[tuple]:
    return list(Organization.objects.filter(slug__startswith="bench-").order_by("slug").values_list(*NAMES))


def test_seed_bench_builds_a_published_indexed_directory_across_the_region(db):
    seed()  # loads the reference data itself
    organizations = Organization.objects.filter(slug__startswith="bench-")
    assert organizations.count() == 150
    assert not organizations.filter(published_at__isnull=True).exists()
    assert set(organizations.values_list("country__code", flat=True)) == HOME
    assert 5 <= organizations.filter(verified_at__isnull=False).count() <= 30  # about one in ten
    for organization in organizations.prefetch_related("themes"):
        assert 1 <= len(organization.themes.all()) <= 4
        assert organization.working_languages
    names = " ".join(value or "" for row in snapshot() for value in row[1:])
    assert any("а" <= char <= "я" for char in names) and any(char in names for char in "ҚқҷӯҳҒғ")
    assert any(char in names for char in "şýçğə")
    assert SearchEntry.objects.count() == 150


def test_seed_bench_is_deterministic_and_refuses_to_seed_twice(db):
    seed()
    first = snapshot()
    with pytest.raises(CommandError):
        seed()
    seed(reset=True)
    assert snapshot() == first
    assert Organization.objects.filter(slug__startswith="bench-").count() == 150


LATIN = dict(zip("абвгғдежзийкқлмнңоөпрстуұүфхһцчшыіэюяә", [
    "a", "b", "v", "g", "gh", "d", "e", "zh", "z", "i", "y", "k", "q", "l", "m", "n", "ñ", "o", "ö", "p", "r",
    "s", "t", "u", "u", "ü", "f", "kh", "h", "ts", "ch", "sh", "y", "i", "e", "yu", "ya", "ä",
], strict=True))  # fmt: skip


def test_seeded_kazakh_names_are_found_in_latin_letters(db):
    seed()
    organization = Organization.objects.filter(slug__startswith="bench-").exclude(name_kk=None).first()
    word = max(organization.name_kk.replace("«", " ").replace("»", " ").split(), key=len)
    latin = "".join(LATIN.get(char, char) for char in word.lower())
    assert latin.isascii() or set(latin) <= set("abcdefghijklmnopqrstuvwxyzñöüä")
    query, _ = parse_query({"q": latin})
    result = search_organizations(query, user=None, per_page=200)
    assert organization in result.page.object_list
