"""Every write to a passport: its sections, its sharing with funders, and the log of funders' reads.

Each function checks permission and validates (uploads included) before anything is written; then the
change, the section's "updated" date and the audit entry go in one transaction. Uploaded files are written
to the private storage just before that transaction and removed again if it fails; a file a new upload
replaces is removed only once the change is committed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.orgs.events import Verb
from birge.orgs.members.models import Membership, Role
from birge.orgs.passport.files import PAGE, document_file
from birge.orgs.passport.models import (
    Passport,
    PassportAudit,
    PassportFinancialYear,
    PassportPolicy,
    PassportRead,
    PassportShare,
)
from birge.orgs.passport.permissions import (
    PassportAccess,
    can_edit_passport,
    can_share_passport,
    passport_access,
)
from birge.orgs.passport.status import SECTIONS, financial_year_choices, section_filled
from birge.orgs.passport.writing import checked_uploads, lines, plain, save_section
from birge.orgs.profiles.models import Organization

SHARE_DEFAULT_DAYS = 90
SHARE_MAX_DAYS = 365
FIRST_AUDIT_YEAR = 1990


def passport_for(organization: Organization) -> Passport:
    passport, _created = Passport.objects.get_or_create(organization=organization)
    return passport


# Sections ------------------------------------------------------------------------------------------------


def passport_update_registration(
    *,
    actor,
    organization: Organization,
    registration_number: str,
    registration_date: date | None,
    registration_authority: str,
    registration_document: File | None = None,
    charter_document: File | None = None,
) -> Passport:
    _require_editor(actor, organization)
    if registration_date and registration_date > timezone.localdate():
        raise ValidationError({"registration_date": [_("The registration date cannot be in the future.")]})
    uploads = checked_uploads(
        {"registration_document": registration_document, "charter_document": charter_document}
    )
    passport = passport_for(organization)
    values = {
        "registration_number": registration_number.strip(),
        "registration_date": registration_date,
        "registration_authority": registration_authority.strip(),
    }
    save_section(actor, passport, "registration", passport, values, uploads)
    return passport


def passport_update_governance(*, actor, organization: Organization, board: str, key_staff: str) -> Passport:
    _require_editor(actor, organization)
    if not board.strip():
        raise ValidationError({"board": [_("Name at least one member of the board or governing body.")]})
    passport = passport_for(organization)
    values = {"board": lines(board), "key_staff": lines(key_staff)}
    save_section(actor, passport, "governance", passport, values, {})
    return passport


def financial_year_save(
    *,
    actor,
    organization: Organization,
    year: int,
    currency: str,
    income_foreign: Decimal,
    income_state: Decimal,
    income_membership: Decimal,
    income_business: Decimal,
    income_individual: Decimal,
    income_other: Decimal,
    expenditure: Decimal,
    audited: bool,
    report_document: File | None = None,
) -> PassportFinancialYear:
    """Enter or correct one year's finances: income by source, expenditure, whether audited, the report."""
    _require_editor(actor, organization)
    if year not in financial_year_choices():
        raise ValidationError({"year": [_("Enter the current year or one of the last three.")]})
    amounts = {
        "income_foreign": income_foreign,
        "income_state": income_state,
        "income_membership": income_membership,
        "income_business": income_business,
        "income_individual": income_individual,
        "income_other": income_other,
        "expenditure": expenditure,
    }
    negative = {name: [_("Amounts cannot be negative.")] for name, value in amounts.items() if value < 0}
    if negative:
        raise ValidationError(negative)
    uploads = checked_uploads({"report_document": report_document})
    passport = passport_for(organization)
    row = passport.financial_years.filter(year=year).first() or PassportFinancialYear(
        passport=passport, year=year
    )
    values = {"currency": currency, **amounts, "audited": audited}
    save_section(actor, passport, "finances", row, values, uploads, about={"year": year})
    return row


def policy_save(
    *, actor, organization: Organization, kind: str, adopted_on: date | None, document: File | None = None
) -> PassportPolicy:
    _require_editor(actor, organization)
    if kind not in PassportPolicy.Kind.values:
        raise ValidationError(_("Unknown policy."))
    if adopted_on and adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": [_("The adoption date cannot be in the future.")]})
    uploads = checked_uploads({"document": document})
    passport = passport_for(organization)
    row = passport.policies.filter(kind=kind).first() or PassportPolicy(passport=passport, kind=kind)
    save_section(
        actor, passport, "policies", row, {"adopted_on": adopted_on}, uploads, about={"policy": kind}
    )
    return row


def audit_save(
    *,
    actor,
    organization: Organization,
    audit: PassportAudit | None = None,
    year: int,
    auditor: str,
    opinion: str,
    document: File | None = None,
) -> PassportAudit:
    """Add an audit (`audit` None) or correct one already listed."""
    _require_editor(actor, organization)
    passport = passport_for(organization)
    if audit is not None and audit.passport_id != passport.pk:
        raise PermissionDenied
    errors = {}
    if not FIRST_AUDIT_YEAR <= year <= timezone.localdate().year:
        errors["year"] = [_("Enter a year between %(first)s and this year.") % {"first": FIRST_AUDIT_YEAR}]
    if not auditor.strip():
        errors["auditor"] = [_("Name the auditor.")]
    if errors:
        raise ValidationError(errors)
    uploads = checked_uploads({"document": document})
    row = audit or PassportAudit(passport=passport)
    values = {"year": year, "auditor": auditor.strip(), "opinion": opinion.strip()}
    save_section(
        actor, passport, "audits", row, values, uploads, about={"audit": audit.pk if audit else None}
    )
    return row


