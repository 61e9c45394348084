"""Requests to manage a listed organization."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from birge.core.storage import private_storage
from birge.orgs.profiles.models import Organization


class Claim(models.Model):
    """A request to manage a listed organization: a claim of an unmanaged profile, or the recovery of one
    whose manager has left. The hub admin of the organization's country decides, after seeing evidence."""

    class Kind(models.TextChoices):
        CLAIM = "claim", _("claim")
        RECOVERY = "recovery", _("recovery")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="claims")
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_claims"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.CLAIM)
    position = models.CharField(_("your position in the organization"), max_length=120)
    evidence = models.TextField(
        _("evidence"),
        help_text=_(
            "How the hub can check that you speak for the organization: an official letter, "
            "an order of appointment, a contact at the organization."
        ),
    )
    evidence_file = models.FileField(_("document"), upload_to="claims/", storage=private_storage, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "claimant"],
                condition=models.Q(status="pending"),
                name="one_pending_claim_per_person",
            )
        ]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organization} ({self.claimant})"
