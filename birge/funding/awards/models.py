"""Awards: the agreement made from an approved application, its payment tranches and the indicators its
reports are measured against.

An award copies what the register and the open-data exports need at the moment it is made (recipient,
country, region, amount, currency): they describe the agreement as signed, even if the application or the
organization's profile changes later.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from birge.funding.programs.models import Currency


class Status(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("award status", "in progress")
    COMPLETED = "completed", pgettext_lazy("award status", "completed")
    TERMINATED = "terminated", pgettext_lazy("award status", "terminated")


class Award(models.Model):
    application = models.OneToOneField(
        "funding.Application", on_delete=models.PROTECT, related_name="award", verbose_name=_("application")
    )
    title = models.CharField(_("project title"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    starts_on = models.DateField(_("project starts"))
    ends_on = models.DateField(_("project ends"))
    # The agreement's date: when the award was made (the register's "year" is this one's).
    signed_on = models.DateField(_("agreement signed"))
    # A report line whose spending differs from the plan by more than this share needs a comment.
    variance_threshold = models.PositiveSmallIntegerField(
        _("explain a budget line that differs from the plan by more than, %"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    # [{"category", "planned"}]: the budget the reports account against, from the application's lines.
    budget = models.JSONField(default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)

    # Who received it, as it stood when the award was made. A person (an individual or an initiative
    # group's leader) is never named in public: the register shows `public_recipient`.
    organization = models.ForeignKey(
        "orgs.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_awards",
        verbose_name=_("recipient"),
    )
    recipient_name = models.CharField(_("recipient"), max_length=255)
    country = models.ForeignKey(
        "core.Country", null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    region = models.ForeignKey(
        "core.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        indexes = [models.Index(fields=["signed_on"], name="funding_award_signed")]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("funding:award", args=[self.pk])

    @property
    def public_recipient(self) -> str:
        """The name the public may read: the organization's, or an anonymous identifier for a person."""
        if self.organization_id:
            return self.recipient_name
        return anonymous_recipient(self.pk)

    @property
    def public_title(self) -> str:
        """The project's title for the public, or nothing for a person's grant: a title such as "Sewing
        workshop of Gulnora R." names them as surely as the recipient field would."""
        return self.title if self.organization_id else ""


def anonymous_recipient(award_id: int) -> str:
    # The award's number, not the person's: nothing in it leads back to them.
    return f"IND-{award_id:06d}"


class TrancheStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("tranche status", "waits for its condition")
    PAYABLE = "payable", pgettext_lazy("tranche status", "payable")
    PAID = "paid", pgettext_lazy("tranche status", "paid")


class Tranche(models.Model):
    """A payment of the award, due on a date; with `after_report`, only once that report is accepted."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="tranches")
    number = models.PositiveSmallIntegerField(_("number"))
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    due_on = models.DateField(_("due"))
    after_report = models.ForeignKey(
        "funding.Report",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="releases",
        verbose_name=_("paid once this report is accepted"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TrancheStatus.choices, default=TrancheStatus.SCHEDULED
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["award", "number"]
        constraints = [
            models.UniqueConstraint(fields=["award", "number"], name="funding_tranche_number_once")
        ]
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")

    def __str__(self) -> str:
        return f"{self.award} — {self.number}"


class Indicator(models.Model):
    """What the project promised to change, measured in each report against its target."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="indicators")
    title = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["award", "position", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.title
