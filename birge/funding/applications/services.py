"""Every write to an application: starting one, saving the draft (a section at a time or as the applicant
types), partners and attachments, submission with its receipt, and withdrawal.

A save names the revision it was made on; if the stored draft has moved on (another tab, another device),
the save is refused with `StaleDraft` and the page shows both texts, so nothing is lost and nothing is
silently overwritten.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.models import Event
from birge.core.notifications.services import notify
from birge.core.uploads import safe_filename
from birge.core.validators import first_forbidden_in_line, first_forbidden_in_text
from birge.funding.applications.budget import clean_lines, totals
from birge.funding.applications.checks import submission_problems
from birge.funding.applications.models import Application, Attachment, Partner, Status
from birge.funding.builder.models import FieldType
from birge.funding.builder.services import current_form
from birge.funding.calls.models import Call
from birge.funding.calls.models import Status as CallStatus
from birge.funding.events import Verb
from birge.funding.files import clean_upload
from birge.funding.permissions import can_apply_for
from birge.funding.programs.models import Applicant
from birge.orgs.profiles.models import Organization

# Saves a few seconds apart are one sitting: the audit log records a sitting, not each keystroke's save.
SITTING = timedelta(minutes=10)
# Longest answer kept at all (a field's own limit is checked before submission, so a draft loses nothing).
MAX_ANSWER = 40000
MAX_PARTNERS = 20
MAX_ATTACHMENTS = 20


class StaleDraft(Exception):
    """The draft was saved elsewhere after the revision this save was made on."""

    def __init__(self, application: Application):
        super().__init__("stale draft")
        self.application = application


def _own(actor, application: Application) -> None:
    if actor is None or not actor.is_authenticated or application.owner_id != actor.pk:
        raise PermissionDenied


def _accepting(call: Call, now=None) -> bool:
    """Open, and before its closing moment by the server's clock (the scheduler may close it late)."""
    now = now or timezone.now()
    return call.status == CallStatus.OPEN and (call.closes_at is None or now < call.closes_at)


def application_start(
    *,
    actor,
    call: Call,
    applicant_kind: str,
    title: str,
    language: str,
    organization: Organization | None = None,
    group_name: str = "",
) -> Application:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    if not _accepting(call):
        raise ValidationError(_("This call is not taking applications."))
    if applicant_kind not in Applicant.values:
        raise ValidationError({"applicant_kind": [_("Choose who applies.")]})
    if applicant_kind == Applicant.ORGANIZATION:
        if organization is None:
            raise ValidationError({"organization": [_("Choose the organization that applies.")]})
        if not can_apply_for(actor, organization):
            raise PermissionDenied
    else:
        organization = None
    form = current_form(call)
    if form is None:
        raise ValidationError(_("This call is not taking applications."))
    title = " ".join((title or "").split())[:200]
    if first_forbidden_in_line(title) or first_forbidden_in_line(group_name):
        raise ValidationError({"title": [_("Write this on one line of plain text.")]})
    with transaction.atomic():
        form.frozen = True
        form.save(update_fields=["frozen"])
        application = Application.objects.create(
            call=call,
            form=form,
            owner=actor,
            applicant_kind=applicant_kind,
            organization=organization,
            group_name=" ".join(group_name.split())[:200],
            country=organization.country if organization else None,
            region=organization.region if organization else None,
            title=title,
            language=language,
        )
        record_event(actor, Verb.APPLICATION_STARTED, application, new={"call": call.slug})
    return application


def _clean_answer(field: dict, value: Any) -> Any:
    """What a draft keeps of an answer: the text as typed, bounded, without control characters."""
    if field["type"] == FieldType.MULTI_CHOICE:
        values = value if isinstance(value, list) else [value]
        return [str(item)[:200] for item in values if str(item).strip()][: len(field["choices"])]
    text = str(value if value is not None else "")[:MAX_ANSWER]
    check = first_forbidden_in_text if field["type"] == FieldType.LONG_TEXT else first_forbidden_in_line
    if check(text):
        raise ValidationError(
            {field["key"]: [_("Remove the invisible or control characters from this answer.")]}
        )
    return text.strip() if field["type"] != FieldType.LONG_TEXT else text


