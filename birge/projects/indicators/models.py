"""How a project measures itself: indicators with a baseline and a target, the value actually reached in
each reporting period, and the progress reports the partners publish."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Indicator(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, default=0)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Value(models.Model):
    """The value an indicator reached in one reporting period (recording it again replaces it)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    actual = models.DecimalField(_("actual value"), max_digits=16, decimal_places=2)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period_start", "pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="projects_value_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="projects_value_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.period_start}–{self.period_end}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "draft")
    PUBLISHED = "published", pgettext_lazy("report status", "published")


class ProgressReport(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("what was done, what changed, what was hard"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return self.title
