"""Forgetting a person in the rows that core and the libraries keep: the audit log, the admin's log and
queued e-mail. Each app forgets its own rows through its `erase` hook (`birge.core.registry`).

The audit log keeps every event — that something happened, when, to which object — but no longer who:
the actor becomes the "deleted user" placeholder, events about the account itself lose their values, and
wherever an event's values or object name hold one of the person's e-mail addresses (an invitation sent
to them, say) the address is replaced by "deleted user". The text is
not a hash of the address: a hash of a known address can be recomputed, so it would still name them.
"""

from __future__ import annotations

import json
import re
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from birge.core.audit import FORGOTTEN as DELETED
from birge.core.models import Event, FailingAddress, Notification
from birge.core.tasks import deliver_email

# Characters that may surround an address but not belong to it: "bal@x.org" is not "al@x.org".
_LOCAL = r"[\w.!#$%&'*+/=?^`{|}~-]"


def addresses_of(user) -> set[str]:
    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    return {email.lower() for email in emails if email}


def _needles(value: str) -> set[str]:
    # SQLite keeps JSON with non-ASCII characters escaped; PostgreSQL keeps them as they are.
    return {value, json.dumps(value)[1:-1]}


def _mentioning(fields: tuple[str, ...], values: set[str]) -> Q:
    query = Q(pk__in=[])
    for value in values:
        for needle in _needles(value):
            for field in fields:
                query |= Q(**{f"{field}__icontains": needle})
    return query


def address_pattern(addresses: set[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(address) for address in sorted(addresses, key=len, reverse=True))
    return re.compile(rf"(?<!{_LOCAL})(?:{alternatives})(?![\w.-]*\w)", re.IGNORECASE)


def without_addresses(value: Any, pattern: re.Pattern) -> Any:
    if isinstance(value, str):
        return pattern.sub(DELETED, value)
    if isinstance(value, list):
        return [without_addresses(item, pattern) for item in value]
    if isinstance(value, dict):
        return {without_addresses(k, pattern): without_addresses(v, pattern) for k, v in value.items()}
    return value


def forget_in_audit_log(user, addresses: set[str], placeholder) -> None:
    Event.objects.filter(actor=user).update(actor=placeholder)
    Event.objects.filter(target_type=ContentType.objects.get_for_model(user), target_id=str(user.pk)).update(
        target_repr=DELETED, old={}, new={}
    )
    if not addresses:
        return
    pattern = address_pattern(addresses)
    for event in Event.objects.filter(_mentioning(("old", "new", "target_repr"), addresses)).iterator():
        event.old = without_addresses(event.old, pattern)
        event.new = without_addresses(event.new, pattern)
        event.target_repr = without_addresses(event.target_repr, pattern)
        event.save(update_fields=["old", "new", "target_repr"])


def forget_in_notifications(user, addresses: set[str]) -> None:
    """The person's own notifications go with the account (cascade); what others were told about them (a
    new member's name, an invitation's address) keeps its sense with "deleted user" in their place. The
    address they bounced from, if any, is forgotten."""
    FailingAddress.objects.filter(email__in=addresses).delete()
    names = {user.display_name} if len(user.display_name.strip()) >= 3 else set()
    needles = addresses | names
    if not needles:
        return
    pattern = re.compile(
        "|".join(
            [address_pattern(addresses).pattern] * bool(addresses)
            + [re.escape(name) for name in sorted(names, key=len, reverse=True)]
        ),
        re.IGNORECASE,
    )
    for notice in Notification.objects.filter(_mentioning(("title", "body"), needles)).iterator():
        notice.title = pattern.sub(DELETED, notice.title)
        notice.body = pattern.sub(DELETED, notice.body)
        notice.save(update_fields=["title", "body"])


def forget_in_admin_log(user) -> None:
    """The admin's own history of changes to this account (its entries by the person go with the account)."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    ).update(object_repr=DELETED, change_message="")


def forget_queued_email(user, addresses: set[str]) -> None:
    """E-mail tasks kept by the database task backend hold whole messages. Those already handled that
    name the person (address or display name) are only a record and go; those still waiting for the
    person go too (there is nobody to tell). A message still waiting for someone else is sent."""
    mail = DBTaskResult.objects.filter(task_path=deliver_email.module_path)
    names = {user.display_name} if len(user.display_name.strip()) >= 3 else set()
    mail.filter(status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]).filter(
        _mentioning(("args_kwargs",), addresses | names)
    ).delete()
    waiting = mail.filter(status=TaskResultStatus.READY).filter(_mentioning(("args_kwargs",), addresses))
    pattern = address_pattern(addresses) if addresses else None
    for result in waiting:
        message = result.args_kwargs["args"][0] if result.args_kwargs.get("args") else {}
        recipients = [*message.get("to", []), *message.get("cc", []), *message.get("bcc", [])]
        if pattern and any(pattern.search(address) for address in recipients):
            result.delete()
