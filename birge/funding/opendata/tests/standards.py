"""The standards' official schemas (copied into schemas/, see README.txt there) as validators: each with the
JSON Schema draft it declares, format checking on, and every $ref resolved from the local copies."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, Draft202012Validator
from referencing import Registry
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT4, DRAFT202012

FOLDER = Path(__file__).parent / "schemas"
GRANTS = "360-giving-package-schema.json"
RELEASES = "release-package-schema.json"
# The JSON Schema draft each file is written in, as its "$schema" says. 360Giving writes that address with
# "http:" where the draft's own is "https:", so it is not recognized by it and is named here instead.
DRAFTS = {
    GRANTS: (Draft202012Validator, "json-schema.org/draft/2020-12/schema"),
    "360-giving-schema.json": (Draft202012Validator, "json-schema.org/draft/2020-12/schema"),
    RELEASES: (Draft4Validator, "json-schema.org/draft-04/schema"),
    "release-schema.json": (Draft4Validator, "json-schema.org/draft-04/schema"),
}
SPECIFICATIONS = {Draft202012Validator: DRAFT202012, Draft4Validator: DRAFT4}

# The addresses the schemas $ref each other by. The 360Giving 1.4.3 package still points at the 1.4.2 grant
# schema's address; 1.4.3's grant schema is what that address means for this copy of the standard.
LOCAL = {
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json": (
        "360-giving-schema.json"
    ),
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json": (
        "360-giving-schema.json"
    ),
    "https://standard.open-contracting.org/schema/1__1__5/release-schema.json": "release-schema.json",
}


def load(name: str) -> dict:
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


def draft(name: str):
    """The validator class of the draft the file declares."""
    cls, address = DRAFTS[name]
    declared = load(name)["$schema"]
    assert declared.split("//", 1)[-1].rstrip("#") == address, f"{name} declares {declared}"
    return cls


def _refuse(uri: str):
    # Anything not copied here is an error, never a download.
    raise NoSuchResource(ref=uri)


@cache
def registry() -> Registry:
    return Registry(retrieve=_refuse).with_resources(
        (uri, SPECIFICATIONS[draft(name)].create_resource(load(name))) for uri, name in LOCAL.items()
    )


@cache
def validator(name: str):
    schema, cls = load(name), draft(name)
    cls.check_schema(schema)
    return cls(schema, registry=registry(), format_checker=cls.FORMAT_CHECKER)


def errors(name: str, instance: dict) -> list[str]:
    """Every error, as "<where>: <what>", so a failing test says all that is wrong at once."""
    found = validator(name).iter_errors(instance)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in found]
