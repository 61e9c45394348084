"""Who belongs to an organization, who is invited, who claims it, and whom it calls a partner."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from birge.core.storage import private_storage

from .organization import Organization


class Role(models.TextChoices):
    """Ordered from the most to the least rights."""

    OWNER = "owner", _("owner")
    EDITOR = "editor", _("editor")
    MEMBER = "member", _("member")


class Membership(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["organization", "role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_membership_per_user")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.organization} ({self.role})"


class Invitation(models.Model):
    """An e-mailed invitation to join. The token is sent once and stored only as a hash."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @property
    def is_open(self) -> bool:
        from django.utils import timezone

        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class Claim(models.Model):
    """A request to manage a listed organization: a claim of an unmanaged profile, or the recovery of one
    whose manager has left. The hub admin of the organization's country decides, after seeing evidence."""

    class Kind(models.TextChoices):
        CLAIM = "claim", _("claim")
        RECOVERY = "recovery", _("recovery")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="claims")
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_claims"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.CLAIM)
    position = models.CharField(_("your position in the organization"), max_length=120)
    evidence = models.TextField(
        _("evidence"),
        help_text=_(
            "How the hub can check that you speak for the organization: an official letter, "
            "an order of appointment, a contact at the organization."
        ),
    )
    evidence_file = models.FileField(_("document"), upload_to="claims/", storage=private_storage, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "claimant"],
                condition=models.Q(status="pending"),
                name="one_pending_claim_per_person",
            )
        ]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organization} ({self.claimant})"


class Partnership(models.Model):
    """`organization` lists `partner` as a partner: members of `partner` then see fields that
    `organization` opened to partners. One-directional by design — each side decides for itself."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="listed_as_partner")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "partner"], name="one_partnership_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(organization=models.F("partner")), name="no_self_partnership"
            ),
        ]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return f"{self.organization} → {self.partner}"
