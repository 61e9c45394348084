"""Social contracts as OCDS: valid against the standard's own release package schema with formats checked,
one contracting process per call, its lots as tender items, and an award and a contract release per award."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.db.models import Sum

from birge.core.models import Country
from birge.funding.awards.models import Award
from birge.funding.awards.models import Status as AwardStatus
from birge.funding.opendata import common
from birge.funding.opendata.ocds import release_package
from birge.funding.opendata.tests import standards
from birge.funding.opendata.tests.factories import application, award
from birge.funding.programs.models import Applicant, Mechanism

pytestmark = pytest.mark.django_db

URI = "https://birge.example/ru/register/ocds.json"


def package() -> dict:
    return json.loads(json.dumps(release_package(Award.objects.all(), uri=URI)))


def releases(data: dict, tag: str) -> list[dict]:
    return [release for release in data["releases"] if release["tag"] == [tag]]


def test_the_validator_finds_what_is_wrong_in_a_release(register):
    data = package()
    del data["releases"][0]["initiationType"]
    data["releases"][1]["date"] = "2026-03-02"
    data["releases"][2]["tag"] = ["signed"]
    data["publishedDate"] = "yesterday"
    assert len(standards.errors(standards.RELEASES, data)) >= 4


def test_the_social_contracts_are_a_valid_ocds_release_package(register):
    data = package()
    assert standards.errors(standards.RELEASES, data) == []
    assert data["version"] == "1.1"
    assert data["uri"] == URI
    assert data["publisher"]["name"] == "Birge"
    # Core OCDS only: an extension would be fetched by every validator that reads the package.
    assert "extensions" not in data
    assert "lots" not in json.dumps(data)


def test_a_call_is_one_contracting_process_with_a_tender_an_award_and_a_contract_per_award(register):
    data = package()
    ocid = f"{settings.BIRGE_OCID_PREFIX}-{register.contract_call.slug}"
    assert {release["ocid"] for release in data["releases"]} == {ocid}
    assert len(releases(data, "tender")) == 1
    assert len(releases(data, "award")) == len(register.contracts)
    assert len(releases(data, "contract")) == len(register.contracts)
    ids = [release["id"] for release in data["releases"]]
    assert len(ids) == len(set(ids))
    assert all(release["initiationType"] == "tender" for release in data["releases"])


def test_the_tender_describes_the_call_with_its_lots_as_items(register):
    (tender_release,) = releases(package(), "tender")
    tender = tender_release["tender"]
    call = register.contract_call
    assert tender["id"] == call.slug
    assert tender["title"] == call.title
    assert tender["description"] == call.service_specification
    assert tender["status"] == "complete"
    assert tender["value"] == {"amount": 20000000, "currency": "KZT"}
    assert tender["items"] == [
        {"id": "lot-1", "description": "1. Медеуский район", "quantity": 1},
        {"id": "lot-2", "description": "2. Алмалинский район", "quantity": 1},
    ]
    assert dt.datetime.fromisoformat(tender["tenderPeriod"]["startDate"]) == call.opens_at.replace(
        microsecond=0
    )
    assert dt.datetime.fromisoformat(tender["tenderPeriod"]["endDate"]) == call.closes_at.replace(
        microsecond=0
    )
    akimat = {"id": "KZ-BIN-000000000001", "name": "Акимат города Алматы"}
    assert tender["procuringEntity"] == akimat
    assert tender_release["buyer"] == akimat
    (party,) = tender_release["parties"]
    assert party["roles"] == ["buyer", "procuringEntity"]
    assert party["identifier"] == {
        "scheme": "KZ-BIN",
        "id": "000000000001",
        "legalName": "Акимат города Алматы",
    }


def test_an_award_names_its_supplier_its_lot_and_its_value(register):
    data = package()
    found = {release["awards"][0]["id"]: release for release in releases(data, "award")}
    release = found[str(register.contract_with_lot.pk)]
    entry = release["awards"][0]
    assert entry["status"] == "active"
    assert entry["value"] == {"amount": 8500000, "currency": "KZT"}
    assert entry["suppliers"] == [{"id": "KZ-BIN-200000000002", "name": "Забота"}]
    assert entry["items"] == [{"id": "lot-1", "description": "1. Медеуский район", "quantity": 1}]
    assert entry["title"] == "Уход в Медеуском районе"
    supplier = next(party for party in release["parties"] if party["id"] == "KZ-BIN-200000000002")
    assert supplier["roles"] == ["supplier"]
    # The other, with no identifier: Birge's, the same as in the 360Giving export.
    other = found[str(register.contract_second_lot.pk)]["awards"][0]
    assert other["suppliers"] == [{"id": "360G-birge-ORG-mercy", "name": "Милосердие"}]
    assert other["value"] == {"amount": 10999999.99, "currency": "KZT"}


def test_a_contract_has_its_award_its_period_and_its_status(register):
    contract = register.contract_with_lot
    Award.objects.filter(pk=contract.pk).update(status=AwardStatus.COMPLETED)
    found = {release["contracts"][0]["id"]: release for release in releases(package(), "contract")}
    entry = found[str(contract.pk)]["contracts"][0]
    assert entry["awardID"] == str(contract.pk)
    assert entry["status"] == "terminated"  # OCDS: in force once, and come to a close
    assert entry["value"] == {"amount": 8500000, "currency": "KZT"}
    # The project's days in the call's time zone (Almaty, UTC+5), through the whole of its last day.
    assert entry["period"] == {
        "startDate": "2026-03-16T00:00:00+05:00",
        "endDate": "2026-11-27T23:59:59+05:00",
    }
    assert entry["dateSigned"] == "2026-03-02T00:00:00+05:00"
    assert found[str(register.contract_second_lot.pk)]["contracts"][0]["status"] == "active"


def test_a_contract_that_changes_is_a_new_release(register):
    before = {release["id"] for release in releases(package(), "contract")}
    contract = Award.objects.get(pk=register.contract_with_lot.pk)
    contract.status = AwardStatus.TERMINATED
    contract.updated_at = contract.updated_at + dt.timedelta(days=30)
    Award.objects.filter(pk=contract.pk).update(status=contract.status, updated_at=contract.updated_at)
    after = {release["id"] for release in releases(package(), "contract")}
    assert len(before - after) == 1 and len(after - before) == 1


def test_grants_are_not_in_the_ocds_package_and_the_amounts_reconcile(register):
    data = package()
    awarded = [release["awards"][0] for release in releases(data, "award")]
    assert sorted(entry["id"] for entry in awarded) == sorted(str(award.pk) for award in register.contracts)
    total = Award.objects.filter(application__call__program__mechanism=Mechanism.SOCIAL_CONTRACT).aggregate(
        total=Sum("amount")
    )["total"]
    assert sum(Decimal(str(entry["value"]["amount"])) for entry in awarded) == total


def test_a_person_holding_a_social_contract_is_anonymous(register, django_user_model):
    owner = django_user_model.objects.get(email="gulnora.rakhimova@example.org")
    made = award(
        application(
            register.contract_call,
            "Уход Гульноры Рахимовой за соседями",
            owner=owner,
            kind=Applicant.INDIVIDUAL,
            region=register.person.region,
            lot=register.lots[1],
        ),
        "300000",
    )
    data = package()
    assert standards.errors(standards.RELEASES, data) == []
    release = next(
        release for release in releases(data, "award") if release["awards"][0]["id"] == str(made.pk)
    )
    entry = release["awards"][0]
    assert entry["suppliers"] == [{"id": f"360G-birge-IND-{made.pk:06d}", "name": common.individual_name()}]
    assert "title" not in entry
    supplier = next(party for party in release["parties"] if party["roles"] == ["supplier"])
    assert supplier["address"] == {
        "region": register.person.region.name,
        "countryName": Country.objects.get(code="KZ").name,
    }
    assert "identifier" not in supplier
    text = json.dumps(data, ensure_ascii=False)
    assert "Гульнор" not in text and "Рахимов" not in text and "gulnora" not in text


def test_every_date_has_its_time_zone(register):
    def dates(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"date", "startDate", "endDate", "dateSigned", "publishedDate"}:
                    yield value
                else:
                    yield from dates(value)
        elif isinstance(node, list):
            for item in node:
                yield from dates(item)

    found = list(dates(package()))
    assert len(found) > 10
    assert all(dt.datetime.fromisoformat(value).tzinfo is not None for value in found)


def test_the_ocid_prefix_comes_from_the_settings(register, settings):
    settings.BIRGE_OCID_PREFIX = "ocds-abc123"
    data = package()
    assert {release["ocid"] for release in data["releases"]} == {f"ocds-abc123-{register.contract_call.slug}"}
    assert all(release["id"].startswith("ocds-abc123-") for release in data["releases"])
