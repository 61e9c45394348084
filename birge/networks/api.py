"""Networks in the read API: the listed ones (public, and those whose content is for members), with their
member organizations that have a published profile. A secret network is never here, whoever asks: the API
answers as the site answers a visitor who belongs to no network."""

from datetime import datetime

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from birge.core.api import ANSWERS_TO_EVERY_REQUEST, CountryCode, Error, Slug, ThemeSlug, page_of, value_enum
from birge.networks.membership.models import NetworkMembership
from birge.networks.networks.models import Kind, Network
from birge.networks.networks.reads import NetworkFilters, known_networks
from birge.networks.permissions import NetworkViewer

router = Router(tags=["networks"])
PER_PAGE_LIMIT = 100

KindValue = value_enum("NetworkKind", Kind.values)


class MemberOut(Schema):
    organization: str = Field(description="The slug of the organization in /organizations/.")
    name: str
    country: str
    role: str = Field(description="coordinator, committee or member.")
    joined_at: datetime


class NetworkOut(Schema):
    slug: str
    url: str
    name: str
    description: str
    language: str = Field(description="The language the name and description are written in.")
    kind: str
    visibility: str = Field(description="public, or members_only: listed, its discussions for members.")
    status: str
    countries: list[str]
    themes: list[str]
    part_of: str | None = Field(description="The slug of the network this one belongs to, if listed.")
    members: int = Field(description="How many member organizations, published or not.")


class NetworkDetailOut(NetworkOut):
    member_organizations: list[MemberOut] = Field(description="Members whose profile is published.")


class NetworkPage(Schema):
    count: int
    page: int
    pages: int
    results: list[NetworkOut]


def _listed(filters: NetworkFilters):
    """What the list page shows a visitor who belongs to no network, with what the API adds of each."""
    return known_networks(NetworkViewer(None), filters).select_related("parent").prefetch_related("themes")


def _out(request: HttpRequest, network: Network) -> dict:
    parent = network.parent
    return {
        "slug": network.slug,
        "url": request.build_absolute_uri(reverse("networks:network", args=[network.slug])),
        "name": network.name,
        "description": network.description,
        "language": network.language,
        "kind": network.kind,
        "visibility": network.visibility,
        "status": network.status,
        "countries": [country.code for country in network.countries.all()],
        "themes": [theme.slug for theme in network.themes.all()],
        "part_of": parent.slug if parent is not None and not parent.is_secret else None,
        "members": network.member_count,
    }


class NetworkParameters(Schema):
    q: str = Field(None, max_length=100, description="Words of the name or description, in any script.")
    kind: KindValue = Field(None)
    country: CountryCode = Field(None)
    theme: ThemeSlug = Field(None, description="A thematic area; a broad one includes its sub-areas.")
    closed: bool = Field(False, description="Also closed networks.")
    page: int = Field(1, ge=1, description="Past the last page, the last page.")
    per_page: int = Field(20, ge=1, le=PER_PAGE_LIMIT)


@router.get("/", response={200: NetworkPage, **ANSWERS_TO_EVERY_REQUEST}, summary="Search networks")
def networks(request: HttpRequest, given: Query[NetworkParameters]):
    """Listed networks of organizations, by name."""
    filters = NetworkFilters(
        q=given.q or "",
        kind=given.kind or "",
        country=given.country or "",
        theme=given.theme or "",
        closed=given.closed,
    )
    return page_of(_listed(filters), given.page, given.per_page, lambda network: _out(request, network))


@router.get(
    "/{slug}/",
    response={200: NetworkDetailOut, 404: Error, **ANSWERS_TO_EVERY_REQUEST},
    summary="One network",
)
def network(request: HttpRequest, slug: Path[Slug]):
    """A listed network with its published member organizations; 404 for a secret network, exactly as for
    an address where nothing is."""
    members = NetworkMembership.objects.filter(organization__published_at__isnull=False).select_related(
        "organization__country"
    )
    found = get_object_or_404(
        _listed(NetworkFilters(closed=True)).prefetch_related(
            Prefetch("memberships", queryset=members.order_by("organization__name"))
        ),
        slug=slug,
    )
    return {
        **_out(request, found),
        "member_organizations": [
            {
                "organization": row.organization.slug,
                "name": row.organization.name,
                "country": row.organization.country.code,
                "role": row.role,
                "joined_at": row.joined_at,
            }
            for row in found.memberships.all()
        ],
    }
