"""Organizations in the read API: the directory's search and the profile, as JSON. Both go through
`present`/`present_all`, the one path every other output takes, so a field hidden on the site is absent
here."""

from datetime import date

from django.conf import settings
from django.db.models import IntegerField
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import create_model

from birge.core.api import (
    ANSWERS_TO_EVERY_REQUEST,
    CountryCode,
    Error,
    RegionCode,
    Slug,
    ThemeSlug,
    value_enum,
)
from birge.orgs.profiles.fields import SENSITIVE_FIELDS
from birge.orgs.profiles.models import Kind, Organization
from birge.orgs.profiles.visibility import present, present_all
from birge.orgs.search import parse_query, search_organizations
from birge.orgs.search.criteria import SORTS

router = Router(tags=["organizations"])
PER_PAGE_LIMIT = 100
KindValue = value_enum("KindValue", Kind.values)
LanguageCode = value_enum("LanguageCode", settings.LANGUAGE_CODES)
SortOrder = value_enum("SortOrder", SORTS)


class PublicOrganizationOut(Schema):
    slug: str
    url: str
    name: str
    acronym: str
    kind: str
    legal_form: str
    country: str
    region: str
    founded_year: int | None
    identifier: str
    website: str
    email: str
    working_languages: list[str]
    themes: list[str]
    status: str
    verified_at: date | None
    description: str
    offers: str
    needs: str
    translations: dict[str, dict[str, str]]


def _sensitive_type(name: str) -> type:
    return int if isinstance(Organization._meta.get_field(name), IntegerField) else str


# The sensitive fields, each present only where the organization lets this caller see it.
OrganizationOut = create_model(
    "OrganizationOut",
    __base__=PublicOrganizationOut,
    **{name: (_sensitive_type(name) | None, None) for name in sorted(SENSITIVE_FIELDS)},
)


class OrganizationPage(Schema):
    count: int
    page: int
    pages: int
    results: list[OrganizationOut]


def _out(view) -> dict:
    data = view.data()
    data["verified_at"] = data["verified_at"] or None
    data["translations"] = view.translations
    return data


class SearchParameters(Schema):
    q: str = Field("", description="Words to find, in any script.")
    country: CountryCode = Field(None, description="ISO 3166-1 code of the country.")
    region: RegionCode = Field(None, description="Code of the region (ISO 3166-2 where there is one).")
    kind: KindValue = Field(None, description="What the organization is.")
    theme: ThemeSlug = Field(None, description="A thematic area; a broad one includes its sub-areas.")
    language: LanguageCode = Field(None, description="A working language of the organization.")
    verified: bool = Field(False, description="Only organizations a hub administrator has verified.")
    sort: SortOrder = Field(
        SortOrder.relevance, description="Relevance needs words in `q`; without them the order is by name."
    )
    page: int = Field(1, ge=1, description="Past the last page, the last page.")
    per_page: int = Field(20, ge=1, le=PER_PAGE_LIMIT)


@router.get(
    "/",
    response={200: OrganizationPage, 400: Error, **ANSWERS_TO_EVERY_REQUEST},
    exclude_unset=True,
    summary="Search organizations",
)
def organizations(request: HttpRequest, given: Query[SearchParameters]):
    """Published organizations matching the words of `q` in any script (Cyrillic and Latin spellings
    find each other, small typos still match) and the filters, as on the directory page."""
    # The values are valid by now; the directory's own reading still checks that the database has them.
    query, problems = parse_query(given.model_dump(exclude_none=True))
    if problems:
        # Only on an instance whose reference data lags behind its code (`birge migrate` loads it).
        raise HttpError(400, " ".join(str(problem) for problem in problems))
    result = search_organizations(query, user=request.user, page=given.page, per_page=given.per_page)
    return {
        "count": result.total,
        "page": result.page.number,
        "pages": result.page.paginator.num_pages,
        "results": [_out(view) for view in present_all(result.page.object_list, request.user)],
    }


@router.get(
    "/{slug}/",
    response={200: OrganizationOut, 404: Error, **ANSWERS_TO_EVERY_REQUEST},
    exclude_unset=True,
    summary="One organization",
)
def organization(request: HttpRequest, slug: Path[Slug]):
    """A published organization, or a draft to its members; 404 for anything else."""
    found = get_object_or_404(
        Organization.objects.visible_to(request.user)
        .select_related("country", "region")
        .prefetch_related("themes"),
        slug=slug,
    )
    return _out(present(found, request.user))
