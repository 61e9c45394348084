"""Shared reference data (countries, regions, thematic areas) and the audit log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2"))
    name = models.CharField(_("name"), max_length=100)
    is_home = models.BooleanField(
        _("home country"), default=False, help_text=_("One of the five countries the platform serves.")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-is_home", "position", "code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    class Kind(models.TextChoices):
        OBLAST = "oblast", _("oblast")
        REGION = "region", _("region")
        CITY = "city", _("city of republican significance")
        AUTONOMOUS_REGION = "autonomous_region", _("autonomous region")
        AUTONOMOUS_REPUBLIC = "autonomous_republic", _("autonomous republic")
        DISTRICTS = "districts", _("districts of republican subordination")
        WELAYAT = "welayat", _("welayat")
        ECONOMIC_REGION = "economic_region", _("economic region")

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="regions")
    code = models.CharField(_("code"), max_length=24, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class ThematicArea(models.Model):
    """Two levels: a broad area (parent is null) and its sub-areas."""

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """One entry of the audit log: who did what to which object, when, with the values before and after.

    Written only through `birge.core.audit.record_event`. The actor is kept as a foreign key (set to the
    "deleted user" when an account is deleted) so the log keeps the fact without the person's data.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # account deletion moves events to the deleted-user sentinel first
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    # Each app registers its verbs and their labels (birge.core.events): no choices, so that a new verb
    # needs no migration of core.
    verb = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    old = models.JSONField(_("before"), default=dict, blank=True)
    new = models.JSONField(_("after"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.verb} {self.target_repr}"


class ActivityScope(models.Model):
    """Where an audit event shows in an activity feed: a key naming an organization's or a network's page
    ("orgs.organization:12"). Written beside the event by `record_event` for the verbs an app registers as
    feed-worthy (birge.core.activity); who may read the feed is decided when it is read."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="scopes")
    key = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["key", "event"])]

    def __str__(self) -> str:
        return self.key


class UsageCount(models.Model):
    """How often something anonymous happened on a day (a directory export, say): a number, not a row per
    reader, so that what people read leaves no trail of who read it."""

    day = models.DateField(_("day"))
    name = models.CharField(_("what"), max_length=64)
    count = models.PositiveBigIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["-day", "name"]
        constraints = [models.UniqueConstraint(fields=["day", "name"], name="core_usagecount_day_name")]
        verbose_name = _("usage count")
        verbose_name_plural = _("usage counts")

    def __str__(self) -> str:
        return f"{self.day} {self.name}: {self.count}"


# Models of core's features, kept beside their code; Django finds them through this module.
from birge.core.announcements.models import Announcement  # noqa: E402
from birge.core.notifications.models import (  # noqa: E402
    DigestDelivery,
    FailingAddress,
    NoticePreference,
    Notification,
)

__all__ = [
    "Announcement",
    "Country",
    "DigestDelivery",
    "Event",
    "FailingAddress",
    "NoticePreference",
    "Notification",
    "Region",
    "ThematicArea",
    "UsageCount",
]
