"""Reference data every instance needs: countries, their regions and the thematic areas. Idempotent, so
`birge migrate` runs it every time and an update to the data files reaches existing databases."""

import functools
import json
from pathlib import Path

from django.db import transaction

from .models import Country, Region, ThematicArea

DATA = Path(__file__).resolve().parent / "data"


def _read(name: str, key: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as file:
        return json.load(file)[key]


@functools.cache
def reference_codes() -> dict[str, tuple[str, ...]]:
    """Every code the data files define, read without the database: `countries`, `regions` and `themes`
    (slugs, sub-areas included). The database holds at least these once `birge migrate` has run, so
    what is built from them at import time (the API's enums) names only what exists."""
    countries, themes = _read("geography.json", "countries"), _read("themes.json", "themes")
    return {
        "countries": tuple(entry["code"] for entry in countries),
        "regions": tuple(region["code"] for entry in countries for region in entry["regions"]),
        "themes": tuple(
            slug
            for entry in themes
            for slug in (entry["slug"], *(child["slug"] for child in entry.get("children", [])))
        ),
    }


def _names(names: dict[str, str]) -> dict[str, str]:
    return {f"name_{code}": value for code, value in names.items()} | {"name": names["ru"]}


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    countries, themes_data = _read("geography.json", "countries"), _read("themes.json", "themes")
    regions = themes = 0
    for position, entry in enumerate(countries):
        country, _ = Country.objects.update_or_create(
            code=entry["code"],
            defaults={"is_home": entry["home"], "position": position, **_names(entry["names"])},
        )
        for region in entry["regions"]:
            Region.objects.update_or_create(
                code=region["code"],
                defaults={"country": country, "kind": region["kind"], **_names(region["names"])},
            )
            regions += 1
    for position, entry in enumerate(themes_data):
        parent, _ = ThematicArea.objects.update_or_create(
            slug=entry["slug"], defaults={"parent": None, "position": position, **_names(entry["names"])}
        )
        themes += 1
        for child_position, child in enumerate(entry.get("children", [])):
            ThematicArea.objects.update_or_create(
                slug=child["slug"],
                defaults={"parent": parent, "position": child_position, **_names(child["names"])},
            )
            themes += 1
    return {"countries": len(countries), "regions": regions, "themes": themes}
