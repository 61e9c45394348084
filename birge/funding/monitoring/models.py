"""Monitoring visits: an officer goes to see the project, writes what they found, takes photos, and agrees
follow-up actions, each with who does it and by when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from birge.core.storage import private_storage


class Visit(models.Model):
    award = models.ForeignKey("funding.Award", on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("date of the visit"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("officer"),
    )
    findings = models.TextField(_("findings"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["award", "-visited_on", "-id"]
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")

    def __str__(self) -> str:
        return f"{self.award} — {self.visited_on}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("funding:visit", args=[self.award_id, self.pk])


class Photo(models.Model):
    """A photo of the visit, rebuilt from its pixels: no EXIF, no location, nothing after the image."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="visits/", storage=private_storage)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    kind = models.CharField(max_length=8)  # png, jpeg or webp
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["visit", "id"]
        verbose_name = _("visit photo")
        verbose_name_plural = _("visit photos")

    def __str__(self) -> str:
        return self.caption or self.sha256[:12]


class FollowUp(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("who does it"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["visit", "due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="funding_follow_up_open")]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.action

    def is_overdue(self, today) -> bool:
        return self.done_on is None and self.due_on < today
