"""A project's plan: its activities on a timeline, its budget, and who pays for what (co-financing)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("activity status", "planned")
    UNDER_WAY = "under_way", pgettext_lazy("activity status", "under way")
    DONE = "done", pgettext_lazy("activity status", "done")
    DROPPED = "dropped", pgettext_lazy("activity status", "dropped")


class Activity(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activity"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    responsible = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible organization"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class BudgetLine(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("budget line"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.category


class SourceKind(models.TextChoices):
    """Maps to IATI's finance types of incoming funds (birge.projects.iati)."""

    OWN = "own", _("own funds of a partner")
    STATE = "state", _("state grant or social contract")
    DONOR = "donor", _("international donor")
    PRIVATE = "private", _("business or private donors")
    IN_KIND = "in_kind", _("in kind")


class Cofinancing(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="cofinancing")
    source = models.CharField(_("source"), max_length=200)
    kind = models.CharField(_("kind of source"), max_length=8, choices=SourceKind.choices)
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization in Birge, if it is one"),
    )
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("co-financing source")
        verbose_name_plural = _("co-financing sources")

    def __str__(self) -> str:
        return self.source
