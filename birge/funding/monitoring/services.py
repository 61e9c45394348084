"""Every write of a monitoring visit: recording it with its follow-up actions, adding its photos, marking an
action done. The program's managers and officers visit; the grantee reads the visit and may mark the
actions they own done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.uploads import safe_filename
from birge.core.validators import first_forbidden_in_text, validate_single_line
from birge.funding.awards.models import Award
from birge.funding.awards.services import tell_grantees
from birge.funding.events import Verb
from birge.funding.files import clean_upload
from birge.funding.monitoring.models import FollowUp, Photo, Visit
from birge.funding.permissions import can_follow_award, can_manage_awards

MAX_PHOTOS = 12
PHOTO_KINDS = ("png", "jpeg", "webp")


@dataclass(frozen=True)
class FollowUpPlan:
    action: str
    owner: str
    due_on: dt.date


def visit_record(
    *, actor, award: Award, visited_on: dt.date, findings: str, follow_ups: list[FollowUpPlan] = ()
) -> Visit:
    """A visit that took place (not one planned: its date is today or earlier), its findings, and the
    actions agreed, each with who does it and by when."""
    if not can_manage_awards(actor, award.application.call.program):
        raise PermissionDenied
    findings = (findings or "").strip()
    errors: dict[str, list[str]] = {}
    if visited_on > timezone.localdate():
        errors["visited_on"] = [_("Record a visit once it has taken place.")]
    if not findings:
        errors["findings"] = [_("Write what you found.")]
    elif first_forbidden_in_text(findings) is not None:
        errors["findings"] = [_("Remove the invisible or control characters from this text.")]
    for plan in follow_ups:
        validate_single_line(plan.action)
        validate_single_line(plan.owner)
        if not plan.action.strip() or not plan.owner.strip() or plan.due_on is None:
            errors["follow_ups"] = [_("Every follow-up action needs what, who and by when.")]
        elif plan.due_on < visited_on:
            errors["follow_ups"] = [_("A follow-up action is due after the visit.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        visit = Visit.objects.create(award=award, visited_on=visited_on, officer=actor, findings=findings)
        FollowUp.objects.bulk_create(
            FollowUp(visit=visit, action=plan.action.strip(), owner=plan.owner.strip(), due_on=plan.due_on)
            for plan in follow_ups
        )
        event = record_event(
            actor,
            Verb.VISIT_RECORDED,
            award,
            new={"visited_on": visited_on.isoformat(), "actions": len(follow_ups)},
        )
        tell_grantees(
            award,
            event,
            gettext_lazy("A monitoring visit was recorded"),
            "funding/monitoring/email/visit.txt",
            link=("funding:visit", (award.pk, visit.pk)),
            visit=visit,
        )
    return visit


def photo_add(*, actor, visit: Visit, uploaded, caption: str = "") -> Photo:
    """A photo of the visit: an image only, rebuilt from its pixels, so that no EXIF and no location of
    where it was taken is kept (a grantee's premises can be a place to keep unknown)."""
    if not can_manage_awards(actor, visit.award.application.call.program):
        raise PermissionDenied
    validate_single_line(caption)
    if visit.photos.count() >= MAX_PHOTOS:
        raise ValidationError(_("A visit keeps at most %(count)s photos.") % {"count": MAX_PHOTOS})
    clean = clean_upload(uploaded, kinds=PHOTO_KINDS, refused=_("Send a photo: PNG, JPEG or WebP."))
    with transaction.atomic():
        photo = Photo(
            visit=visit,
            caption=caption.strip()[:200],
            kind=clean.kind,
            size=len(clean.data),
            sha256=clean.sha256,
        )
        photo.file.save(safe_filename(clean.kind), ContentFile(clean.data), save=False)
        photo.save()
        record_event(actor, Verb.VISIT_RECORDED, visit.award, new={"photo": photo.sha256})
    return photo


def follow_up_done(*, actor, follow_up: FollowUp) -> FollowUp:
    """Mark an action done: the officers, or the grantee (most actions are theirs). Once."""
    award = follow_up.visit.award
    if not (can_manage_awards(actor, award.application.call.program) or can_follow_award(actor, award)):
        raise PermissionDenied
    today = timezone.localdate()
    with transaction.atomic():
        changed = FollowUp.objects.filter(pk=follow_up.pk, done_on=None).update(done_on=today, done_by=actor)
        if not changed:
            raise ValidationError(_("This action is already marked done."))
        record_event(actor, Verb.FOLLOW_UP_DONE, award, new={"action": follow_up.action})
    follow_up.refresh_from_db()
    return follow_up
