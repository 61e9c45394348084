"""Every public page as a first-time visitor's browser receives it: Chromium loads each page cold (a fresh
context, no cookies, nothing cached) from a server that sends static files as demo and production do
(collected, precompressed, through WhiteNoise), and the bytes that crossed the wire are held to the budgets
of docs/budgets.md. The demo data fills the pages, so the directory lists as many organizations as it does
for a visitor of the demo."""

import io

import pytest
from pytest_django.live_server_helper import LiveServer

from birge.core.testing import FIRST_VISIT_BUDGET, HTML_BUDGET, collect_static_as_deployed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/ru/",
    "/kk/",
    "/ru/orgs/",
    "/ru/orgs/?q=Zhasyl&country=KZ",
    "/tg/orgs/?country=TJ&theme=children-youth",
    "/ru/orgs/?sort=name&page=2",
    "/ru/orgs/zamini-obod-sughd/",
    "/ru/orgs/kz-ministry-labour/",
    "/ru/search/?q=Ош",
    "/ru/events/",
    "/ru/events/central-asia-civil-society-forum/",
    "/ru/projects/",
    "/ru/projects/accessible-city-pavlodar-dushanbe/",
    "/ru/accounts/login/",
    "/ru/accounts/signup/",
    "/ru/accounts/password/reset/",
    "/ru/no-such-page/",
    "/api/v1/organizations/",
    "/api/v1/organizations/?country=KZ&sort=name",
    "/api/v1/organizations/zamini-obod-sughd/",
    "/api/v1/events/",
    "/api/v1/projects/",
]


def _as_deployed(application):
    """The live server's own static handler serves files uncompressed, bypassing the middleware; without
    it WhiteNoise answers /static/ from the collected files, as under `birge serve`."""
    return application


@pytest.fixture
def deployed_server(transactional_db, reference, settings, tmp_path):
    from birge.accounts import demo as accounts_demo
    from birge.events import demo as events_demo
    from birge.orgs import demo as orgs_demo
    from birge.projects import demo as projects_demo

    accounts_demo.load(io.StringIO())
    orgs_demo.load(io.StringIO())
    events_demo.load(io.StringIO())
    projects_demo.load(io.StringIO())
    collect_static_as_deployed(settings, tmp_path)
    server = LiveServer("localhost", start=False)
    server.thread.static_handler = _as_deployed
    server.start()
    yield server
    server.stop()


def received(browser, url: str) -> list[dict]:
    """Load `url` in a fresh anonymous context; one row per response the browser received, with its size
    on the wire (headers and body as sent, compressed) from Chromium's own count."""
    context = browser.new_context()
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    rows = []
    for request in finished:
        headers = request.response().headers
        sizes = request.sizes()
        rows.append(
            {
                "url": request.url,
                "type": request.resource_type,
                "content_type": headers.get("content-type", ""),
                "encoding": headers.get("content-encoding", ""),
                "wire": sizes["responseHeadersSize"] + sizes["responseBodySize"],
            }
        )
    context.close()
    return rows


def test_every_public_page_arrives_compressed_and_within_budget(browser, deployed_server):
    report, failures = [], []
    for path in PAGES:
        rows = received(browser, deployed_server.url + path)
        document = next(row for row in rows if row["type"] == "document")
        total = sum(row["wire"] for row in rows)
        report.append(f"{path:45} {document['encoding'] or '-':5} {document['wire']:>6} {total:>6}")
        if document["encoding"] not in {"br", "gzip"}:
            failures.append(f"{path}: arrived with no compression")
        # The API's JSON is no page: only the first-visit budget holds for it.
        if document["content_type"].startswith("text/html") and document["wire"] > HTML_BUDGET:
            failures.append(f"{path}: the HTML arrived as {document['wire']} B, budget {HTML_BUDGET}")
        if total > FIRST_VISIT_BUDGET:
            failures.append(f"{path}: a first visit received {total} B, budget {FIRST_VISIT_BUDGET}")
        for row in rows:
            if row["type"] == "stylesheet" and row["encoding"] not in {"br", "gzip"}:
                failures.append(f"{path}: {row['url']} arrived with no compression")
    print("\n" + "\n".join(report))  # the figures, for `pytest -s`
    assert not failures, "\n".join(failures)
