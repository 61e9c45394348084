"""Joint projects in the read API: the projects the caller may know, as the list page shows them, with
their organizations (those with a published profile), indicators with their values, and the titles of the
published progress reports.

Without a session the API answers as the site answers a visitor: public projects only. A signed-in
browser session also sees the private projects of its person's organizations; a project of someone
else's, for its organizations only, or of a secret network, is answered 404 exactly as an address where
nothing is."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from birge.core.api import ANSWERS_TO_EVERY_REQUEST, CountryCode, Error, Slug, ThemeSlug, page_of, value_enum
from birge.networks.networks.models import Visibility as NetworkVisibility
from birge.projects.indicators.models import Indicator, ProgressReport, ReportStatus, Value
from birge.projects.permissions import ProjectViewer
from birge.projects.projects.models import Partner, Project, Status
from birge.projects.projects.reads import ProjectFilters, known_projects

router = Router(tags=["projects"])
PER_PAGE_LIMIT = 100

StatusValue = value_enum("ProjectStatus", Status.values)


class PartnerOut(Schema):
    organization: str = Field(description="The slug of the organization in /organizations/.")
    name: str
    country: str
    role: str = Field(description="lead, partner or cofunder.")
    contribution: str


class ValueOut(Schema):
    period_start: dt.date
    period_end: dt.date
    actual: float
    comment: str


class IndicatorOut(Schema):
    name: str
    unit: str
    baseline: float
    baseline_year: int | None
    target: float
    values: list[ValueOut] = Field(description="The value reached in each reporting period, oldest first.")


class ReportOut(Schema):
    title: str
    url: str
    period_start: dt.date
    period_end: dt.date
    published_at: dt.datetime | None


class ProjectOut(Schema):
    slug: str
    url: str
    title: str
    summary: str
    language: str = Field(description="The language the texts are written in.")
    status: str = Field(description="planned, active, completed, suspended or cancelled.")
    visibility: str = Field(description="public, or partners: for the project's organizations only.")
    lead: str = Field(description="The slug of the lead organization.")
    countries: list[str]
    themes: list[str]
    starts_on: dt.date | None
    ends_on: dt.date | None
    currency: str
    peer_development: bool
    updated_at: dt.datetime


class ProjectDetailOut(ProjectOut):
    goal: str
    objectives: list[str]
    network: str | None = Field(description="The slug of the network the project belongs to, if listed.")
    mentor: str | None = Field(description="Peer development: the slug of the mentor organization.")
    mentee: str | None = Field(description="Peer development: the slug of the mentee organization.")
    award: int | None = Field(description="The funding award's id in /register/awards/, if one is linked.")
    partners: list[PartnerOut] = Field(description="The organizations whose profile is published.")
    indicators: list[IndicatorOut]
    reports: list[ReportOut] = Field(description="The published progress reports, newest period first.")


class ProjectPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ProjectOut]


def _out(request: HttpRequest, project: Project) -> dict:
    return {
        "slug": project.slug,
        "url": request.build_absolute_uri(reverse("projects:project", args=[project.slug])),
        "title": project.title,
        "summary": project.summary,
        "language": project.language,
        "status": project.status,
        "visibility": project.visibility,
        "lead": project.lead.slug,
        "countries": [country.code for country in project.countries.all()],
        "themes": [theme.slug for theme in project.themes.all()],
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "currency": project.currency,
        "peer_development": project.peer_development,
        "updated_at": project.updated_at,
    }


class ProjectParameters(Schema):
    country: CountryCode = Field(None)
    theme: ThemeSlug = Field(None, description="A thematic area; a broad one includes its sub-areas.")
    status: StatusValue = Field(None)
    page: int = Field(1, ge=1, description="Past the last page, the last page.")
    per_page: int = Field(20, ge=1, le=PER_PAGE_LIMIT)


@router.get("/", response={200: ProjectPage, **ANSWERS_TO_EVERY_REQUEST}, summary="Search joint projects")
def projects(request: HttpRequest, given: Query[ProjectParameters]):
    """Joint projects the caller may know, most recently changed first."""
    filters = ProjectFilters(country=given.country or "", theme=given.theme or "", status=given.status or "")
    found = known_projects(ProjectViewer.of(request.user), filters).prefetch_related("themes")
    return page_of(found, given.page, given.per_page, lambda project: _out(request, project))


def _slug(organization) -> str | None:
    return organization.slug if organization is not None else None


@router.get(
    "/{slug}/",
    response={200: ProjectDetailOut, 404: Error, **ANSWERS_TO_EVERY_REQUEST},
    summary="One joint project",
)
def project(request: HttpRequest, slug: Path[Slug]):
    """A project with its organizations, indicators and published reports; 404 for one the caller may
    not know, exactly as for an address where nothing is."""
    partners = Partner.objects.filter(organization__published_at__isnull=False).select_related(
        "organization__country"
    )
    indicators = Indicator.objects.prefetch_related(
        Prefetch("values", queryset=Value.objects.order_by("period_start", "pk"))
    ).order_by("position", "pk")
    reports = ProgressReport.objects.filter(status=ReportStatus.PUBLISHED).order_by("-period_end", "-pk")
    found = get_object_or_404(
        known_projects(ProjectViewer.of(request.user))
        .select_related("network", "mentor", "mentee")
        .prefetch_related(
            "themes",
            Prefetch("partners", queryset=partners.order_by("role", "pk"), to_attr="published_partners"),
            Prefetch("indicators", queryset=indicators),
            Prefetch("reports", queryset=reports, to_attr="published_reports"),
        ),
        slug=slug,
    )
    network = found.network
    return {
        **_out(request, found),
        "goal": found.goal,
        "objectives": found.objective_lines,
        "network": network.slug if network and network.visibility != NetworkVisibility.SECRET else None,
        "mentor": _slug(found.mentor) if found.peer_development else None,
        "mentee": _slug(found.mentee) if found.peer_development else None,
        "award": found.award_id,
        "partners": [
            {
                "organization": row.organization.slug,
                "name": row.organization.name,
                "country": row.organization.country.code,
                "role": row.role,
                "contribution": row.contribution,
            }
            for row in found.published_partners
        ],
        "indicators": [
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": float(indicator.baseline),
                "baseline_year": indicator.baseline_year,
                "target": float(indicator.target),
                "values": [
                    {
                        "period_start": value.period_start,
                        "period_end": value.period_end,
                        "actual": float(value.actual),
                        "comment": value.comment,
                    }
                    for value in indicator.values.all()
                ],
            }
            for indicator in found.indicators.all()
        ],
        "reports": [
            {
                "title": report.title,
                "url": request.build_absolute_uri(reverse("projects:report", args=[found.slug, report.pk])),
                "period_start": report.period_start,
                "period_end": report.period_end,
                "published_at": report.published_at,
            }
            for report in found.published_reports
        ],
    }