def application_save(
    *,
    actor,
    application: Application,
    revision: int,
    answers: dict[str, Any] | None = None,
    budget: list[dict] | None = None,
    title: str | None = None,
    **details: Any,
) -> Application:
    """Save what the applicant wrote; `answers` may be part of the form (one section, one field as typed).
    `details` are the applicant's own settings: language, group_name, country, region, lot."""
    _own(actor, application)
    if not application.is_draft:
        raise ValidationError(_("A submitted application cannot change."))
    if not _accepting(application.call):
        raise ValidationError(_("The call has closed; the draft can no longer change."))
    fields = {key: field for _section, field in application.form.fields() for key in [field["key"]]}
    errors: dict[str, list[str]] = {}
    merged = dict(application.answers)
    for key, value in (answers or {}).items():
        if key not in fields or fields[key]["type"] in (FieldType.FILE, FieldType.BUDGET):
            continue
        try:
            merged[key] = _clean_answer(fields[key], value)
        except ValidationError as error:
            errors.update(error.message_dict)
    changes: dict[str, Any] = {"answers": merged}
    if title is not None:
        title = " ".join(title.split())[:200]
        if first_forbidden_in_line(title):
            errors["title"] = [_("Write this on one line of plain text.")]
        changes["title"] = title
    if budget is not None:
        lines = clean_lines(budget)
        sums = totals(lines)
        changes.update(budget=lines, requested_amount=sums.requested, total_cost=sums.total)
    allowed = {"language", "group_name", "country", "region", "lot"}
    if set(details) - allowed:
        raise ValueError(f"not an applicant's setting: {sorted(set(details) - allowed)}")
    if application.organization_id:
        details.pop("country", None), details.pop("region", None)
    if "lot" in details and details["lot"] is not None and details["lot"].call_id != application.call_id:
        errors["lot"] = [_("Choose one of the call's lots.")]
    changes.update(details)
    if errors:
        raise ValidationError(errors)
    # One statement decides: the row changes only if nobody saved since `revision`.
    updated = Application.objects.filter(pk=application.pk, revision=revision, status=Status.DRAFT).update(
        revision=F("revision") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        application.refresh_from_db()
        raise StaleDraft(application)
    application.refresh_from_db()
    _record_sitting(actor, application)
    return application


def _record_sitting(actor, application: Application) -> None:
    recent = Event.objects.filter(
        verb=Verb.APPLICATION_SAVED,
        actor=actor,
        target_id=str(application.pk),
        created_at__gte=timezone.now() - SITTING,
    )
    if not recent.filter(target_type__model="application").exists():
        record_event(actor, Verb.APPLICATION_SAVED, application, new={"revision": application.revision})


def partner_add(*, actor, application: Application, organization: Organization, role: str = "") -> Partner:
    _own(actor, application)
    if not application.is_draft:
        raise ValidationError(_("A submitted application cannot change."))
    if not organization.is_published or organization.pk == application.organization_id:
        raise ValidationError(_("Choose another organization of the directory as a partner."))
    if application.partners.count() >= MAX_PARTNERS:
        raise ValidationError(_("An application names at most %(count)s partners.") % {"count": MAX_PARTNERS})
    role = " ".join(role.split())[:200]
    with transaction.atomic():
        partner, created = Partner.objects.get_or_create(
            application=application, organization=organization, defaults={"role": role}
        )
        if created:
            record_event(actor, Verb.APPLICATION_SAVED, application, new={"partner": organization.slug})
    return partner


def partner_remove(*, actor, partner: Partner) -> None:
    _own(actor, partner.application)
    if not partner.application.is_draft:
        raise ValidationError(_("A submitted application cannot change."))
    with transaction.atomic():
        record_event(
            actor, Verb.APPLICATION_SAVED, partner.application, old={"partner": partner.organization.slug}
        )
        partner.delete()


def attachment_add(*, actor, application: Application, field_key: str, uploaded) -> Attachment:
    """Keep a file answering a file field: its kind read from its content, images re-encoded from their
    pixels (no metadata, no hidden payload), stored under a name we make."""
    _own(actor, application)
    if not application.is_draft:
        raise ValidationError(_("A submitted application cannot change."))
    field = application.form.field(field_key)
    if field is None or field["type"] != FieldType.FILE:
        raise ValidationError(_("This question does not take a file."))
    if application.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("An application carries at most %(count)s files.") % {"count": MAX_ATTACHMENTS}
        )
    clean = clean_upload(uploaded)
    with transaction.atomic():
        attachment = Attachment(
            application=application,
            field_key=field_key,
            name=clean.name or _("file"),
            kind=clean.kind,
            size=len(clean.data),
            sha256=clean.sha256,
        )
        attachment.file.save(safe_filename(clean.kind), ContentFile(clean.data), save=False)
        attachment.save()
        record_event(actor, Verb.APPLICATION_SAVED, application, new={"attachment": attachment.sha256})
    return attachment


