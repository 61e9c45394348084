"""A joint event: what it is, who organizes it, where and when it happens, and who may know of it.

An event organized by a network inherits the network's visibility: a secret network's events exist only
for its members. Its start and end are stored in UTC with the zone the organizers gave, so that a page
shows them in the viewer's zone and, beside it, in the event's own."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The zones of the region first, in the order a form offers them.
ZONES = (
    ("Asia/Almaty", _("Almaty, Astana (Kazakhstan)")),
    ("Asia/Aqtobe", _("Aktobe, Aktau, Atyrau (western Kazakhstan)")),
    ("Asia/Bishkek", _("Bishkek (Kyrgyzstan)")),
    ("Asia/Dushanbe", _("Dushanbe (Tajikistan)")),
    ("Asia/Ashgabat", _("Ashgabat (Turkmenistan)")),
    ("Asia/Baku", _("Baku (Azerbaijan)")),
    ("Asia/Tashkent", _("Tashkent (Uzbekistan)")),
    ("Europe/Moscow", _("Moscow")),
    ("Europe/Berlin", _("Berlin, Brussels, Paris")),
    ("UTC", _("UTC")),
)


class Kind(models.TextChoices):
    CONFERENCE = "conference", _("conference")
    TRAINING = "training", _("training")
    WORKSHOP = "workshop", _("workshop")
    WEBINAR = "webinar", _("webinar")
    STUDY_TOUR = "study_tour", _("study tour")
    ROUNDTABLE = "roundtable", _("roundtable")
    PUBLIC_HEARING = "public_hearing", _("public hearing")
    FORUM = "forum", _("forum")


class Format(models.TextChoices):
    ONLINE = "online", pgettext_lazy("event format", "online")
    OFFLINE = "offline", pgettext_lazy("event format", "in person")
    HYBRID = "hybrid", pgettext_lazy("event format", "hybrid")


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "draft")
    PUBLISHED = "published", pgettext_lazy("event status", "published")
    CANCELLED = "cancelled", pgettext_lazy("event status", "cancelled")


class Audience(models.TextChoices):
    ANYONE = "anyone", _("anyone may see it and register")
    MEMBERS = "members", _("members of the organizing network or organizations only")


class EventQuerySet(models.QuerySet):
    def known_to(self, viewer):
        """Events the person may know of (`viewer` an `events.permissions.EventViewer`): published ones
        open to anyone whose network, if any, is not secret; those of their own networks and organizations;
        and drafts of the organizations they speak for and the networks they coordinate."""
        from birge.networks.networks.models import Visibility as NetworkVisibility

        public = models.Q(status__in=(Status.PUBLISHED, Status.CANCELLED), audience=Audience.ANYONE) & (
            models.Q(network__isnull=True) | ~models.Q(network__visibility=NetworkVisibility.SECRET)
        )
        ours = models.Q(status__in=(Status.PUBLISHED, Status.CANCELLED)) & (
            models.Q(network_id__in=list(viewer.network_ids))
            | models.Q(
                pk__in=Event.organizers.through.objects.filter(
                    organization_id__in=list(viewer.viewer.member_of)
                ).values("event_id")
            )
        )
        drafts = models.Q(
            pk__in=Event.organizers.through.objects.filter(
                organization_id__in=list(viewer.speaks_for_organizations)
            ).values("event_id")
        ) | models.Q(network_id__in=list(viewer.coordinated_network_ids))
        if not viewer.viewer.member_of:
            return self.filter(public)
        return self.filter(public | ours | drafts)


class Event(models.Model):
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language of the texts"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.WORKSHOP)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices, default=Format.OFFLINE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    audience = models.CharField(
        _("who may see it"), max_length=8, choices=Audience.choices, default=Audience.ANYONE
    )
    # Organized by organizations, by a network, or by both (the network's coordinators then manage it too).
    organizers = models.ManyToManyField(
        "orgs.Organization", related_name="organized_events", verbose_name=_("organizers")
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organizing network"),
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone of the event"), max_length=64, choices=ZONES, default="Asia/Almaty"
    )
    country = models.ForeignKey(
        "core.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.TextField(_("venue"), blank=True, help_text=_("The address and how to find the room."))
    # Shown only to confirmed participants (and the organizers): an open link invites disruption.
    online_url = models.URLField(_("link to join online"), max_length=500, blank=True)
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    themes = models.ManyToManyField(
        "core.ThematicArea", blank=True, related_name="events", verbose_name=_("thematic areas")
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: as many as register.")
    )
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    # Questions asked at registration.
    ask_dietary = models.BooleanField(_("ask about dietary needs"), default=False)
    ask_interpretation = models.BooleanField(_("ask which interpretation language is needed"), default=False)
    ask_accessibility = models.BooleanField(_("ask about accessibility needs"), default=False)
    certificates = models.BooleanField(_("certificates of attendance"), default=False)
    follow_up = models.TextField(_("follow-up"), blank=True, help_text=_("What came of it, after the event."))
    # Incremented whenever the date, place or status changes, so that calendars replace their copy (SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="events_event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (Format.OFFLINE, Format.HYBRID)
