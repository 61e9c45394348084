"""Publishing an announcement: every active member is told, in the way they chose for announcements (by
default in the daily digest, so a busy week does not mean an e-mail a day)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from birge.core.announcements.models import Announcement
from birge.core.audit import record_event
from birge.core.events import Verb
from birge.core.notifications.services import notify
from birge.core.validators import validate_multi_line, validate_single_line

KIND = "core.announcement"
BATCH = 1000


def announcement_publish(*, actor, title: str, text: str) -> Announcement:
    if actor is None or not actor.is_superuser:
        raise PermissionDenied
    title, text = " ".join(title.split()), text.strip()
    if not title or not text:
        raise ValidationError(_("An announcement needs a title and a text."))
    validate_single_line(title)
    validate_multi_line(text)
    with transaction.atomic():
        announcement = Announcement.objects.create(author=actor, title=title, text=text)
        event = record_event(actor, Verb.ANNOUNCEMENT_PUBLISHED, announcement, new={"title": title})
        # Everyone but its author, who knows.
        people = get_user_model().objects.filter(is_active=True).exclude(pk=actor.pk).order_by("pk")
        # A batch at a time: telling ten thousand people must not hold them all in memory.
        for start in range(0, people.count(), BATCH):
            notify(
                list(people[start : start + BATCH]),
                kind=KIND,
                about=announcement,
                event=event,
                subject=title,
                template="core/announcements/email/announcement.txt",
                context={"announcement": announcement},
                link=("core:announcement", (announcement.pk,)),
            )
    return announcement
