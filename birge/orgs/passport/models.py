"""The due-diligence passport: the facts funders ask every organization for, filled in once, kept current,
and shared with a funder only by the organization's choice. Its documents live in the private storage."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from birge.core.storage import private_storage
from birge.orgs.profiles.models import Organization


class Passport(models.Model):
    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="passport")
    # Registration
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    registration_authority = models.CharField(_("registering authority"), max_length=255, blank=True)
    registration_document = models.FileField(
        _("registration certificate"), upload_to="passport/registration/", storage=private_storage, blank=True
    )
    charter_document = models.FileField(
        _("charter"), upload_to="passport/registration/", storage=private_storage, blank=True
    )
    # Governance
    board = models.TextField(_("board or governing body"), blank=True, help_text=_("One person per line."))
    key_staff = models.TextField(_("key staff"), blank=True, help_text=_("One person per line."))
    # When each section was last confirmed as current; the page flags sections older than a year.
    registration_updated_at = models.DateTimeField(null=True, blank=True)
    governance_updated_at = models.DateTimeField(null=True, blank=True)
    finances_updated_at = models.DateTimeField(null=True, blank=True)
    policies_updated_at = models.DateTimeField(null=True, blank=True)
    audits_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("due-diligence passport")
        verbose_name_plural = _("due-diligence passports")

    def __str__(self) -> str:
        return str(self.organization)


class PassportFinancialYear(models.Model):
    INCOME_FIELDS = (
        "income_foreign",
        "income_state",
        "income_membership",
        "income_business",
        "income_individual",
        "income_other",
    )
    AMOUNT_FIELDS = (*INCOME_FIELDS, "expenditure")

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="financial_years")
    year = models.PositiveSmallIntegerField(_("year"))
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    income_foreign = models.DecimalField(_("foreign grants"), max_digits=14, decimal_places=2, default=0)
    income_state = models.DecimalField(_("state funding"), max_digits=14, decimal_places=2, default=0)
    income_membership = models.DecimalField(_("membership fees"), max_digits=14, decimal_places=2, default=0)
    income_business = models.DecimalField(_("business"), max_digits=14, decimal_places=2, default=0)
    income_individual = models.DecimalField(
        _("individual donations"), max_digits=14, decimal_places=2, default=0
    )
    income_other = models.DecimalField(_("other income"), max_digits=14, decimal_places=2, default=0)
    expenditure = models.DecimalField(_("expenditure"), max_digits=14, decimal_places=2, default=0)
    audited = models.BooleanField(_("audited"), default=False)
    report_document = models.FileField(
        _("financial report"), upload_to="passport/finances/", storage=private_storage, blank=True
    )

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["passport", "year"], name="one_financial_year")]
        verbose_name = _("financial year")
        verbose_name_plural = _("financial years")

    def __str__(self) -> str:
        return f"{self.passport} {self.year}"


class PassportPolicy(models.Model):
    class Kind(models.TextChoices):
        ANTI_FRAUD = "anti_fraud", _("anti-fraud and anti-corruption")
        SAFEGUARDING = "safeguarding", _("safeguarding")
        DATA_PROTECTION = "data_protection", _("data protection")
        CONFLICTS_OF_INTEREST = "conflicts", _("conflicts of interest")

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="policies")
    kind = models.CharField(_("policy"), max_length=16, choices=Kind.choices)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    document = models.FileField(
        _("document"), upload_to="passport/policies/", storage=private_storage, blank=True
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["passport", "kind"], name="one_policy_per_kind")]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def __str__(self) -> str:
        return f"{self.passport}: {self.get_kind_display()}"


class PassportAudit(models.Model):
    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="audits")
    year = models.PositiveSmallIntegerField(_("year audited"))
    auditor = models.CharField(_("auditor"), max_length=255)
    opinion = models.TextField(_("opinion"), blank=True)
    document = models.FileField(
        _("audit report"), upload_to="passport/audits/", storage=private_storage, blank=True
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("audit")
        verbose_name_plural = _("audits")

    def __str__(self) -> str:
        return f"{self.passport}: {self.year} ({self.auditor})"


class PassportShareQuerySet(models.QuerySet):
    def active(self):
        from django.utils import timezone

        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PassportShare(models.Model):
    """The owner's choice to let one funder organization read the passport until a date."""

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="shares")
    funder = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="passports_shared_with", verbose_name=_("funder")
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("shared on"), auto_now_add=True)
    expires_at = models.DateTimeField(_("until"))
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PassportShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("passport share")
        verbose_name_plural = _("passport shares")

    def __str__(self) -> str:
        return f"{self.passport} → {self.funder}"


class PassportRead(models.Model):
    """Each time someone of the funder opened the shared passport or one of its documents."""

    share = models.ForeignKey(PassportShare, on_delete=models.CASCADE, related_name="reads")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    read_at = models.DateTimeField(_("read on"), auto_now_add=True)
    what = models.CharField(_("what was read"), max_length=120, default="passport")

    class Meta:
        ordering = ["-read_at"]
        verbose_name = _("passport read")
        verbose_name_plural = _("passport reads")

    def __str__(self) -> str:
        return f"{self.share} {self.read_at:%Y-%m-%d %H:%M}"
