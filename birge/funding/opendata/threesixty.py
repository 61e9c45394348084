"""Grants as the 360Giving Data Standard (1.4) publishes them: a JSON package, and the same grants in the
standard's spreadsheet layout as CSV and XLSX.

Every grant of the register is here except social contracts, which are procurement and go out as OCDS
(`ocds.py`). Only awards are read: an application that was not approved, or not yet decided, has no award
and so no row. A grant to a person or an initiative group names neither them nor their project: it carries
the award's anonymous identifier, the call, the amount, the dates, and where (region and country) only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from birge.funding.awards.models import Award
from birge.funding.opendata import common
from birge.funding.programs.models import Mechanism
from birge.orgs.directory.exports import write_csv, write_xlsx

VERSION = "1.4"
# What the export reads of each award, joined in the one query that reads the awards.
RELATED = ("application__call__program__operator", "organization", "country", "region")


def grant_awards(awards: QuerySet[Award]) -> QuerySet[Award]:
    return awards.exclude(application__call__program__mechanism=Mechanism.SOCIAL_CONTRACT).select_related(
        *RELATED
    )


def grants_package(awards: QuerySet[Award], *, source_url: str) -> dict[str, Any]:
    """The awards (all but social contracts) as a 360Giving package. `source_url` is the absolute address
    the package is downloaded from: each grant names it as its data source."""
    selected = list(grant_awards(awards))
    changed = common.moment(common.last_change(selected))
    return {
        "version": VERSION,
        "title": _("%(site)s: grants") % {"site": settings.BIRGE_SITE_NAME},
        "publisher": {"name": settings.BIRGE_SITE_NAME, "website": f"{settings.BIRGE_SITE_URL}/"},
        "license": common.license_url(),
        "issued": changed,
        "modified": changed,
        "downloadURL": source_url,
        # The standard wants at least one grant; an empty selection still gets its (empty) package, so a
        # filter that matches nothing is a file that says so rather than an error.
        "grants": [grant(award, source_url=source_url) for award in selected],
    }


def grant(award: Award, *, source_url: str) -> dict[str, Any]:
    call = award.application.call
    program = call.program
    operator = program.operator
    entry: dict[str, Any] = {
        "id": f"{common.grant_prefix()}-{award.pk}",
        "currency": award.currency,
        "amountAwarded": common.number(award.amount),
        "awardDate": award.signed_on.isoformat(),
        "plannedDates": [{"startDate": award.starts_on.isoformat(), "endDate": award.ends_on.isoformat()}],
        "fundingOrganization": [
            {"id": common.organization_id(operator), "name": common.organization_name(operator)}
        ],
        "grantProgramme": [{"code": program.slug, "title": program.title}],
        # Every Birge award comes from a call announced to all who may apply.
        "fromOpenCall": "Yes",
        "url": common.award_url(award),
        "dateModified": common.moment(award.updated_at),
        "dataSource": source_url,
    }
    if award.organization_id:
        entry["title"] = award.title
        entry["description"] = _("%(project)s: a project funded under the call “%(call)s”.") % {
            "project": award.title,
            "call": call.title,
        }
        entry["recipientOrganization"] = [
            {"id": common.organization_id(award.organization), "name": award.recipient_name}
        ]
    else:
        # A project's title can name its author ("the sewing workshop of Gulnora R."): a person's grant
        # is described by its call only, as the register shows it.
        entry["title"] = _("Grant to an individual recipient")
        entry["description"] = _(
            "A grant to a person or an initiative group under the call “%(call)s”; the recipient and the "
            "project are not named."
        ) % {"call": call.title}
        entry["recipientIndividual"] = {"id": common.individual_id(award), "name": common.individual_name()}
    # What the applicant asked for is known once they submit; an award made otherwise has no such figure.
    if award.application.requested_amount is not None:
        entry["amountAppliedFor"] = common.number(award.application.requested_amount)
    location = _location(award)
    if location:
        entry["beneficiaryLocation"] = [location]
    return entry


def _location(award: Award) -> dict[str, str]:
    """The region and the country, nothing finer: for a person, a town would be too close to an address."""
    location = {}
    if award.region_id:
        location["name"] = award.region.name
    if award.country_id:
        location["countryCode"] = award.country.code
    return location


def _first(field: str, key: str) -> Callable[[dict], Any]:
    def read(entry: dict) -> Any:
        items = entry.get(field) or [{}]
        return items[0].get(key)

    return read


def _individual(key: str) -> Callable[[dict], Any]:
    return lambda entry: (entry.get("recipientIndividual") or {}).get(key)


def _field(key: str) -> Callable[[dict], Any]:
    return lambda entry: entry.get(key)


# The spreadsheet layout: the standard's own column titles (the schema's titles joined with ":"), which
# 360Giving's tools read to rebuild the JSON. They are part of the standard, so they are never translated.
COLUMNS: list[tuple[str, Callable[[dict], Any]]] = [
    ("Identifier", _field("id")),
    ("Title", _field("title")),
    ("Description", _field("description")),
    ("Currency", _field("currency")),
    ("Amount Applied For", _field("amountAppliedFor")),
    ("Amount Awarded", _field("amountAwarded")),
    ("Award Date", _field("awardDate")),
    ("URL", _field("url")),
    ("Planned Dates:Start Date", _first("plannedDates", "startDate")),
    ("Planned Dates:End Date", _first("plannedDates", "endDate")),
    ("Recipient Org:Identifier", _first("recipientOrganization", "id")),
    ("Recipient Org:Name", _first("recipientOrganization", "name")),
    ("Recipient Ind:Identifier", _individual("id")),
    ("Recipient Ind:Name", _individual("name")),
    ("Beneficiary Location:Name", _first("beneficiaryLocation", "name")),
    ("Beneficiary Location:Country Code", _first("beneficiaryLocation", "countryCode")),
    ("Funding Org:Identifier", _first("fundingOrganization", "id")),
    ("Funding Org:Name", _first("fundingOrganization", "name")),
    ("Grant Programme:Code", _first("grantProgramme", "code")),
    ("Grant Programme:Title", _first("grantProgramme", "title")),
    ("From An Open Call?", _field("fromOpenCall")),
    ("Last Modified", _field("dateModified")),
    ("Data Source", _field("dataSource")),
]
TITLES = [title for title, _read in COLUMNS]


def grant_rows(grants: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The package's grants as spreadsheet rows keyed by column title: made from the JSON, so the two
    formats can never say different things. Dates stay ISO text, as the JSON has them ("Last Modified"
    keeps its time zone, which a spreadsheet's date cell would drop)."""
    return [{title: read(entry) for title, read in COLUMNS} for entry in grants]


def _columns() -> list[tuple[str, str]]:
    return [(title, title) for title in TITLES]


def grants_csv(package: dict[str, Any]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads Cyrillic), formulas neutralized."""
    return write_csv(_columns(), grant_rows(package["grants"]))


def grants_xlsx(package: dict[str, Any]) -> bytes:
    # "grants" is the sheet 360Giving's converter reads the grants from.
    return write_xlsx(_columns(), grant_rows(package["grants"]), title="grants")
