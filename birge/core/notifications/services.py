"""Every write of notifications: telling people, marking read, and each person's choices.

Apps call `notify(...)` inside the transaction of the change it reports: the notifications are written
with it, and the e-mails of those who want them at once leave through the task queue after the commit
(nothing is told of a change that rolled back). Digests are `birge.core.notifications.digests`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from birge.core.audit import record_event
from birge.core.events import Verb
from birge.core.notifications import emails
from birge.core.notifications.kinds import NOTICE_KINDS, Delivery, NoticeKind, kind_of
from birge.core.notifications.models import FailingAddress, NoticePreference, Notification
from birge.core.notifications.unsubscribe import unsubscribe_path


@dataclass(frozen=True)
class Address:
    """Someone reached at an e-mail address that has no account yet (an invitation): told at once, in
    `language`, with no inbox and nothing to unsubscribe from."""

    email: str
    language: str
    is_active: bool = True


def unread_key(user_id: int) -> str:
    return f"notices:unread:{user_id}"


def forget_unread(user_ids: Iterable[int]) -> None:
    keys = [unread_key(pk) for pk in set(user_ids)]
    transaction.on_commit(lambda: cache.delete_many(keys))


def failing(addresses: Iterable[str]) -> set[str]:
    wanted = {address.lower() for address in addresses if address}
    if not wanted:
        return set()
    return set(FailingAddress.objects.filter(email__in=wanted).values_list("email", flat=True))


def deliveries(users: list, kind: NoticeKind) -> dict[int, str]:
    """How each of `users` wants `kind` (one query for all of them)."""
    if kind.locked:
        return {user.pk: Delivery.IMMEDIATE for user in users}
    chosen = dict(
        NoticePreference.objects.filter(user__in=users, kind=kind.key).values_list("user_id", "delivery")
    )
    return {user.pk: chosen.get(user.pk, kind.default) for user in users}


def _text(template: str, context: dict, recipient, url: str) -> str:
    extra = {"recipient": recipient, "url": url, "site_name": settings.BIRGE_SITE_NAME}
    return render_to_string(template, {**context, **extra}).strip()


def _immediate_email(recipient, kind: NoticeKind, subject: str, text: str):
    headers = {} if kind.locked else emails.unsubscribe_headers(recipient, kind.key)
    footer = render_to_string(
        "core/notifications/email/footer.txt",
        {
            "locked": kind.locked,
            "settings_url": emails.absolute_url(reverse("core:notice_settings")),
            "unsubscribe_url": ""
            if kind.locked
            else emails.absolute_url(unsubscribe_path(recipient, kind.key)),
            "kind": kind,
        },
    )
    return emails.message(recipient.email, subject, f"{text}\n\n{footer.strip()}", headers=headers)


def notify(
    recipients: Iterable[Any],
    *,
    kind: str,
    subject: Any,
    template: str,
    context: dict[str, Any],
    about: Any = None,
    event: Any = None,
    link: tuple[str, tuple] | None = None,
) -> list[Notification]:
    """Tell `recipients` (users, or `Address`es) about `about`, as the kind `kind`.

    Each person who may see `about` (the kind's rule, the pages' own) gets a notification in their inbox,
    written in their language: `subject` (a lazy translation) as its title, `template` (plain text) as its
    text, `link` ((view name, args)) as where it leads. Those who want the kind at once are e-mailed after
    the commit; the others find it in their digest or their inbox. Keep private values out of `context`:
    an e-mail is read outside the platform."""
    spec = kind_of(kind)
    people = [r for r in recipients if r.is_active and not isinstance(r, Address)]
    people = [user for user in dict.fromkeys(people) if spec.may_see(user, about)]
    # Someone known only by an address is told only what anyone may know.
    addresses = [r for r in recipients if isinstance(r, Address) and spec.may_see(AnonymousUser(), about)]
    how = deliveries(people, spec)
    about_type = ContentType.objects.get_for_model(about) if about is not None else None
    now = timezone.now()
    rows, mails = [], []
    for person in [*people, *addresses]:
        with translation.override(person.language):
            path = reverse(link[0], args=link[1]) if link else ""
            title = str(subject)
            text = _text(template, context, person, emails.absolute_url(path) if path else "")
            if isinstance(person, Address):
                mails.append(emails.message(person.email, title, text, headers={}))
                continue
            delivery = how[person.pk]
            rows.append(
                Notification(
                    recipient=person,
                    kind=spec.key,
                    about_type=about_type,
                    about_id=str(about.pk) if about is not None else "",
                    event=event,
                    title=title[:300],
                    body=text,
                    url=path,
                    delivery=delivery,
                    emailed_at=now if delivery in (Delivery.IMMEDIATE, Delivery.INBOX) else None,
                )
            )
            if delivery == Delivery.IMMEDIATE and person.email:
                mails.append(_immediate_email(person, spec, title, text))
    Notification.objects.bulk_create(rows)
    forget_unread(row.recipient_id for row in rows)
    bounced = failing(mail.to[0] for mail in mails)
    outgoing = [mail for mail in mails if mail.to[0].lower() not in bounced]
    transaction.on_commit(lambda: [mail.send() for mail in outgoing])
    return rows


# Reading ----------------------------------------------------------------------------------------------------


def notification_open(*, user, notification_id: int) -> Notification:
    """Mark one of `user`'s notifications read and give it (for its link)."""
    notice = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if notice is None:
        raise PermissionDenied
    if notice.read_at is None:
        Notification.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())
        forget_unread([user.pk])
    return notice


