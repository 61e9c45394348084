"""The OCDS export through the standard's own checker, libcoveocds (a test tool, never imported by the
application), offline: the standard it checks against is a ZIP built here from the copied schemas, and the
`no_network` guard fails the test if it reaches for anything else."""

import json
import socket
import zipfile

import pytest
import requests
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig

from birge.funding.awards.models import Award
from birge.funding.opendata.ocds import release_package
from birge.funding.opendata.tests.standards import FOLDER

pytestmark = pytest.mark.django_db

ROOT = "standard-1__1__5/"


def closed_codelists(node, found=None) -> dict[str, list[str]]:
    """The closed codelists, from the release schema: each field bound to one lists its codes as an enum."""
    found = {} if found is None else found
    if isinstance(node, dict):
        if node.get("openCodelist") is False and "codelist" in node:
            codes = node.get("enum") or node.get("items", {}).get("enum") or []
            found[node["codelist"]] = [code for code in codes if code is not None]
        for value in node.values():
            closed_codelists(value, found)
    elif isinstance(node, list):
        for value in node:
            closed_codelists(value, found)
    return found


@pytest.fixture
def standard_zip(tmp_path) -> str:
    """The layout of the standard's repository archive that ocdsextensionregistry reads: the first entry is
    the root folder, the schemas are under its schema/, the codelists under schema/codelists/."""
    path = tmp_path / "standard.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(ROOT, "")
        for name in ("release-schema.json", "release-package-schema.json"):
            archive.write(FOLDER / name, f"{ROOT}schema/{name}")
        # The checker compares values with the codelists' CSV files; the closed ones are rebuilt from the
        # schema's enums (open ones, such as party roles, are left unchecked: their codes are not there).
        codelists = closed_codelists(json.loads((FOLDER / "release-schema.json").read_text(encoding="utf-8")))
        assert {"releaseTag.csv", "tenderStatus.csv", "awardStatus.csv", "contractStatus.csv"} <= set(
            codelists
        )
        for name, codes in codelists.items():
            archive.writestr(
                f"{ROOT}schema/codelists/{name}", "Code\n" + "".join(f"{code}\n" for code in codes)
            )
        # libcoveocds registers this schema too, for the compiled releases of record packages; a release
        # package's schemas never $ref it, so an empty schema stands in.
        stand_in = {"$schema": "http://json-schema.org/draft-04/schema#", "description": "not used here"}
        archive.writestr(f"{ROOT}schema/versioned-release-validation-schema.json", json.dumps(stand_in))
    return path.as_uri()


def check(data: dict, standard_zip: str, tmp_path) -> dict:
    config = LibCoveOCDSConfig({"standard_zip": standard_zip, "context": "api"})
    return ocds_json_output(str(tmp_path), json_data=data, lib_cove_ocds_config=config)


def test_libcoveocds_finds_no_error_in_the_ocds_export(register, standard_zip, tmp_path, settings):
    # An OCID prefix is "ocds-" and six letters or digits that the Open Contracting Partnership registers;
    # the default is a placeholder of that form.
    data = json.loads(json.dumps(release_package(Award.objects.all(), uri="https://birge.example/ocds.json")))
    result = check(data, standard_zip, tmp_path)
    assert result["validation_errors"] == []
    assert "json_deref_error" not in result
    assert "conformance_errors" not in result
    # Nothing outside the standard, no value outside a codelist it had, no finding of its further checks.
    assert result["additional_fields"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert result["additional_open_codelist_values"] == {}
    assert result["additional_checks"] == {}
    assert result["version_used"] == "1.1"
    assert result["count"] == 1 + 2 * len(register.contracts)


def test_libcoveocds_reports_what_is_wrong(register, standard_zip, tmp_path):
    data = json.loads(json.dumps(release_package(Award.objects.all(), uri="https://birge.example/ocds.json")))
    del data["releases"][0]["initiationType"]
    data["releases"][1]["date"] = "2 March 2026"
    data["releases"][2]["contracts"][0]["status"] = "signed"
    result = check(data, standard_zip, tmp_path)
    messages = json.dumps(result["validation_errors"])
    assert "initiationType" in messages
    assert "releases/1/date" in messages
    # A value outside a closed codelist is reported on its own, against the codelist.
    assert list(result["additional_closed_codelist_values"]) == ["releases/contracts/status"]
    assert result["additional_closed_codelist_values"]["releases/contracts/status"]["values"] == ["signed"]


def test_the_network_guard_stops_a_download_before_it_starts():
    # What libcoveocds would use to fetch the standard, an extension or a codelist.
    with pytest.raises(AssertionError, match="look up"):
        requests.get("https://standard.open-contracting.org/schema/1__1__5/release-schema.json", timeout=5)
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(AssertionError, match="connect"),
    ):
        sock.connect(("192.0.2.1", 443))
