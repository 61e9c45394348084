"""What the project pages read: the list with its filters, one project for the person looking, its
organizations by country, the awards it may link, and the projects an organization's profile lists."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Prefetch, Q
from django.http import Http404

from birge.funding.awards.models import Award
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.visibility import present_all
from birge.projects.permissions import ProjectViewer
from birge.projects.projects.models import Partner, PartnerRole, Project, Status

MAX_QUERY = 100
# The lead first, then partners, then co-funders.
ROLE_ORDER = {PartnerRole.LEAD: 0, PartnerRole.PARTNER: 1, PartnerRole.COFUNDER: 2}


@dataclass(frozen=True)
class ProjectFilters:
    country: str = ""
    theme: str = ""
    status: str = ""
    peer: bool = False
    organization: str = ""

    @classmethod
    def from_query(cls, params) -> ProjectFilters:
        def one(name: str) -> str:
            value = params.get(name, "")
            return "".join(char for char in value if char.isprintable())[:MAX_QUERY].strip()

        status = one("status")
        return cls(
            country=one("country")[:2].upper(),
            theme=one("theme")[:64],
            status=status if status in Status.values else "",
            peer=params.get("peer") == "1",
            organization=one("organization")[:80],
        )


def partners_prefetch() -> Prefetch:
    """The project's organizations, as every permission question and list of partners reads them."""
    return Prefetch(
        "partners", queryset=Partner.objects.select_related("organization__country").order_by("role", "pk")
    )


def known_projects(viewer: ProjectViewer, filters: ProjectFilters = ProjectFilters()):
    """The projects this person may know of, filtered, with what a list row shows."""
    projects = viewer.known(Project.objects.all())
    if filters.country:
        projects = projects.filter(countries__code=filters.country)
    if filters.theme:
        projects = projects.filter(Q(themes__slug=filters.theme) | Q(themes__parent__slug=filters.theme))
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.peer:
        projects = projects.filter(peer_development=True)
    if filters.organization:
        projects = projects.filter(
            pk__in=Partner.objects.filter(organization__slug=filters.organization).values("project_id")
        )
    return (
        projects.distinct().select_related("lead").prefetch_related("countries").order_by("-updated_at", "pk")
    )


def project_or_404(viewer: ProjectViewer, slug: str) -> Project:
    """The project at `slug`, if it exists for this person: a private project answers an outsider exactly
    as an address where nothing is."""
    project = (
        Project.objects.select_related("lead", "network", "mentor", "mentee", "award")
        .prefetch_related(partners_prefetch())
        .filter(slug=slug)
        .first()
    )
    if project is None or not viewer.may_know(project):
        raise Http404
    return project


def partners_by_country(project: Project, viewer: ProjectViewer) -> list[dict]:
    """The project's organizations grouped by country, each as this person may see it, with its role; a
    profile no longer published is shown only to its own members."""
    mine = viewer.viewer.member_of
    rows = sorted(
        (
            partner
            for partner in project.partners.all()
            if partner.organization.published_at is not None or partner.organization_id in mine
        ),
        key=lambda partner: (
            partner.organization.country.position,
            partner.organization.country.code,
            ROLE_ORDER.get(partner.role, 9),
            partner.organization.name,
        ),
    )
    cards = present_all([row.organization for row in rows], viewer.viewer)
    groups = []
    for country, items in groupby(
        zip(cards, rows, strict=True), key=lambda pair: pair[1].organization.country
    ):
        members = list(items)
        groups.append({"country": country, "partners": members, "count": len(members)})
    return groups


def partner_choices(project: Project) -> list[Organization]:
    """The project's organizations (from the prefetched partners), for the mentor and mentee choices."""
    return [partner.organization for partner in project.partners.all()]


def linkable_awards(project: Project):
    """Awards the project may link: those made to one of its organizations."""
    ids = [partner.organization_id for partner in project.partners.all()]
    return Award.objects.filter(organization_id__in=ids).order_by("-signed_on", "-pk")


def profile_projects(organization, viewer) -> dict | None:
    """The profile's section: the projects the organization takes part in that the person looking may
    know of."""
    known = Project.objects.known_to(ProjectViewer.of(viewer))
    rows = list(
        Partner.objects.filter(organization=organization, project__in=known)
        .select_related("project")
        .order_by("project__title", "project__pk")
    )
    return {"partnerships": rows} if rows else None


def project_partners(member_of: set[int]):
    """The partner rule's projects source: the ids of organizations that work on a joint project with one
    of `member_of` (a query, read by the directory together with its own partnerships). Working together
    on a project is a partnership, as sharing a network is: fields an organization opens to partners show
    to the people of its fellow project organizations."""
    shared = Partner.objects.filter(organization_id__in=member_of).order_by().values("project_id")
    return Partner.objects.filter(project_id__in=shared).order_by().values_list("organization_id", flat=True)