def passport_confirm_current(*, actor, organization: Organization, section: str) -> Passport:
    """Say that a section is still true as it stands, which restarts its twelve months."""
    _require_editor(actor, organization)
    if section not in SECTIONS:
        raise ValidationError(_("Unknown section."))
    passport = passport_for(organization)
    # "We have had no audit" is an answer, confirmed like any other; an empty registration is not.
    filled = section == "audits" or section_filled(
        passport, section, passport.financial_years.all()[:1], passport.policies.all()[:1]
    )
    if not filled:
        raise ValidationError(_("Fill in this section before confirming it."))
    field = f"{section}_updated_at"
    old = getattr(passport, field)
    setattr(passport, field, timezone.now())
    with transaction.atomic():
        passport.save(update_fields=[field])
        record_event(
            actor,
            Verb.PASSPORT_UPDATED,
            passport,
            {field: plain(old)},
            {"section": section, "confirmed": True, field: plain(getattr(passport, field))},
        )
    return passport


# Sharing -------------------------------------------------------------------------------------------------


def passport_share(
    *, actor, organization: Organization, funder: Organization, expires_at: datetime
) -> PassportShare:
    """Let the members of `funder` read the passport until `expires_at`, and tell its owners. Sharing again
    with a funder that can read already moves the date of its share."""
    if not can_share_passport(actor, organization):
        raise PermissionDenied
    if funder.pk == organization.pk:
        raise ValidationError({"funder": [_("Choose an organization other than your own.")]})
    if not funder.is_published:
        raise ValidationError({"funder": [_("No published organization has this address or identifier.")]})
    if expires_at <= timezone.now():
        raise ValidationError({"expires_on": [_("Choose a date in the future.")]})
    if timezone.localdate(expires_at) > timezone.localdate() + timedelta(days=SHARE_MAX_DAYS):
        raise ValidationError({"expires_on": [_("A passport can be shared for at most a year.")]})
    passport = passport_for(organization)
    with transaction.atomic():
        share = passport.shares.active().select_for_update().filter(funder=funder).first()
        old = {}
        if share is None:
            share = PassportShare.objects.create(
                passport=passport, funder=funder, shared_by=actor, expires_at=expires_at
            )
        else:
            old = {"expires_at": plain(share.expires_at)}
            share.expires_at = expires_at
            share.save(update_fields=["expires_at"])
        record_event(
            actor,
            Verb.PASSPORT_SHARED,
            passport,
            old,
            {"share": share.pk, "funder": funder.slug, "expires_at": plain(expires_at)},
        )
        notify(
            _owners(funder),
            kind="orgs.passport_shared",
            about=organization,
            subject=format_lazy(
                gettext_lazy("{name} shared its due-diligence passport with you"), name=organization
            ),
            template="orgs/passport/email/passport_shared.txt",
            # The organizations, not their names: each recipient reads the names in their own language.
            context={
                "organization": organization,
                "funder": funder,
                "expires_on": timezone.localdate(expires_at),
            },
            link=("orgs:passport", (organization.slug,)),
        )
    return share


def passport_share_revoke(*, actor, share: PassportShare) -> PassportShare:
    """Stop a share at once: from now on the funder's members cannot read the passport through it."""
    if not can_share_passport(actor, share.passport.organization):
        raise PermissionDenied
    if share.revoked_at is not None:
        return share
    share.revoked_at, share.revoked_by = timezone.now(), actor
    with transaction.atomic():
        share.save(update_fields=["revoked_at", "revoked_by"])
        record_event(
            actor,
            Verb.PASSPORT_SHARE_REVOKED,
            share.passport,
            {"share": share.pk, "expires_at": plain(share.expires_at)},
            {"share": share.pk, "funder": share.funder.slug, "revoked_at": plain(share.revoked_at)},
        )
    return share


# Reading -------------------------------------------------------------------------------------------------


def passport_record_read(*, reader, share: PassportShare, what: str) -> PassportRead:
    """Log that `reader`, of the funder, opened the passport page or one document (`what`)."""
    if share.revoked_at is not None or share.expires_at <= timezone.now():
        raise PermissionDenied
    with transaction.atomic():
        read = PassportRead.objects.create(share=share, reader=reader, what=what[:120])
        record_event(
            reader,
            Verb.PASSPORT_READ,
            share.passport,
            new={"share": share.pk, "funder": share.funder.slug, "what": what},
        )
    return read


def passport_open(*, reader, organization: Organization) -> PassportAccess:
    """Open the passport page: refused to whoever may not read it; logged when a funder's member reads."""
    access = passport_access(reader, organization)
    if not access.may_read:
        raise PermissionDenied
    if access.share is not None:
        passport_record_read(reader=reader, share=access.share, what=PAGE)
    return access


def passport_document_open(*, reader, organization: Organization, what: str) -> FieldFile | None:
    """The document `what` for download (None if there is none), after the same check and log as the page."""
    access = passport_access(reader, organization)
    if not access.may_read:
        raise PermissionDenied
    passport = Passport.objects.filter(organization=organization).first()
    file = document_file(passport, what) if passport else None
    if file is not None and access.share is not None:
        passport_record_read(reader=reader, share=access.share, what=what)
    return file


# Helpers -------------------------------------------------------------------------------------------------


def _require_editor(actor, organization: Organization) -> None:
    if not can_edit_passport(actor, organization):
        raise PermissionDenied


def _owners(organization: Organization) -> list:
    memberships = Membership.objects.filter(organization=organization, role=Role.OWNER).select_related("user")
    return [membership.user for membership in memberships]
