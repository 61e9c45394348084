"""Reports the grantee owes on the award's schedule: narrative, money spent line by line against the plan,
indicator values against their targets, and files. The officer accepts a report or asks for changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from birge.core.storage import private_storage


class Kind(models.TextChoices):
    INTERIM = "interim", _("interim report")
    FINAL = "final", _("final report")


class Status(models.TextChoices):
    DUE = "due", pgettext_lazy("report status", "due")
    SUBMITTED = "submitted", pgettext_lazy("report status", "submitted")
    CHANGES_REQUESTED = "changes", pgettext_lazy("report status", "changes requested")
    ACCEPTED = "accepted", pgettext_lazy("report status", "accepted")


# The grantee writes while the report is in one of these.
OPEN_TO_GRANTEE = (Status.DUE, Status.CHANGES_REQUESTED)


class Report(models.Model):
    award = models.ForeignKey("funding.Award", on_delete=models.CASCADE, related_name="reports")
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.INTERIM)
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DUE)

    narrative = models.TextField(_("what was done"), blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    # Why more was spent than the tranches paid so far, when it was.
    financial_comment = models.TextField(_("comment on the spending"), blank=True)
    # Every save raises it; a save naming an older one is refused (two tabs, two people).
    revision = models.PositiveIntegerField(default=1)

    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    officer_comment = models.TextField(_("the officer's comments"), blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["award", "number"]
        constraints = [models.UniqueConstraint(fields=["award", "number"], name="funding_report_number_once")]
        indexes = [models.Index(fields=["status", "due_on"], name="funding_report_due")]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} — {self.award}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("funding:report", args=[self.award_id, self.number])

    def is_overdue(self, today) -> bool:
        return self.status in OPEN_TO_GRANTEE and self.due_on < today


class Line(models.Model):
    """One budget line of a report: planned (from the award), spent so far, and why they differ."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(_("budget line"), max_length=200)
    planned = models.DecimalField(_("planned"), max_digits=16, decimal_places=2)
    spent = models.DecimalField(_("spent"), max_digits=16, decimal_places=2, default=0)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.category

    @property
    def variance(self):
        return self.spent - self.planned


class IndicatorValue(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey("funding.Indicator", on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value reached"), max_digits=14, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="funding_indicator_value_once")
        ]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class ReportFile(models.Model):
    """Evidence attached to a report (receipts, photos, lists of participants); stored privately."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="reports/", storage=private_storage)
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(max_length=8)  # birge.core.uploads.KINDS
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("report file")
        verbose_name_plural = _("report files")

    def __str__(self) -> str:
        return self.name
