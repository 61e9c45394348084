"""Review of a call's applications: the reviewer pool, assignments with their conflict-of-interest
declaration, and scores per criterion."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PoolMember(models.Model):
    """A reviewer of the program who reviews for this call, and the languages they read."""

    call = models.ForeignKey("funding.Call", on_delete=models.CASCADE, related_name="pool")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_pools")
    languages = models.JSONField(_("languages read"), default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="funding_pool_once")]
        verbose_name = _("reviewer of a call")
        verbose_name_plural = _("reviewer pool")

    def __str__(self) -> str:
        return str(self.user)


class Conflict(models.TextChoices):
    UNDECLARED = "", _("not declared yet")
    NONE = "none", _("no conflict of interest")
    DECLARED = "declared", _("conflict of interest")


class Assignment(models.Model):
    application = models.ForeignKey(
        "funding.Application", on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    # Nothing of the application but its title and applicant is shown before the declaration; a declared
    # conflict takes the reviewer off it for good (the row stays, so nobody assigns them again).
    conflict = models.CharField(max_length=8, choices=Conflict.choices, blank=True, default="")
    conflict_note = models.TextField(_("what the conflict is"), blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The weighted total, 0–100, kept when the scores are submitted (the ranking reads it without joins).
    total = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="funding_assignment_once")
        ]
        indexes = [models.Index(fields=["reviewer", "submitted_at"], name="funding_assignment_reviewer")]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.application}"

    @property
    def is_active(self) -> bool:
        return self.conflict != Conflict.DECLARED


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("funding.Criterion", on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="funding_score_once")]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
