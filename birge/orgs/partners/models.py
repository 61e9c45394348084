"""Whom an organization calls a partner."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from birge.orgs.profiles.models import Organization


class Partnership(models.Model):
    """`organization` lists `partner` as a partner: members of `partner` then see fields that
    `organization` opened to partners. One-directional by design — each side decides for itself."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="listed_as_partner")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "partner"], name="one_partnership_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(organization=models.F("partner")), name="no_self_partnership"
            ),
        ]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return f"{self.organization} → {self.partner}"
