"""The evaluation that closes an award: a rating on each stated criterion, the lessons learned, and how the
project ended."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Criterion(models.TextChoices):
    """The five criteria evaluators of development projects commonly rate (OECD DAC)."""

    RELEVANCE = "relevance", _("relevance: did it answer a real need of its people?")
    EFFECTIVENESS = "effectiveness", _("effectiveness: did it reach its objectives?")
    EFFICIENCY = "efficiency", _("efficiency: were money and time well used?")
    IMPACT = "impact", _("impact: what changed for people because of it?")
    SUSTAINABILITY = "sustainability", _("sustainability: will the results last after the grant?")


class Rating(models.IntegerChoices):
    UNSATISFACTORY = 1, pgettext_lazy("rating", "1 — unsatisfactory")
    PARTLY = 2, pgettext_lazy("rating", "2 — partly satisfactory")
    SATISFACTORY = 3, pgettext_lazy("rating", "3 — satisfactory")
    HIGHLY = 4, pgettext_lazy("rating", "4 — highly satisfactory")


class Closing(models.TextChoices):
    ACHIEVED = "achieved", _("completed: objectives achieved")
    PARTLY = "partly", _("completed: objectives partly achieved")
    NOT_ACHIEVED = "not_achieved", _("completed: objectives not achieved")
    TERMINATED = "terminated", _("terminated early")


class Evaluation(models.Model):
    award = models.OneToOneField("funding.Award", on_delete=models.CASCADE, related_name="evaluation")
    ratings = models.JSONField(default=dict)  # Criterion value -> Rating value
    lessons = models.TextField(_("lessons learned"))
    closing = models.CharField(_("how the project ended"), max_length=16, choices=Closing.choices)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    evaluated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.award} — {self.get_closing_display()}"

    @property
    def mean(self):
        values = [int(value) for value in self.ratings.values()]
        return round(sum(values) / len(values), 1) if values else None

    def rated(self) -> list[tuple[str, str]]:
        """(criterion, rating) labels in the criteria's order."""
        labels = dict(Rating.choices)
        return [
            (label, labels.get(int(self.ratings[value]), ""))
            for value, label in Criterion.choices
            if value in self.ratings
        ]
