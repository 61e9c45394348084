"""The committee's decision on one application: approve (with an amount), reject or waitlist, with reasons."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Outcome(models.TextChoices):
    APPROVED = "approved", pgettext_lazy("decision", "approved")
    REJECTED = "rejected", pgettext_lazy("decision", "rejected")
    WAITLISTED = "waitlisted", pgettext_lazy("decision", "waitlisted")


class Decision(models.Model):
    application = models.OneToOneField(
        "funding.Application", on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    amount = models.DecimalField(_("amount granted"), max_digits=16, decimal_places=2, null=True, blank=True)
    reasons = models.TextField(_("reasons"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)
    # When the applicant was told (the call's decision step tells everyone at once).
    announced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.application} — {self.get_outcome_display()}"
