"""The passport's documents by name. A name ("registration", "finances-2023", "policy-safeguarding",
"audit-12") is what a download URL carries and what the read log records, so the owner sees which document
a funder opened."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext as _

from birge.core.uploads import KINDS
from birge.orgs.passport.models import Passport, PassportAudit, PassportFinancialYear, PassportPolicy

PAGE = "passport"  # what a read of the page itself records
CONTENT_TYPES = {kind.extension: kind.content_type for kind in KINDS.values()}


def document_name(
    *, name: str = "", year: int | None = None, kind: str = "", audit_id: int | None = None
) -> str:
    if year is not None:
        return f"finances-{year}"
    if kind:
        return f"policy-{kind}"
    if audit_id is not None:
        return f"audit-{audit_id}"
    return name


def document_file(passport: Passport, what: str) -> FieldFile | None:
    """The stored file `what` names, or None if there is no such document (yet)."""
    prefix, _sep, rest = what.partition("-")
    file = None
    if what == "registration":
        file = passport.registration_document
    elif what == "charter":
        file = passport.charter_document
    elif prefix == "finances" and rest.isdigit():
        row = PassportFinancialYear.objects.filter(passport=passport, year=int(rest)).first()
        file = row.report_document if row else None
    elif prefix == "policy" and rest in PassportPolicy.Kind.values:
        row = PassportPolicy.objects.filter(passport=passport, kind=rest).first()
        file = row.document if row else None
    elif prefix == "audit" and rest.isdigit():
        row = PassportAudit.objects.filter(passport=passport, pk=int(rest)).first()
        file = row.document if row else None
    return file if file else None


def download_name(organization_slug: str, what: str, file: FieldFile) -> str:
    """The name a download is saved under: ours, never the uploader's."""
    return f"{organization_slug}-{what}{PurePosixPath(file.name).suffix}"


def content_type(file: FieldFile) -> str:
    return CONTENT_TYPES.get(PurePosixPath(file.name).suffix.lower(), "application/octet-stream")


def read_label(what: str) -> str:
    """What a read log entry shows for `what`."""
    prefix, _sep, rest = what.partition("-")
    if what == PAGE:
        return _("the passport page")
    if what == "registration":
        return _("the registration certificate")
    if what == "charter":
        return _("the charter")
    if prefix == "finances":
        return _("the financial report for %(year)s") % {"year": rest}
    if prefix == "policy" and rest in PassportPolicy.Kind.values:
        return _("the policy on %(policy)s") % {"policy": PassportPolicy.Kind(rest).label}
    if prefix == "audit":
        return _("an audit report")
    return what


def document_url(organization_slug: str, what: str) -> str:
    """The download address of the document `what` names."""
    prefix, _sep, rest = what.partition("-")
    if prefix == "finances":
        return reverse("orgs:passport_document_finances", args=[organization_slug, int(rest)])
    if prefix == "policy":
        return reverse("orgs:passport_document_policy", args=[organization_slug, rest])
    if prefix == "audit":
        return reverse("orgs:passport_document_audit", args=[organization_slug, int(rest)])
    return reverse("orgs:passport_document", args=[organization_slug, what])
