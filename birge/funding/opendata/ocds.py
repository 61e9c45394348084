"""State social contracts as the Open Contracting Data Standard (1.1) publishes them: a release package with,
for each call, a tender release, and for each award an award release and a contract release.

A social contract is procurement of a service, so it goes out here rather than as a 360Giving grant. The
call is the contracting process (its OCID is the call's address under Birge's prefix); its lots are tender
items, which core OCDS has, rather than the lots extension, which a validator would fetch from the network.
Only awards and their calls are read: nothing of an application without an award reaches the package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from birge.funding.awards.models import Award
from birge.funding.awards.models import Status as AwardStatus
from birge.funding.calls.models import Call
from birge.funding.calls.models import Status as CallStatus
from birge.funding.opendata import common
from birge.funding.programs.models import Mechanism
from birge.orgs.profiles.models import Organization

VERSION = "1.1"
RELATED = ("application__call__program__operator", "application__lot", "organization", "country", "region")

# A call's life as OCDS's closed tender status codelist says it: announced until decided is one tender
# that is under way; once decided it is complete.
TENDER_STATUS = {
    CallStatus.DRAFT: "planning",
    CallStatus.PUBLISHED: "active",
    CallStatus.OPEN: "active",
    CallStatus.CLOSED: "active",
    CallStatus.IN_REVIEW: "active",
    CallStatus.DECIDED: "complete",
    CallStatus.ARCHIVED: "complete",
}
# OCDS's "terminated" is any contract that has come to a close, whether completed or ended early.
CONTRACT_STATUS = {
    AwardStatus.ACTIVE: "active",
    AwardStatus.COMPLETED: "terminated",
    AwardStatus.TERMINATED: "terminated",
}
BUYER_ROLES = ["buyer", "procuringEntity"]


def contract_awards(awards: QuerySet[Award]) -> QuerySet[Award]:
    return (
        awards.filter(application__call__program__mechanism=Mechanism.SOCIAL_CONTRACT)
        .select_related(*RELATED)
        .prefetch_related("application__call__lots")
        .order_by("application__call_id", "signed_on", "pk")
    )


def ocid(call: Call) -> str:
    return f"{common.ocid_prefix()}-{call.slug}"


def release_package(awards: QuerySet[Award], *, uri: str) -> dict[str, Any]:
    """The social contracts among `awards` as an OCDS release package; `uri` is the absolute address it is
    downloaded from, which identifies it."""
    selected = list(contract_awards(awards))
    by_call: dict[int, tuple[Call, list[Award]]] = {}
    for award in selected:
        call = award.application.call
        by_call.setdefault(call.pk, (call, []))[1].append(award)
    releases = []
    for call, awarded in by_call.values():
        releases.append(tender_release(call))
        for award in awarded:
            releases.append(award_release(call, award))
            releases.append(contract_release(call, award))
    package = {
        "uri": uri,
        "version": VERSION,
        # Made on demand: the date of the last change to what it holds (OCDS asks for that, not "now").
        "publishedDate": common.moment(common.last_change(selected)),
        "publisher": {"name": settings.BIRGE_SITE_NAME, "uri": f"{settings.BIRGE_SITE_URL}/"},
        "license": common.license_url(),
        "releases": releases,
    }
    policy = getattr(settings, "BIRGE_OCDS_PUBLICATION_POLICY", "")
    if policy:
        package["publicationPolicy"] = policy
    return package


def _value(amount, currency: str) -> dict[str, Any]:
    return {"amount": common.number(amount), "currency": currency}


def _reference(party: dict[str, Any]) -> dict[str, Any]:
    return {"id": party["id"], "name": party["name"]}


def _organization_party(organization: Organization, roles: list[str], *, name: str = "") -> dict[str, Any]:
    party: dict[str, Any] = {
        "id": common.organization_id(organization),
        "name": name or common.organization_name(organization),
        "roles": roles,
    }
    # An org-id.guide identifier is "<list>-<number>" ("KZ-BIN-123456789012"): OCDS keeps the two apart.
    scheme, _sep, number = (organization.identifier or "").rpartition("-")
    if scheme and number:
        party["identifier"] = {"scheme": scheme, "id": number, "legalName": party["name"]}
    return party


def _buyer(call: Call) -> dict[str, Any]:
    return _organization_party(call.program.operator, BUYER_ROLES)


def _supplier(award: Award) -> dict[str, Any]:
    if award.organization_id:
        party = _organization_party(award.organization, ["supplier"], name=award.recipient_name)
    else:
        # A person or an initiative group: the award's anonymous number, and where they work, no finer
        # than the region.
        party = {"id": common.individual_id(award), "name": common.individual_name(), "roles": ["supplier"]}
    address = {}
    if award.region_id:
        address["region"] = award.region.name
    if award.country_id:
        address["countryName"] = award.country.name
    if address:
        party["address"] = address
    return party


def _merged(parties: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per party, with all its roles: an operator could, in principle, contract its own body."""
    merged: dict[str, dict[str, Any]] = {}
    for party in parties:
        if party["id"] in merged:
            roles = merged[party["id"]]["roles"]
            roles.extend(role for role in party["roles"] if role not in roles)
        else:
            merged[party["id"]] = {**party, "roles": list(party["roles"])}
    return list(merged.values())