def attachment_remove(*, actor, attachment: Attachment) -> None:
    _own(actor, attachment.application)
    if not attachment.application.is_draft:
        raise ValidationError(_("A submitted application cannot change."))
    with transaction.atomic():
        record_event(
            actor, Verb.APPLICATION_SAVED, attachment.application, old={"attachment": attachment.sha256}
        )
        attachment.file.delete(save=False)
        attachment.delete()


def canonical_content(application: Application) -> dict[str, Any]:
    """What a submission is: everything the applicant wrote, and the fingerprints of their files."""
    return {
        "call": application.call.slug,
        "form_version": application.form.number,
        "applicant": {
            "kind": application.applicant_kind,
            "organization": application.organization.slug if application.organization else None,
            "group_name": application.group_name,
            "country": application.country.code if application.country else None,
            "region": application.region.code if application.region else None,
        },
        "lot": application.lot.number if application.lot else None,
        "title": application.title,
        "language": application.language,
        "answers": application.answers,
        "budget": application.budget,
        "partners": sorted(
            [partner.organization.slug, partner.role]
            for partner in application.partners.select_related("organization")
        ),
        "attachments": sorted(
            [attachment.field_key, attachment.sha256, attachment.name]
            for attachment in application.attachments.all()
        ),
    }


def receipt_hash(content: dict[str, Any]) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def application_submit(*, actor, application: Application, now=None) -> Application:
    """Submit once: a second request for an application already submitted returns it as it is (a double
    click, or a retry after a dropped connection, submits once). Refused after the closing moment by the
    server's clock, and while any rule or answer is unmet."""
    _own(actor, application)
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("call__program", "form")
            .get(pk=application.pk)
        )
        if application.status == Status.SUBMITTED:
            return application
        if application.status != Status.DRAFT:
            raise ValidationError(_("A withdrawn application cannot be submitted."))
        if not _accepting(application.call, now):
            raise ValidationError(
                _("The call closed at %(moment)s; applications are no longer taken.")
                % {
                    "moment": timezone.localtime(
                        application.call.closes_at, _zone(application.call)
                    ).strftime("%Y-%m-%d %H:%M")
                }
            )
        problems = submission_problems(application)
        if problems:
            raise ValidationError([problem.message for problem in problems])
        content = canonical_content(application)
        application.status = Status.SUBMITTED
        application.submitted_at = now or timezone.now()
        application.submitted_content = content
        application.receipt_sha256 = receipt_hash(content)
        application.save(update_fields=["status", "submitted_at", "submitted_content", "receipt_sha256"])
        event = record_event(
            actor, Verb.APPLICATION_SUBMITTED, application, new={"sha256": application.receipt_sha256}
        )
        notify(
            [application.owner],
            kind="funding.application",
            about=application,
            event=event,
            subject=gettext_lazy("Your application is received"),
            template="funding/applications/email/receipt.txt",
            context={"application": application},
            link=("funding:application", (application.pk,)),
        )
    return application


def _zone(call: Call) -> ZoneInfo:
    return ZoneInfo(call.time_zone)


def application_withdraw(*, actor, application: Application) -> Application:
    """Take an application back (or drop a draft) at any time before the committee's decision."""
    _own(actor, application)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status == Status.WITHDRAWN:
            return application
        if hasattr(application, "decision") or application.call.status in (
            CallStatus.DECIDED,
            CallStatus.ARCHIVED,
        ):
            raise ValidationError(_("The decision is made; the application can no longer be withdrawn."))
        before = application.status
        application.status = Status.WITHDRAWN
        application.withdrawn_at = timezone.now()
        application.save(update_fields=["status", "withdrawn_at"])
        record_event(
            actor, Verb.APPLICATION_WITHDRAWN, application, {"status": before}, {"status": Status.WITHDRAWN}
        )
    return application
