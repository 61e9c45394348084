"""An organization's profile: who it is, what it does, and who may see each of its fields."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from birge.orgs.profiles.fields import FUNDING_SOURCES, GROUPS, Group, Visibility


class Kind(models.TextChoices):
    CSO = "cso", _("civil-society organization")
    GOVERNMENT = "government", _("government body")
    DONOR = "donor", _("donor")
    INTERNATIONAL = "international", _("international organization")
    MEDIA = "media", _("media")
    BUSINESS = "business", _("business or social enterprise")
    ACADEMIC = "academic", _("academic institution")


class LegalForm(models.TextChoices):
    PUBLIC_ASSOCIATION = "public_association", _("public association")
    FOUNDATION = "foundation", _("foundation")
    NONCOMMERCIAL_INSTITUTION = "noncommercial_institution", _("non-commercial institution")
    INITIATIVE_GROUP = "initiative_group", _("initiative group")
    MINISTRY = "ministry", _("ministry")
    AGENCY = "agency", _("agency or committee")
    LOCAL_GOVERNMENT = "local_government", _("local government")
    PARLIAMENT_COMMITTEE = "parliament_committee", _("parliament committee")


# Which legal forms a kind may have; a kind missing here has none to choose.
LEGAL_FORMS_BY_KIND: dict[str, list[str]] = {
    Kind.CSO: [
        LegalForm.PUBLIC_ASSOCIATION,
        LegalForm.FOUNDATION,
        LegalForm.NONCOMMERCIAL_INSTITUTION,
        LegalForm.INITIATIVE_GROUP,
    ],
    Kind.GOVERNMENT: [
        LegalForm.MINISTRY,
        LegalForm.AGENCY,
        LegalForm.LOCAL_GOVERNMENT,
        LegalForm.PARLIAMENT_COMMITTEE,
    ],
}


class Status(models.TextChoices):
    ACTIVE = "active", _("active")
    DORMANT = "dormant", _("dormant")
    CLOSED = "closed", _("closed")


class BudgetBand(models.TextChoices):
    UNDER_10K = "under_10k", _("under 10,000 US dollars a year")
    FROM_10K = "10k_50k", _("10,000–50,000 US dollars a year")
    FROM_50K = "50k_200k", _("50,000–200,000 US dollars a year")
    FROM_200K = "200k_1m", _("200,000–1,000,000 US dollars a year")
    OVER_1M = "over_1m", _("over 1,000,000 US dollars a year")


def visibility_field(group: Group) -> models.CharField:
    return models.CharField(group.question, max_length=10, choices=Visibility.choices, default=group.default)


def percent_field(verbose_name) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=[MaxValueValidator(100)]
    )


class OrganizationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def visible_to(self, user):
        """Organizations `user` may see listed: every published one, and drafts of their own."""
        if user is None or not user.is_authenticated:
            return self.published()
        return self.filter(models.Q(published_at__isnull=False) | models.Q(memberships__user=user)).distinct()


class Organization(models.Model):
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices, blank=True)
    # Translated into every language (fields.TRANSLATED; modeltranslation adds the columns).
    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    description = models.TextField(_("description"), blank=True)
    offers = models.TextField(_("we can share"), blank=True)
    needs = models.TextField(_("we look for"), blank=True)
    original_language = models.CharField(
        _("language of the original texts"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )

    country = models.ForeignKey(
        "core.Country", on_delete=models.PROTECT, related_name="organizations", verbose_name=_("country")
    )
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("region"),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True, validators=[MinValueValidator(1800)]
    )
    # The org-id.guide identifier, e.g. "KZ-BIN-123456789012"; null where none is known yet.
    identifier = models.CharField(_("identifier"), max_length=64, unique=True, null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)

    themes = models.ManyToManyField(
        "core.ThematicArea", blank=True, related_name="organizations", verbose_name=_("thematic areas")
    )
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)
    staff_count = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    volunteer_count = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    budget_band = models.CharField(_("annual budget"), max_length=16, choices=BudgetBand.choices, blank=True)
    funding_foreign = percent_field(_("foreign grants, %"))
    funding_state = percent_field(_("state funding, %"))
    funding_membership = percent_field(_("membership fees, %"))
    funding_business = percent_field(_("business, %"))
    funding_individual = percent_field(_("individual donations, %"))

    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    logo_thumbnail = models.ImageField(upload_to="logos/thumbnails/", blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)

    # Denormalized from the newest Verification, so lists need no join.
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)
    # A draft (null) is seen only by its members, until its creator publishes it.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    # The last change to what anyone may see (public fields, themes, logo, verification). Lists sorted by
    # "recently updated" read this, never `updated_at`, which also moves when a members-only field does.
    public_updated_at = models.DateTimeField(_("updated"), default=timezone.now, db_index=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("orgs:profile", args=[self.slug])

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def funding_mix(self) -> dict[str, int | None]:
        return {source: getattr(self, f"funding_{source}") for source in FUNDING_SOURCES}


# Who sees each sensitive group (fields.GROUPS), one column a group; the defaults are the conservative ones.
for _group in GROUPS:
    Organization.add_to_class(_group.setting, visibility_field(_group))
