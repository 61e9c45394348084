"""The register's figures as CSV and XLSX: the calls with their numbers, and the awards, as the pages show
them (individual recipients by their anonymous identifier only)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from birge.orgs.directory.exports import write_csv, write_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def call_columns():
    return [
        ("call", _("Call")),
        ("operator", _("Operator")),
        ("program", _("Program")),
        ("mechanism", _("Mechanism")),
        ("status", _("Status")),
        ("published", _("Announced")),
        ("currency", _("Currency")),
        ("received", _("Applications received")),
        ("eligible", _("Eligible")),
        ("requested", _("Amount requested")),
        ("funded", _("Funded")),
        ("awarded", _("Amount awarded")),
    ]


def call_rows(figures):
    for row in figures:
        call = row.call
        yield {
            "call": call.title,
            "operator": call.program.operator.name,
            "program": call.program.title,
            "mechanism": call.program.get_mechanism_display(),
            "status": call.get_status_display(),
            "published": call.published_at.date() if call.published_at else None,
            "currency": call.program.currency,
            "received": row.received,
            "eligible": row.eligible,
            "requested": row.requested,
            "funded": row.funded if row.decided else None,
            "awarded": row.awarded if row.decided else None,
        }


def award_columns():
    return [
        ("recipient", _("Recipient")),
        ("identifier", _("Identifier")),
        ("title", _("Project")),
        ("operator", _("Operator")),
        ("call", _("Call")),
        ("country", _("Country")),
        ("region", _("Region")),
        ("amount", _("Amount")),
        ("currency", _("Currency")),
        ("signed", _("Agreement signed")),
        ("starts", _("Project starts")),
        ("ends", _("Project ends")),
        ("status", _("Status")),
    ]


def award_rows(awards):
    for award in awards:
        call = award.application.call
        yield {
            "recipient": award.public_recipient,
            "identifier": award.organization.identifier if award.organization_id else "",
            "title": award.public_title,
            "operator": call.program.operator.name,
            "call": call.title,
            "country": str(award.country) if award.country_id else "",
            "region": str(award.region) if award.region_id else "",
            "amount": award.amount,
            "currency": award.currency,
            "signed": award.signed_on,
            "starts": award.starts_on,
            "ends": award.ends_on,
            "status": award.get_status_display(),
        }


def response(columns, rows, *, fmt: str, name: str, title: str) -> HttpResponse:
    body = write_csv(columns, rows) if fmt == "csv" else write_xlsx(columns, rows, title=title)
    reply = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    reply["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return reply
