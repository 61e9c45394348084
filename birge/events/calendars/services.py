"""Every write of calendars: the private addresses of networks' feeds, and the reminder the day before.

A person's address of a network's feed is made the first time they see the calendars page (it reveals
nothing they cannot already read there); replacing it is their decision and goes to the audit log.

`events_remind()` runs every hour (registered in `EventsConfig.ready()`): each published event starting in
a day is reminded once, `reminded_at` set under the event's row lock, so that two runs at once or a run
repeated after a failure tell nobody twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.events.calendars import ics
from birge.events.calendars.models import FeedToken
from birge.events.calendars.reads import still_member
from birge.events.catalog.models import Event, Status
from birge.events.events import Verb
from birge.events.registration.models import Registration
from birge.events.registration.models import Status as RegistrationStatus
from birge.networks.networks.models import Network

logger = logging.getLogger(__name__)

# Each hourly run reminds the events starting between 23 and 25 hours on: every event falls in the window of
# two runs, so one missed or late run loses no reminder, and `reminded_at` keeps the second run silent.
REMIND_FROM = dt.timedelta(hours=23)
REMIND_UNTIL = dt.timedelta(hours=25)
# A calendar application fetches a feed every hour: its last use is written at most once a day.
USE_RECORDED_EVERY = dt.timedelta(days=1)


# Private addresses ------------------------------------------------------------------------------------------


def _salt() -> str:
    return secrets.token_hex(16)


def feed_tokens_ensure(*, person, networks: Iterable[Network]) -> dict[int, FeedToken]:
    """The person's token of each network's feed (network id -> token), made for the networks that have
    none yet. The caller lists networks the person belongs to. One query when all exist, three otherwise."""
    wanted = {network.pk for network in networks}
    if not wanted:
        return {}
    rows = FeedToken.objects.filter(person=person, network_id__in=wanted)
    tokens = {token.network_id: token for token in rows}
    missing = wanted - set(tokens)
    if missing:
        # Another tab may make the same one at the same moment: the unique constraint keeps one, read back.
        FeedToken.objects.bulk_create(
            [FeedToken(person=person, network_id=pk, salt=_salt()) for pk in sorted(missing)],
            ignore_conflicts=True,
        )
        added = FeedToken.objects.filter(person=person, network_id__in=missing)
        tokens.update({token.network_id: token for token in added})
    return tokens


def feed_token_renew(*, actor, network: Network) -> FeedToken:
    """Give the actor a new address of the network's feed; the old one stops working at once."""
    if actor is None or not actor.is_authenticated or not still_member(actor.pk, network.pk):
        raise PermissionDenied
    with transaction.atomic():
        token, created = FeedToken.objects.select_for_update().get_or_create(
            person=actor, network=network, defaults={"salt": _salt()}
        )
        if not created:
            token.salt = _salt()
            token.used_at = None
            token.save(update_fields=["salt", "used_at"])
        # The salt is a secret: the log says only that the address changed.
        record_event(actor, Verb.FEED_TOKEN_RENEWED, token, new={"network": network.pk})
    return token


def feed_token_used(feed_token: FeedToken, *, now: dt.datetime | None = None) -> None:
    """Note that a calendar fetched the feed (so that a holder sees an address still in use), at most once
    a day: hourly fetches would otherwise write a row every hour for every subscriber."""
    now = now or timezone.now()
    if feed_token.used_at is not None and now - feed_token.used_at < USE_RECORDED_EVERY:
        return
    FeedToken.objects.filter(pk=feed_token.pk).update(used_at=now)
    feed_token.used_at = now


# Reminders --------------------------------------------------------------------------------------------------


def _due(now: dt.datetime):
    return Event.objects.filter(
        status=Status.PUBLISHED,
        reminded_at__isnull=True,
        starts_at__gt=now + REMIND_FROM,
        starts_at__lte=now + REMIND_UNTIL,
    )


def event_remind(event_id: int, *, now: dt.datetime | None = None) -> bool:
    """Remind the confirmed participants of the event, once, the day before it starts. Returns whether the
    reminder was recorded (False if the event is not due, or was reminded already)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _due(now).select_for_update(of=("self",)).filter(pk=event_id).first()
        if event is None:
            return False
        participants = [
            registration.person
            for registration in Registration.objects.filter(
                event=event, status=RegistrationStatus.CONFIRMED
            ).select_related("person")
        ]
        event.reminded_at = now
        event.save(update_fields=["reminded_at"])
        record_event(None, Verb.REMINDED, event, new={"participants": len(participants)})
        if participants:
            # An e-mail is read outside the platform: the link to join stays on the event's page.
            notify(
                participants,
                kind="events.reminder",
                about=event,
                subject=format_lazy(gettext_lazy("Tomorrow: {title}"), title=event.title),
                template="events/calendars/email/reminder.txt",
                context={"event": event, "place": ics.venue(event)},
                link=("events:event", (event.slug,)),
            )
    return True


def events_remind() -> int:
    """Hourly: remind the participants of every event starting in about a day. Returns how many events were
    reminded. One that fails (its transaction rolled back) is logged and tried again next hour."""
    now = timezone.now()
    reminded = 0
    for pk in list(_due(now).order_by("starts_at").values_list("pk", flat=True)):
        try:
            reminded += event_remind(pk, now=now)
        except Exception:
            logger.exception("the reminder of event %s could not be sent", pk)
    return reminded