def _lot_item(lot) -> dict[str, Any]:
    return {"id": f"lot-{lot.number}", "description": str(lot), "quantity": 1}


def _base(call: Call, release_id: str, date: str, tag: str, parties: Iterable[dict]) -> dict[str, Any]:
    return {
        "ocid": ocid(call),
        "id": f"{ocid(call)}-{release_id}",
        "date": date,
        "tag": [tag],
        "initiationType": "tender",
        "parties": _merged(parties),
    }


def tender_release(call: Call) -> dict[str, Any]:
    buyer = _buyer(call)
    tender: dict[str, Any] = {
        "id": call.slug,
        "title": call.title,
        "status": TENDER_STATUS.get(call.status, "active"),
        "procuringEntity": _reference(buyer),
        "procurementMethod": "open",
        "mainProcurementCategory": "services",
    }
    description = call.service_specification or call.summary
    if description:
        tender["description"] = description
    ceiling = call.budget_ceiling if call.budget_ceiling is not None else call.price_ceiling
    if ceiling is not None:
        tender["value"] = _value(ceiling, call.program.currency)
    lots = list(call.lots.all())
    if lots:
        tender["items"] = [_lot_item(lot) for lot in lots]
    period = {}
    if call.opens_at:
        period["startDate"] = common.moment(call.opens_at)
    if call.closes_at:
        period["endDate"] = common.moment(call.closes_at)
    if period:
        tender["tenderPeriod"] = period
    release = _base(call, "tender", common.moment(call.published_at or call.created_at), "tender", [buyer])
    release["buyer"] = _reference(buyer)
    release["tender"] = tender
    return release


def _period(call: Call, award: Award) -> dict[str, str]:
    return {
        "startDate": common.day_moment(award.starts_on, call.time_zone),
        "endDate": common.day_moment(award.ends_on, call.time_zone, end=True),
    }


def award_release(call: Call, award: Award) -> dict[str, Any]:
    buyer, supplier = _buyer(call), _supplier(award)
    entry: dict[str, Any] = {
        "id": str(award.pk),
        "status": "active",
        "date": common.day_moment(award.signed_on, call.time_zone),
        "value": _value(award.amount, award.currency),
        "suppliers": [_reference(supplier)],
        "contractPeriod": _period(call, award),
    }
    # A person's project title can name them; the register shows it for organizations only.
    if award.organization_id:
        entry["title"] = award.title
    lot = award.application.lot
    if lot is not None:
        entry["items"] = [_lot_item(lot)]
    release = _base(call, f"award-{award.pk}", common.moment(award.created_at), "award", [buyer, supplier])
    release["buyer"] = _reference(buyer)
    release["awards"] = [entry]
    return release


def contract_release(call: Call, award: Award) -> dict[str, Any]:
    buyer, supplier = _buyer(call), _supplier(award)
    entry: dict[str, Any] = {
        "id": str(award.pk),
        "awardID": str(award.pk),
        "status": CONTRACT_STATUS.get(award.status, "active"),
        "value": _value(award.amount, award.currency),
        "period": _period(call, award),
        "dateSigned": common.day_moment(award.signed_on, call.time_zone),
    }
    if award.organization_id:
        entry["title"] = award.title
    # The contract changes (completed, ended early) after it is signed: each state is its own release.
    stamp = award.updated_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    release = _base(
        call, f"contract-{award.pk}-{stamp}", common.moment(award.updated_at), "contract", [buyer, supplier]
    )
    release["buyer"] = _reference(buyer)
    release["contracts"] = [entry]
    return release
