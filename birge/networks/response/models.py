"""A short-term response network's incident, what it needs, and what organizations and people pledge."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IncidentStatus(models.TextChoices):
    RESPONDING = "responding", _("responding")
    CLOSED = "closed", pgettext_lazy("incident status", "closed")


class Incident(models.Model):
    network = models.OneToOneField("networks.Network", on_delete=models.CASCADE, related_name="incident")
    what = models.TextField(_("what happened"))
    country = models.ForeignKey(
        "core.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    place = models.CharField(_("where"), max_length=200, blank=True)
    happened_on = models.DateField(_("when"))
    status = models.CharField(
        _("status"), max_length=12, choices=IncidentStatus.choices, default=IncidentStatus.RESPONDING
    )
    closing_report = models.TextField(_("closing report"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return str(self.network)


class NeedKind(models.TextChoices):
    MONEY = "money", _("money")
    GOODS = "goods", _("goods")
    VOLUNTEERS = "volunteers", _("volunteers")
    EXPERTISE = "expertise", _("expertise")


class Need(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="needs")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=NeedKind.choices)
    title = models.CharField(_("what is needed"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40)
    # The sum of the pledges, kept in step by the pledge service under a lock of this row.
    pledged = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))

    class Meta:
        ordering = ["incident", "position", "pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.title

    @property
    def remaining(self) -> Decimal:
        return max(self.quantity - self.pledged, Decimal(0))

    @property
    def percent(self) -> int:
        return min(100, int(self.pledged * 100 / self.quantity)) if self.quantity else 100


class Pledge(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="pledges")
    # An organization pledges through a person who acts for it; a person may pledge for themselves.
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Set when the pledge went beyond what was still needed: how much more, as the pledger confirmed it.
    beyond_need = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["need", "created_at", "pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return f"{self.need}: {self.quantity}"
