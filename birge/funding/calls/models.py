"""Calls for proposals (or, for a social contract, for bids), with their life cycle and their rules.

draft → published (announced, not yet open) → open → closed → in review → decided → archived. Each step is
one service in `calls/services.py`; the public sees a call from `published` on.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from birge.funding.programs.models import Program


class Status(models.TextChoices):
    # A context of their own: "closed" is said of a call differently than of an organization.
    DRAFT = "draft", pgettext_lazy("call status", "draft")
    PUBLISHED = "published", pgettext_lazy("call status", "announced")
    OPEN = "open", pgettext_lazy("call status", "open for applications")
    CLOSED = "closed", pgettext_lazy("call status", "closed")
    IN_REVIEW = "in_review", pgettext_lazy("call status", "in review")
    DECIDED = "decided", pgettext_lazy("call status", "decided")
    ARCHIVED = "archived", pgettext_lazy("call status", "archived")


PUBLIC_STATUSES = [status for status in Status.values if status != Status.DRAFT]


class CallQuerySet(models.QuerySet):
    def public(self):
        """What anyone may see: every call but drafts."""
        return self.filter(status__in=PUBLIC_STATUSES)


def _percent(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )


class Call(models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="calls", verbose_name=_("program")
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    # When applications are taken, in the call's own time zone (the server's clock decides).
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Almaty")

    budget_ceiling = models.DecimalField(
        _("budget of the call"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    grant_min = models.DecimalField(
        _("smallest grant"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    grant_max = models.DecimalField(
        _("largest grant"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    # The share of the project's cost that must come from other sources, in percent.
    cofinancing_min = _percent(_("co-financing at least, %"))
    cofinancing_max = _percent(_("co-financing at most, %"))

    # Eligibility: empty means no restriction.
    countries = models.ManyToManyField(
        "core.Country", blank=True, related_name="+", verbose_name=_("countries")
    )
    regions = models.ManyToManyField("core.Region", blank=True, related_name="+", verbose_name=_("regions"))
    themes = models.ManyToManyField(
        "core.ThematicArea", blank=True, related_name="+", verbose_name=_("themes")
    )
    applicants = models.JSONField(_("who may apply"), default=list, blank=True)  # programs.Applicant values
    min_organization_age = models.PositiveSmallIntegerField(
        _("organization at least this many years old"), null=True, blank=True
    )
    verified_only = models.BooleanField(_("verified organizations only"), default=False)
    max_applications = models.PositiveSmallIntegerField(_("applications per applicant at most"), default=1)

    # A social contract buys a service: what it is, in lots, at most at this price.
    service_specification = models.TextField(_("service specification"), blank=True)
    price_ceiling = models.DecimalField(
        _("price ceiling"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    # Review: how many reviewers read each application, how far apart their totals (0–100) may be before
    # the ranking flags a disagreement, and whether applicants are told their scores with the decision.
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    disagreement_threshold = models.PositiveSmallIntegerField(
        _("flag a disagreement above, points of 100"),
        default=25,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    publish_scores = models.BooleanField(_("tell applicants their scores"), default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "closes_at"], name="funding_call_status_closes")]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("funding:call", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.status != Status.DRAFT


class Lot(models.Model):
    """A part of a social contract's service that is bid for on its own (a district, a group of clients)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    price_ceiling = models.DecimalField(
        _("price ceiling"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["call", "number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="funding_lot_number_once")]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Criterion(models.Model):
    """What reviewers score; the weights of a call's criteria sum to 100."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("weight, %"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.title
