"""Which organizations belong to a network, in which role, and the invitations and requests to join.

Members are organizations, not people: the people who act for a member organization are that
organization's own members (`orgs.Membership`), and its owners and editors speak for it (vote, answer an
invitation, leave)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    """Ordered from the most to the least rights."""

    COORDINATOR = "coordinator", _("coordinator")
    COMMITTEE = "committee", _("committee")
    MEMBER = "member", _("member")


class NetworkMembership(models.Model):
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="network_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["network", "role", "joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["network", "organization"], name="one_network_membership")
        ]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")

    def __str__(self) -> str:
        return f"{self.organization} — {self.network} ({self.role})"


class AdmissionKind(models.TextChoices):
    INVITATION = "invitation", _("invitation")
    REQUEST = "request", _("request to join")


class AdmissionStatus(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", pgettext_lazy("invitation status", "accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Admission(models.Model):
    """An invitation from the network's coordinators to an organization, or an organization's request to
    join; the other side answers it."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="admissions")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=AdmissionKind.choices)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AdmissionStatus.choices, default=AdmissionStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organization"],
                condition=models.Q(status="pending"),
                name="one_pending_admission",
            )
        ]
        verbose_name = _("invitation or request to join")
        verbose_name_plural = _("invitations and requests to join")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organization} → {self.network}"
