"""Applications to a call: a draft that is saved as it is written, then a submitted copy frozen with its
receipt.

The draft is a JSON document of answers keyed by the form's field keys, plus the budget lines. Every save
raises `revision`; a save that names an older revision than the stored one is refused, so two tabs or two
devices never silently overwrite each other.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from birge.core.storage import private_storage
from birge.funding.programs.models import Applicant
from birge.orgs.profiles.visibility import localized


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("application status", "draft")
    SUBMITTED = "submitted", pgettext_lazy("application status", "submitted")
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "withdrawn")


class Application(models.Model):
    call = models.ForeignKey("funding.Call", on_delete=models.PROTECT, related_name="applications")
    form = models.ForeignKey(
        "funding.FormVersion", on_delete=models.PROTECT, related_name="applications", verbose_name=_("form")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="funding_applications"
    )
    applicant_kind = models.CharField(_("applying as"), max_length=20, choices=Applicant.choices)
    # The organization applies when the owner acts for one; an initiative group or a person applies by name.
    organization = models.ForeignKey(
        "orgs.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_applications",
        verbose_name=_("organization"),
    )
    group_name = models.CharField(_("name of the initiative group"), max_length=200, blank=True)
    # Where an initiative group or a person works (an organization's own country and region count for it).
    country = models.ForeignKey(
        "core.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    region = models.ForeignKey(
        "core.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
    lot = models.ForeignKey(
        "funding.Lot", null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    title = models.CharField(_("project title"), max_length=200)
    # The language the applicant writes in and is written to; reviewers are matched on it.
    language = models.CharField(_("language of the application"), max_length=8)

    answers = models.JSONField(default=dict, blank=True)
    # [{"category", "requested", "sources": [{"source", "amount"}]}], amounts as strings of decimals.
    budget = models.JSONField(default=list, blank=True)
    requested_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    total_cost = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The receipt: when the server took it, and the SHA-256 of the canonical JSON of what was submitted.
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    receipt_sha256 = models.CharField(max_length=64, blank=True)
    submitted_content = models.JSONField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["call", "status"], name="funding_application_call")]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return self.title or str(_("untitled application"))

    @property
    def applicant_name(self) -> str:
        if self.organization_id:
            # In the reader's language, else in any the organization wrote it in (some write only their own).
            return localized(self.organization, "name").value
        if self.group_name:
            return self.group_name
        return self.owner.display_name or self.owner.email

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT


class Partner(models.Model):
    """Another organization that takes part in the project."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role in the project"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "organization"], name="funding_partner_once")
        ]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return str(self.organization)


class Attachment(models.Model):
    """A file answering a form's file field; stored privately under a name Birge makes."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    field_key = models.CharField(max_length=40)
    file = models.FileField(upload_to="applications/", storage=private_storage)
    name = models.CharField(_("file name"), max_length=200)  # as the applicant called it, for display only
    kind = models.CharField(max_length=8)  # birge.core.uploads.KINDS
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "field_key", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
