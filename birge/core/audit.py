"""The one way to write the audit log."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from . import activity
from .events import is_registered
from .models import Event

# What the audit log, and every app's history, says in place of a person whose account is deleted.
FORGOTTEN = "deleted user"


def record_event(
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    old: dict | None = None,
    new: dict | None = None,
) -> Event:
    """Record that `actor` did `verb` to `target`, with the changed values before (`old`) and after (`new`).

    `actor` is a user, or None (or an anonymous user) for the system. Values must be JSON-serializable;
    pass only the fields that changed, and never secrets (passwords, tokens, TOTP seeds). `verb` is one of
    the verbs an app registered (`birge.core.events.register_verbs`); any other is a ValueError.
    """
    if not is_registered(verb):
        raise ValueError(f"No app registers the audit verb {verb!r} (see birge.core.events).")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    event = Event.objects.create(
        actor=actor,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        old=old or {},
        new=new or {},
    )
    activity.index(event, target)
    return event


def changed_fields(instance: models.Model, before: dict[str, Any], fields: list[str]) -> tuple[dict, dict]:
    """The (old, new) pair for `record_event`, limited to `fields` whose value differs from `before`."""
    old, new = {}, {}
    for name in fields:
        value = getattr(instance, name)
        if before.get(name) != value:
            old[name], new[name] = before.get(name), value
    return old, new
