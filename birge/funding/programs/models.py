"""Funding programs and the people who run them.

A program belongs to an operator organization (a government body or a donor) and fixes what every call of
it shares: the support mechanism, the currency and who may apply. The operator's staff hold roles in the
program; only they manage its calls, review its applications and decide.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Mechanism(models.TextChoices):
    STATE_GRANT = "state_grant", _("state grant")
    SOCIAL_CONTRACT = "social_contract", _("state social contract")
    DONOR_GRANT = "donor_grant", _("donor grant")
    AWARD = "award", _("award for excellence")


class Currency(models.TextChoices):
    KZT = "KZT", _("Kazakhstani tenge")
    KGS = "KGS", _("Kyrgyzstani som")
    TJS = "TJS", _("Tajikistani somoni")
    TMT = "TMT", _("Turkmenistani manat")
    AZN = "AZN", _("Azerbaijani manat")
    UZS = "UZS", _("Uzbekistani som")
    USD = "USD", _("US dollar")
    EUR = "EUR", _("euro")


class Applicant(models.TextChoices):
    """Who may apply. Registered organizations are narrowed further by kind (`Program.organization_kinds`)."""

    ORGANIZATION = "organization", _("registered organizations")
    INITIATIVE_GROUP = "initiative_group", _("initiative groups")
    INDIVIDUAL = "individual", _("individuals")


class StaffRole(models.TextChoices):
    """From the most rights to the least: a manager runs the program and its staff; an officer runs calls;
    the committee decides; a reviewer scores what they are assigned."""

    MANAGER = "manager", _("program manager")
    OFFICER = "officer", _("program officer")
    COMMITTEE = "committee", _("committee member")
    REVIEWER = "reviewer", _("reviewer")


class Program(models.Model):
    operator = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        related_name="funding_programs",
        verbose_name=_("operator"),
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    mechanism = models.CharField(_("mechanism"), max_length=20, choices=Mechanism.choices)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    applicants = models.JSONField(_("who may apply"), default=list)  # Applicant values
    organization_kinds = models.JSONField(_("kinds of organization that may apply"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("funding program")
        verbose_name_plural = _("funding programs")

    def __str__(self) -> str:
        return self.title


class ProgramStaff(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_roles")
    role = models.CharField(_("role"), max_length=10, choices=StaffRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "user", "role"], name="funding_staff_role_once")
        ]
        verbose_name = _("program staff member")
        verbose_name_plural = _("program staff")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.program})"
