"""Digests: each person's notifications of the day (or the week) in one e-mail, at a local hour.

`send_digests()` runs every hour (`birge send-digests`, from cron or a timer). A person's daily digest is
due in the hours from `BIRGE_DIGEST_HOUR` in their own time zone, their weekly one on Monday at the same
hours; a run outside those hours sends nothing to them.

Nothing is sent twice. People are taken a batch at a time; in one transaction the batch records a
`DigestDelivery` per person and period (unique: a second run, or two runs at once, cannot record it again
and roll back instead) and marks the notifications it holds as e-mailed; the e-mails are queued only after
that commit. A worker that dies mid-batch leaves the batch unmarked, and the next run sends it. Memory stays
bounded: a batch loads its people's pending notifications and nothing more.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from birge.core.notifications import emails
from birge.core.notifications.kinds import DIGESTS, NOTICE_KINDS, Delivery
from birge.core.notifications.models import DigestDelivery, FailingAddress, NoticePreference, Notification
from birge.core.notifications.unsubscribe import unsubscribe_path

BATCH = 500
# Hours after BIRGE_DIGEST_HOUR in which a late run still sends the day's digest.
CATCH_UP_HOURS = 3
# Items listed in one e-mail; the rest are counted, with a link to the inbox (keeps each e-mail small).
MAX_ITEMS = 50
MONDAY = 0


def due_period(delivery: str, local: datetime) -> str | None:
    """The period whose digest is due at local time `local`, or None outside the sending hours."""
    start = settings.BIRGE_DIGEST_HOUR
    if not start <= local.hour < start + CATCH_UP_HOURS:
        return None
    if delivery == Delivery.DAILY:
        return f"daily:{local.date().isoformat()}"
    if local.weekday() != MONDAY:
        return None
    year, week, _day = local.isocalendar()
    return f"weekly:{year}-W{week:02d}"


def _local(now: datetime, zone: str) -> datetime:
    try:
        return now.astimezone(zoneinfo.ZoneInfo(zone or settings.TIME_ZONE))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return now.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _waiting_recipients(after: int):
    """The next batch of people with notifications waiting for a digest, by id."""
    return list(
        Notification.objects.filter(emailed_at__isnull=True, delivery__in=DIGESTS, recipient_id__gt=after)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()[:BATCH]
    )


def send_digests(now: datetime | None = None) -> int:
    """Send every digest due at `now`; returns how many e-mails were queued."""
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    sent, after = 0, 0
    while ids := _waiting_recipients(after):
        after = ids[-1]
        people = {
            user.pk: user
            for user in get_user_model()
            .objects.filter(pk__in=ids, is_active=True)
            .only("pk", "email", "language", "time_zone", "display_name")
        }
        due = {}  # (user id, delivery) -> period
        for user in people.values():
            local = _local(now, user.time_zone)
            for delivery in DIGESTS:
                period = due_period(delivery, local)
                if period:
                    due[(user.pk, delivery)] = period
        if due:
            try:
                sent += _send_batch(people, due, now)
            except IntegrityError:
                # Another run recorded one of these digests first: it sends them; nothing of ours went.
                continue
    return sent


def _send_batch(people: dict, due: dict, now: datetime) -> int:
    with transaction.atomic():
        taken = set(
            DigestDelivery.objects.filter(
                user_id__in={user_id for user_id, _d in due}, period__in=set(due.values())
            ).values_list("user_id", "period")
        )
        due = {key: period for key, period in due.items() if (key[0], period) not in taken}
        if not due:
            return 0
        notices = list(
            Notification.objects.filter(
                recipient_id__in={user_id for user_id, _d in due},
                delivery__in=DIGESTS,
                emailed_at__isnull=True,
            )
            .order_by("recipient_id", "kind", "about_type_id", "about_id", "created_at")
            .only("pk", "recipient_id", "kind", "about_type_id", "about_id", "title", "url", "delivery")
        )
        # Kinds a person has since turned to "only in the inbox" leave the e-mail (and stay in the inbox).
        inbox_only = set(
            NoticePreference.objects.filter(
                user_id__in={user_id for user_id, _d in due}, delivery=Delivery.INBOX
            ).values_list("user_id", "kind")
        )
        groups: dict[tuple[int, str], list[Notification]] = defaultdict(list)
        for notice in notices:
            if (notice.recipient_id, notice.delivery) in due:
                groups[(notice.recipient_id, notice.delivery)].append(notice)
        bounced = set(
            FailingAddress.objects.filter(email__in=[u.email.lower() for u in people.values()]).values_list(
                "email", flat=True
            )
        )
        shown = {
            key: [notice for notice in items if (key[0], notice.kind) not in inbox_only]
            for key, items in groups.items()
        }
        # Recorded even when nothing is left to show: the period is done, and its notifications with it.
        DigestDelivery.objects.bulk_create(
            [
                DigestDelivery(
                    user_id=user_id, period=due[(user_id, delivery)], count=len(shown[(user_id, delivery)])
                )
                for (user_id, delivery) in groups
            ]
        )
        marked = [notice.pk for items in groups.values() for notice in items]
        for start in range(0, len(marked), 5000):
            Notification.objects.filter(pk__in=marked[start : start + 5000]).update(emailed_at=now)
        mails = []
        for (user_id, delivery), items in shown.items():
            user = people[user_id]
            if items and user.email and user.email.lower() not in bounced:
                mails.append(digest_email(user, delivery, items))
        transaction.on_commit(lambda: [mail.send() for mail in mails])
    return len(mails)


def digest_email(user, delivery: str, notices: list[Notification]):
    """One digest: the notifications grouped by kind, then by what they are about, in plain text with an
    HTML alternative; each kind with its own unsubscribe link."""
    with translation.override(user.language):
        sections = []
        by_kind: dict[str, list[Notification]] = defaultdict(list)
        for notice in notices[:MAX_ITEMS]:
            by_kind[notice.kind].append(notice)
        for key, items in by_kind.items():
            kind = NOTICE_KINDS.get(key)
            subjects: dict[tuple, list[Notification]] = defaultdict(list)
            for notice in items:
                subjects[(notice.about_type_id, notice.about_id)].append(notice)
            sections.append(
                {
                    "title": kind.description if kind else key,
                    "subjects": [
                        [
                            {"title": n.title, "url": emails.absolute_url(n.url) if n.url else ""}
                            for n in group
                        ]
                        for group in subjects.values()
                    ],
                    "unsubscribe_url": emails.absolute_url(unsubscribe_path(user, key))
                    if kind and not kind.locked
                    else "",
                }
            )
        context = {
            "recipient": user,
            "delivery": delivery,
            "sections": sections,
            "more": max(0, len(notices) - MAX_ITEMS),
            "inbox_url": emails.absolute_url(reverse("core:inbox")),
            "settings_url": emails.absolute_url(reverse("core:notice_settings")),
            "site_name": settings.BIRGE_SITE_NAME,
        }
        subject = render_to_string("core/notifications/email/digest_subject.txt", context).strip()
        text = render_to_string("core/notifications/email/digest.txt", context)
        html = render_to_string("core/notifications/email/digest.html", context)
        headers = emails.unsubscribe_headers(user, f"digest:{delivery}")
    return emails.message(user.email, subject, text, headers=headers, html=html)
