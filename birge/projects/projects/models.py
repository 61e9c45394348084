"""A joint project: a lead organization and its partners across countries, what they set out to do, and
who may see it. A project of a secret network is as invisible as the network."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from birge.funding.programs.models import Currency


class Status(models.TextChoices):
    """In the order of a project's life; each maps to an IATI activity status (birge.projects.iati)."""

    PLANNED = "planned", pgettext_lazy("project status", "planned")
    ACTIVE = "active", pgettext_lazy("project status", "under way")
    COMPLETED = "completed", pgettext_lazy("project status", "completed")
    SUSPENDED = "suspended", pgettext_lazy("project status", "suspended")
    CANCELLED = "cancelled", pgettext_lazy("project status", "cancelled")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    PARTNERS = "partners", _("the project's organizations only")


class ProjectQuerySet(models.QuerySet):
    def known_to(self, viewer):
        """Projects the person may see (`viewer` a `projects.permissions.ProjectViewer`): public ones whose
        network, if any, is not secret, and every project of an organization they belong to."""
        from birge.networks.networks.models import Visibility as NetworkVisibility

        public = models.Q(visibility=Visibility.PUBLIC) & (
            models.Q(network__isnull=True) | ~models.Q(network__visibility=NetworkVisibility.SECRET)
        )
        member_of = list(viewer.viewer.member_of)
        if not member_of:
            return self.filter(public)
        ours = models.Q(pk__in=Partner.objects.filter(organization_id__in=member_of).values("project_id"))
        return self.filter(public | ours)


class Project(models.Model):
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    # One objective per line.
    objectives = models.TextField(_("objectives"), blank=True, help_text=_("One objective per line."))
    language = models.CharField(
        _("language of the texts"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    visibility = models.CharField(
        _("who may see it"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # The lead is also a Partner row (role "lead"), so that every list of the project's organizations is one.
    lead = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="led_projects", verbose_name=_("lead")
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("network"),
    )
    themes = models.ManyToManyField(
        "core.ThematicArea", blank=True, related_name="projects", verbose_name=_("thematic areas")
    )
    countries = models.ManyToManyField(
        "core.Country", blank=True, related_name="projects", verbose_name=_("countries where it works")
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.USD)
    # Peer development: a stronger organization helps a weaker one grow, across a border.
    peer_development = models.BooleanField(_("peer development"), default=False)
    mentor = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentee"),
    )
    award = models.ForeignKey(
        "funding.Award",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("funding award"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")

    def __str__(self) -> str:
        return self.title

    @property
    def objective_lines(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("lead")
    PARTNER = "partner", _("partner")
    COFUNDER = "cofunder", _("co-funder")


class Partner(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="project_partnerships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    contribution = models.CharField(_("what it brings"), max_length=300, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "role", "pk"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(fields=["project", "organization"], name="projects_partner_once")
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.organization}"
