"""The one way a passport section is saved: uploads checked by their content, files stored under safe
names, the section's date stamped, the audit entry written, and no stray file left when a step fails."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from birge.core.audit import record_event
from birge.core.uploads import safe_filename, validate_document
from birge.orgs.events import Verb
from birge.orgs.passport.models import Passport


def lines(text: str) -> str:
    """One entry a line, without blank lines or stray spaces."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def plain(value: Any) -> Any:
    """A value as the audit log stores it (JSON)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def checked_uploads(uploads: Mapping[str, File | None]) -> dict[str, tuple[File, str]]:
    """Each upload with its kind read from its content; every refusal at once, by field, before any write."""
    checked, errors = {}, {}
    for field, upload in uploads.items():
        if not upload:  # None, or False from a crafted "clear" checkbox: nothing to store
            continue
        try:
            checked[field] = (upload, validate_document(upload))
        except ValidationError as error:
            errors[field] = error.messages
    if errors:
        raise ValidationError(errors)
    return checked


def save_section(
    actor,
    passport: Passport,
    section: str,
    instance: models.Model,
    values: dict[str, Any],
    uploads: dict[str, tuple[File, str]],
    about: dict[str, Any] | None = None,
) -> None:
    """Set `values` and `uploads` on `instance` (the passport or one of its rows), save it with the
    section's date, and audit what changed."""
    fields = [*values, *uploads]
    before = {name: plain(getattr(instance, name)) for name in fields}
    for name, value in values.items():
        setattr(instance, name, value)
    replaced = [getattr(instance, name) for name in uploads if getattr(instance, name)]
    replaced = [(file.storage, file.name) for file in replaced]
    stored = []
    try:
        for name, (upload, kind) in uploads.items():
            file = getattr(instance, name)
            file.save(safe_filename(kind), upload, save=False)
            stored.append((file.storage, file.name))
        after = {name: plain(getattr(instance, name)) for name in fields}
        old = {name: before[name] for name in fields if before[name] != after[name]}
        new = {name: after[name] for name in old}
        stamp = f"{section}_updated_at"
        setattr(passport, stamp, timezone.now())
        with transaction.atomic():
            if instance is passport:
                passport.save(update_fields=[*fields, stamp])
            else:
                if instance.pk is None:
                    instance.save()
                else:
                    instance.save(update_fields=fields)
                passport.save(update_fields=[stamp])
            record_event(
                actor, Verb.PASSPORT_UPDATED, passport, old, {"section": section, **(about or {}), **new}
            )
            for storage, name in replaced:
                transaction.on_commit(partial(storage.delete, name))
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise
