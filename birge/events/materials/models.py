"""What the organizers share after an event: presentations, recordings, reports, as a file or a link."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from birge.core.storage import private_storage


class Audience(models.TextChoices):
    ANYONE = "anyone", _("everyone who may see the event")
    PARTICIPANTS = "participants", _("participants only")


class Material(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="events/materials/", storage=private_storage, blank=True)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    url = models.URLField(_("link"), max_length=500, blank=True)
    audience = models.CharField(_("for"), max_length=12, choices=Audience.choices, default=Audience.ANYONE)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title
