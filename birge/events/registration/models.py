"""A person's place at an event: confirmed, on the waitlist (in the order they asked), or cancelled; their
answers to the organizers' questions; whether they came; the code of their certificate."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "confirmed")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "on the waitlist")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")


class Registration(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    # The organization the person comes from, if they say so (one they belong to).
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # The waitlist's order: when the person last asked for a place.
    queued_at = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    dietary = models.CharField(_("dietary needs"), max_length=300, blank=True)
    interpretation = models.CharField(
        _("interpretation into"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    accessibility = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    # None until the organizers mark attendance.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    certificate_code = models.CharField(max_length=16, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="events_registration_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.person}"