def notifications_read_all(*, user) -> int:
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    forget_unread([user.pk])
    return count


# Choices ----------------------------------------------------------------------------------------------------


def notice_preferences_set(*, actor, user, choices: dict[str, str]) -> dict[str, str]:
    """Set how `user` gets each kind in `choices` ({kind: delivery}); locked kinds cannot change. Returns
    the changes, which the audit log keeps."""
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied
    errors = {}
    for key, delivery in choices.items():
        spec = NOTICE_KINDS.get(key)
        if spec is None or spec.locked or delivery not in Delivery.values:
            errors[key] = [_("This choice is not available.")]
    if errors:
        raise ValidationError(errors)
    current = deliveries_of(user)
    changed = {key: delivery for key, delivery in choices.items() if current[key] != delivery}
    if not changed:
        return {}
    with transaction.atomic():
        for key, delivery in changed.items():
            NoticePreference.objects.update_or_create(user=user, kind=key, defaults={"delivery": delivery})
        record_event(
            actor,
            Verb.NOTICE_SETTINGS_CHANGED,
            user,
            {key: current[key] for key in changed},
            changed,
        )
    return changed


def deliveries_of(user) -> dict[str, str]:
    """How `user` gets every registered kind, their choice or the default."""
    chosen = dict(NoticePreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {
        key: Delivery.IMMEDIATE if spec.locked else chosen.get(key, spec.default)
        for key, spec in NOTICE_KINDS.items()
    }


def notice_unsubscribe(*, user, kind: str) -> list[str]:
    """Stop e-mail of `kind` for `user` (the inbox still gets it), from a signed link: no login. `kind` may
    also be "digest:daily" or "digest:weekly", a digest's own link: every kind it carries. Returns the
    kinds that changed."""
    current = deliveries_of(user)
    if kind in ("digest:daily", "digest:weekly"):
        keys = [key for key, delivery in current.items() if delivery == kind.split(":", 1)[1]]
    else:
        spec = NOTICE_KINDS.get(kind)
        if spec is None or spec.locked:
            raise ValidationError(_("This kind of message cannot be turned off."))
        keys = [kind]
    changed = [key for key in keys if current[key] != Delivery.INBOX]
    if not changed:
        return []
    with transaction.atomic():
        for key in changed:
            NoticePreference.objects.update_or_create(
                user=user, kind=key, defaults={"delivery": Delivery.INBOX}
            )
        record_event(
            user,
            Verb.NOTICE_UNSUBSCRIBED,
            user,
            {key: current[key] for key in changed},
            {key: Delivery.INBOX.value for key in changed},
        )
    return changed


# Bounces ----------------------------------------------------------------------------------------------------


def address_failing(*, email: str, reason: str) -> None:
    """Mark `email` as failing (a bounce, or a permanent refusal by the mail server)."""
    address = email.strip().lower()
    with transaction.atomic():
        FailingAddress.objects.update_or_create(email=address, defaults={"reason": reason[:300]})
        record_event(None, Verb.EMAIL_BOUNCED, None, new={"reason": reason[:300]})


def address_works_again(*, actor, email: str) -> bool:
    """The owner of `email` says it works again: e-mail to it resumes."""
    owned = {address.lower() for address in _addresses_of(actor)}
    if email.lower() not in owned:
        raise PermissionDenied
    with transaction.atomic():
        deleted, _rows = FailingAddress.objects.filter(email=email.lower()).delete()
        if deleted:
            record_event(actor, Verb.EMAIL_RESUMED, actor)
    return bool(deleted)


def _addresses_of(user) -> set[str]:
    from allauth.account.models import EmailAddress

    return {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
