"""The directory: search with filters and facets, and its export. The URL holds the whole query."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.pagination import PageLinks
from birge.core.throttle import allow
from birge.core.usage import count_usage
from birge.orgs.directory.exports import write_csv, write_xlsx
from birge.orgs.directory.filters import filter_options
from birge.orgs.profiles.fields import EXPORT_COLUMNS
from birge.orgs.profiles.visibility import present_all
from birge.orgs.search import parse_query, search_organizations

EXPORT_LIMIT = 5000
SORTS = [
    ("relevance", gettext_lazy("most relevant")),
    ("name", gettext_lazy("by name")),
    ("updated", gettext_lazy("recently updated")),
]


def directory(request: HttpRequest) -> HttpResponse:
    query, problems = parse_query(request.GET)
    page = request.GET.get("page") or 1
    result = search_organizations(query, user=request.user, page=page, with_themes=False)  # cards show none
    params = request.GET.copy()
    params.pop("page", None)
    prefix = params.urlencode()
    verified = {facet.value: facet.count for facet in result.facets.get("verified", [])}
    context = {
        "query": query,
        "links": PageLinks(page=result.page, query_prefix=f"{prefix}&" if prefix else ""),
        "sorts": SORTS,
        "verified_count": verified.get("1", verified.get("true")),
        "problems": problems,
        "result": result,
        "cards": present_all(result.page.object_list, request.user),
        "options": filter_options(result.facets),
        "export_query": prefix,
    }
    return render(request, "orgs/directory/directory.html", context)


def export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The current result (up to EXPORT_LIMIT rows) with public fields only, whoever asks. Each download
    builds a file of thousands of rows, so it is throttled; it is counted, not audited: an export changes
    nothing, and a list of who read the directory would be a list worth stealing."""
    rate = (
        settings.EXPORT_RATE_LIMIT if request.user.is_authenticated else settings.EXPORT_RATE_LIMIT_ANONYMOUS
    )
    allowed, retry_after = allow(request, "orgs.export", rate)
    if not allowed:
        response = render(request, "429.html", status=429)
        response["Retry-After"] = str(retry_after)
        return response
    query, _problems = parse_query(request.GET)
    result = search_organizations(query, user=None, page=1, per_page=EXPORT_LIMIT)
    rows = [card.data() for card in present_all(result.page.object_list, None)]
    columns = [(key, str(label)) for key, label in EXPORT_COLUMNS]
    stamp = timezone.now().strftime("%Y%m%d")
    if file_format == "xlsx":
        body = write_xlsx(columns, rows, title=_("Organizations"))
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = write_csv(columns, rows)
        content_type = "text/csv; charset=utf-8"
    count_usage(f"orgs.export.{file_format}")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="birge-organizations-{stamp}.{file_format}"'
    return response
