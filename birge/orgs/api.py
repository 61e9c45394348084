"""Organizations in the read API: the directory's search and the profile, as JSON. Both go through
`present`/`present_all`, the one path every other output takes, so a field hidden on the site is absent
here."""

from datetime import date

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from .models import Organization
from .search import parse_query, search_organizations
from .visibility import present, present_all

router = Router(tags=["organizations"])
PER_PAGE_LIMIT = 100


class OrganizationOut(Schema):
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
    # Present only where the organization lets this caller see them.
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    phone: str | None = None
    address: str | None = None
    staff_count: int | None = None
    volunteer_count: int | None = None
    budget_band: str | None = None
    funding_foreign: int | None = None
    funding_state: int | None = None
    funding_membership: int | None = None
    funding_business: int | None = None
    funding_individual: int | None = None


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


@router.get("/", response=OrganizationPage, exclude_unset=True, summary="Search organizations")
def organizations(
    request: HttpRequest,
    q: str = "",
    country: str = "",
    region: str = "",
    kind: str = "",
    theme: str = "",
    language: str = "",
    verified: bool = False,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
):
    """Published organizations matching the words of `q` in any script (Cyrillic and Latin spellings
    find each other, small typos still match) and the filters, as on the directory page."""
    query, problems = parse_query(request.GET)
    if problems:
        raise HttpError(400, " ".join(str(problem) for problem in problems))
    result = search_organizations(
        query, user=request.user, page=page, per_page=min(max(per_page, 1), PER_PAGE_LIMIT)
    )
    return {
        "count": result.total,
        "page": result.page.number,
        "pages": result.page.paginator.num_pages,
        "results": [_out(view) for view in present_all(result.page.object_list, request.user)],
    }


@router.get("/{slug}/", response=OrganizationOut, exclude_unset=True, summary="One organization")
def organization(request: HttpRequest, slug: str):
    found = get_object_or_404(
        Organization.objects.visible_to(request.user)
        .select_related("country", "region")
        .prefetch_related("themes"),
        slug=slug,
    )
    return _out(present(found, request.user))
