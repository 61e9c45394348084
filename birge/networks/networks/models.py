"""A network of organizations: its kind, who may know it exists, and where it sits among the others."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    THEMATIC = "thematic", _("long-term thematic network")
    RESPONSE = "response", _("short-term response network")
    PARTNERSHIP = "partnership", _("partnership")
    NATIONAL_HUB = "national_hub", _("national hub")
    REGIONAL_BODY = "regional_body", _("regional coordination body")


class Visibility(models.TextChoices):
    """Ordered from the widest audience to the narrowest."""

    PUBLIC = "public", _("public")
    MEMBERS_ONLY = "members_only", _("listed; discussions, documents and decisions for members only")
    SECRET = "secret", _("secret: invisible to everyone but its members")


class Status(models.TextChoices):
    ACTIVE = "active", _("active")
    CLOSED = "closed", pgettext_lazy("network status", "closed")


class NetworkQuerySet(models.QuerySet):
    def listed(self):
        """Networks anyone may know of: all but the secret ones."""
        return self.exclude(visibility=Visibility.SECRET)

    def visible_to_organizations(self, organization_ids):
        """Networks someone who acts for `organization_ids` may know of: the listed ones, and the secret
        ones where one of those organizations is a member."""
        from birge.networks.membership.models import NetworkMembership

        if not organization_ids:
            return self.listed()
        theirs = NetworkMembership.objects.filter(organization_id__in=list(organization_ids))
        return self.filter(
            ~models.Q(visibility=Visibility.SECRET) | models.Q(pk__in=theirs.values("network_id"))
        )


class Network(models.Model):
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language of the texts"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.THEMATIC)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    themes = models.ManyToManyField(
        "core.ThematicArea", blank=True, related_name="networks", verbose_name=_("thematic areas")
    )
    countries = models.ManyToManyField(
        "core.Country", blank=True, related_name="networks", verbose_name=_("countries")
    )
    # A national hub belongs to a regional coordination body; a thematic network may sit under either.
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The phonetic skeletons of the name and description's words, so that a Latin spelling finds a Cyrillic
    # name and back (birge.networks.networks.search).
    search_key = models.TextField(blank=True, editable=False)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    @property
    def is_secret(self) -> bool:
        return self.visibility == Visibility.SECRET

    @property
    def content_is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC
