"""What the audit log records about events (registered in `EventsConfig.ready()`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    CREATED = "events.created", _("created an event")
    CHANGED = "events.changed", _("changed an event")
    PUBLISHED = "events.published", _("published an event")
    CANCELLED = "events.cancelled", _("cancelled an event")
    REGISTERED = "events.registered", _("registered for an event")
    WAITLISTED = "events.waitlisted", _("joined the waitlist of an event")
    PROMOTED = "events.promoted", _("was given a place from the waitlist")
    REGISTRATION_CANCELLED = "events.registration_cancelled", _("cancelled a registration")
    ATTENDANCE_MARKED = "events.attendance_marked", _("marked attendance")
    PARTICIPANTS_EXPORTED = "events.participants_exported", _("exported the list of participants")
    MATERIAL_ADDED = "events.material_added", _("shared a material of an event")
    MATERIAL_REMOVED = "events.material_removed", _("removed a material of an event")
    FOLLOW_UP_WRITTEN = "events.follow_up", _("wrote an event's follow-up")
    REMINDED = "events.reminded", _("reminded participants of an event")
    FEED_TOKEN_RENEWED = "events.feed_token_renewed", _("renewed the private address of a calendar feed")
