"""One way to cut a list into pages, tolerant of whatever a shared link carries in `page`."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest


@dataclass(frozen=True)
class PageLinks:
    page: Page
    query_prefix: str  # the request's query string without `page`, ready for "?{prefix}page=N"

    def url(self, number: int) -> str:
        return f"?{self.query_prefix}page={number}"

    @property
    def numbers(self) -> list[int | None]:
        """Page numbers to show: the first, the last and two around the current one; None is a gap."""
        current, last = self.page.number, self.page.paginator.num_pages
        wanted = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        shown: list[int | None] = []
        for number in wanted:
            if shown and shown[-1] is not None and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown


def paginate(request: HttpRequest, items, per_page: int | None = None) -> PageLinks:
    """The requested page of `items`; a missing, malformed or out-of-range `page` gives the nearest page."""
    paginator = Paginator(items, per_page or settings.BIRGE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return PageLinks(page=page, query_prefix=f"{encoded}&" if encoded else "")
