"""Who the hub administrators are: the people who verify the organizations of one country and decide the
requests to manage their profiles. A site administrator appoints them (`services.py`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HubAdministrator(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="hub_appointments",
        verbose_name=_("person"),
    )
    # PROTECT: a country with a hub is reference data the platform serves, never deleted under it.
    country = models.ForeignKey(
        "core.Country", on_delete=models.PROTECT, related_name="hub_appointments", verbose_name=_("country")
    )
    # SET_NULL: the appointment outlives the account of whoever made it (None also for the command line).
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointed by"),
    )
    created_at = models.DateTimeField(_("appointed on"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "country"], name="one_hub_appointment_per_country")
        ]
        verbose_name = _("hub administrator")
        verbose_name_plural = _("hub administrators")

    def __str__(self) -> str:
        return f"{self.user} — {self.country}"
