"""Notifications, each person's choices of how they arrive, the digests sent, and addresses that bounce."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from birge.core.notifications.kinds import Delivery


class Notification(models.Model):
    """One thing one person is told. Its text is written in their language when it is created, so the
    inbox and the digest read it as it is."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=64)
    # What it is about, for grouping in the digest (never shown as such).
    about_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    about_id = models.CharField(max_length=64, blank=True)
    event = models.ForeignKey(
        "core.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(max_length=500, blank=True)
    # How it was to reach the person, decided when it was created.
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # When it went out by e-mail (at once or in a digest); a digest picks only those still null.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="core_notice_inbox"),
            models.Index(
                fields=["delivery", "recipient"],
                condition=models.Q(emailed_at__isnull=True, delivery__in=["daily", "weekly"]),
                name="core_notice_digest_due",
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title


class NoticePreference(models.Model):
    """A person's choice for one kind; without a row, the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(max_length=64)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="core_notice_preference_once")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"


class DigestDelivery(models.Model):
    """A digest sent to one person for one period ("daily:2026-12-02", "weekly:2026-W49"). The unique
    pair is what keeps a second run of the task, or a run after a crash, from sending it again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)
    sent_at = models.DateTimeField(auto_now_add=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="core_digest_once_per_period")]
        verbose_name = _("digest")
        verbose_name_plural = _("digests")

    def __str__(self) -> str:
        return self.period


class FailingAddress(models.Model):
    """An address mail to which bounced or was refused for good. Birge stops e-mailing it (the inbox still
    fills) until its owner says it works again; the profile tells them why."""

    email = models.EmailField(_("e-mail address"), unique=True)
    reason = models.CharField(_("reason"), max_length=300)
    failed_at = models.DateTimeField(_("failed on"), auto_now=True)

    class Meta:
        verbose_name = _("failing e-mail address")
        verbose_name_plural = _("failing e-mail addresses")

    def __str__(self) -> str:
        return self.email
