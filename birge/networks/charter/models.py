"""A network's charter: every saved text is a numbered version, kept for good; a decision adopts one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The charter's texts, in the order the template, the page and the exports give them.
SECTIONS = (
    ("purpose", _("Purpose")),
    ("goals", _("Goals")),
    ("objectives", _("Objectives")),
    ("governance", _("Governance")),
    ("membership_rules", _("Membership rules")),
    ("communication_policy", _("Communication policy")),
)


class CharterVersion(models.Model):
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="charter_versions")
    number = models.PositiveIntegerField(_("version"))
    purpose = models.TextField(_("purpose"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    governance = models.TextField(_("governance"), blank=True)
    membership_rules = models.TextField(_("membership rules"), blank=True)
    communication_policy = models.TextField(_("communication policy"), blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)

    class Meta:
        ordering = ["network", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["network", "number"], name="one_charter_version_number")
        ]
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")

    def __str__(self) -> str:
        return f"{self.network} — {self.number}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    UNDERWAY = "underway", _("under way")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class Action(models.Model):
    """An action the charter commits to, with the member organization that owns it; each version has its
    own rows, so that an old version reads as it was."""

    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("charter action")
        verbose_name_plural = _("charter actions")

    def __str__(self) -> str:
        return self.title
