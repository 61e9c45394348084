"""Test helpers every app uses: byte budgets of a page and query counts. Imported by tests only."""

import json
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import compress_string
from whitenoise.compress import Compressor

from .compression import MAX_RANDOM_BYTES, brotli_compress, brotli_padding

# docs/budgets.md
HTML_BUDGET = 14 * 1024
FIRST_VISIT_BUDGET = 25 * 1024

_ASSET = re.compile(r"""<(?:link[^>]+href|script[^>]+src)=["']([^"']+)["']""")


def brotli_size(data: bytes) -> int:
    """The body CompressionMiddleware sends a browser that accepts Brotli (every current one), with the
    most random padding it may add."""
    return len(brotli_compress(data, max_random_bytes=0)) + len(brotli_padding(MAX_RANDOM_BYTES - 1))


def gzipped_size(data: bytes) -> int:
    """The body sent to a browser that accepts gzip only, with the most random padding."""
    return len(compress_string(data)) + MAX_RANDOM_BYTES


def static_size(data: bytes) -> int:
    """A static file as WhiteNoise serves it: the Brotli copy collectstatic writes beside it, which it keeps
    when that saves at least 5 %."""
    compressed = len(Compressor.compress_brotli(data))
    return compressed if compressed <= 0.95 * len(data) else len(data)


@dataclass(frozen=True)
class PageWeight:
    html: int  # bytes of the HTML as sent with Brotli
    assets: dict[str, int]  # URL -> bytes of each stylesheet, script and icon, as WhiteNoise sends it

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
            assets[url] = static_size(file.read())
    return PageWeight(html=brotli_size(html), assets=assets)


def assert_within_budget(response, *, status: int = 200) -> PageWeight:
    """The page is what was asked for (`status`: 200, or the error page a test weighs on purpose) and
    within the byte budgets."""
    assert response.status_code == status, f"status {response.status_code}, expected {status}"
    weight = page_weight(response.content)
    assert weight.html <= HTML_BUDGET, f"HTML is {weight.html} B compressed, budget {HTML_BUDGET}"
    assert weight.total <= FIRST_VISIT_BUDGET, f"first visit is {weight.total} B, budget {FIRST_VISIT_BUDGET}"
    return weight


# Collected by `make demo` and in production, but linked by no public page: left out of the tests' collection
# for speed (a page linking one of them would fail there on a missing manifest entry).
UNLINKED_STATIC = ["admin"]


def collect_static_as_deployed(overrides, root: Path) -> dict[str, str]:
    """Collect the static files into `root` as `make demo` and production do (hashed names, with Brotli and
    gzip copies beside them) and serve them from there; `overrides` is pytest-django's `settings` fixture,
    which undoes this after the test. Returns the manifest."""
    overrides.STATIC_ROOT = root
    overrides.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=UNLINKED_STATIC)
    return json.loads((root / "staticfiles.json").read_text())["paths"]


@contextmanager
def assert_queries(expected: int):
    """Exactly `expected` database queries inside the block; the message lists them when it fails."""
    with CaptureQueriesContext(connection) as captured:
        yield captured
    executed = len(captured.captured_queries)
    if executed != expected:
        listing = "\n".join(f"{i}. {q['sql']}" for i, q in enumerate(captured.captured_queries, 1))
        raise AssertionError(f"{executed} queries, expected {expected}:\n{listing}")


@dataclass(frozen=True)
class CountedRequest:
    response: object
    queries: list[str]  # the SQL of each query the request made, in order


def counted_get(client, url: str, **params) -> CountedRequest:
    """GET `url` and keep the queries it made."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    return CountedRequest(response, [query["sql"] for query in captured.captured_queries])


_LITERAL = re.compile(r"'(?:[^']|'')*'|\b\d+\b")
_LIST = re.compile(r"\((?:\?, )+\?\)")


def _statement(sql: str) -> str:
    """A query without its values, so that the same statement for two rows reads the same."""
    return _LIST.sub("(?)", _LITERAL.sub("?", sql))


def assert_same_queries(few: CountedRequest, many: CountedRequest, *, at_most: int) -> None:
    """The page read with more rows (`many`) made as many queries as with fewer (`few`), and no more than
    `at_most`. A failure names the statements the larger page repeats: the query run once per row."""
    if len(many.queries) != len(few.queries):
        grown = Counter(map(_statement, many.queries)) - Counter(map(_statement, few.queries))
        repeated = "\n".join(f"+{times}: {statement}" for statement, times in grown.most_common())
        raise AssertionError(
            f"{len(few.queries)} queries with few rows, {len(many.queries)} with many; "
            f"run more often with many:\n{repeated or '(none: fewer queries with many rows)'}"
        )
    if len(many.queries) > at_most:
        listing = "\n".join(f"{i}. {sql}" for i, sql in enumerate(many.queries, 1))
        raise AssertionError(f"{len(many.queries)} queries, at most {at_most} expected:\n{listing}")
