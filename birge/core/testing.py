"""Test helpers every app uses: byte budgets of a page and query counts. Imported by tests only."""

import gzip
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

# DESIGN.md §4
HTML_BUDGET = 14 * 1024
FIRST_VISIT_BUDGET = 25 * 1024

_ASSET = re.compile(r"""<(?:link[^>]+href|script[^>]+src)=["']([^"']+)["']""")


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


@dataclass(frozen=True)
class PageWeight:
    html: int  # compressed bytes
    assets: dict[str, int]  # URL -> compressed bytes of each stylesheet, script and icon it links

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())


def page_weight(html: bytes) -> PageWeight:
    """The compressed weight of a page as a first visit downloads it: the HTML and every local asset."""
    assets = {}
    for url in _ASSET.findall(html.decode()):
        if url.startswith(("http:", "https:", "//")):
            raise AssertionError(f"the page loads {url} from another site")
        if not url.startswith(settings.STATIC_URL):
            continue
        path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
        if path is None:
            raise AssertionError(f"the page links {url}, which does not exist")
        with open(path, "rb") as file:
            assets[url] = gzipped_size(file.read())
    return PageWeight(html=gzipped_size(html), assets=assets)


def assert_within_budget(response) -> PageWeight:
    assert response.status_code in {200, 403, 404, 500}, response.status_code
    weight = page_weight(response.content)
    assert weight.html <= HTML_BUDGET, f"HTML is {weight.html} B compressed, budget {HTML_BUDGET}"
    assert weight.total <= FIRST_VISIT_BUDGET, f"first visit is {weight.total} B, budget {FIRST_VISIT_BUDGET}"
    return weight


@contextmanager
def assert_queries(expected: int):
    """Exactly `expected` database queries inside the block; the message lists them when it fails."""
    with CaptureQueriesContext(connection) as captured:
        yield captured
    executed = len(captured.captured_queries)
    if executed != expected:
        listing = "\n".join(f"{i}. {q['sql']}" for i, q in enumerate(captured.captured_queries, 1))
        raise AssertionError(f"{executed} queries, expected {expected}:\n{listing}")
