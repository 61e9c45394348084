"""Browser tests: Debian's Chromium driven by Playwright against the live test server, with axe-core
checking every page the browser visits for WCAG 2.1 A/AA violations."""

import json
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's Chromium is missing: run 'make test' (it installs it) or 'apt-get install chromium'."
        )
    if not AXE.exists():
        pytest.fail("axe-core is missing: run 'make test' (it runs 'npm ci').")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        # The closed network here refuses Chromium's background connections; keep it from making any.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


class Visitor:
    """Wraps a Playwright page: every navigation through it is followed by an axe-core run."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        page.on(
            "console", lambda message: message.type == "error" and self.console_errors.append(message.text)
        )

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def check(self) -> None:
        """axe-core on the current page; any WCAG 2.1 A/AA violation fails the test."""
        self.page.wait_for_load_state("load")
        self.page.evaluate(AXE.read_text())  # evaluated over the DevTools protocol, so the CSP allows it
        result = self.page.evaluate(
            "options => axe.run(document, options)", {"runOnly": {"type": "tag", "values": WCAG}}
        )
        violations = [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        assert not violations, f"{self.page.url}: {json.dumps(violations, ensure_ascii=False, indent=1)}"
        blocked = [error for error in self.console_errors if "Content Security Policy" in error]
        assert not blocked, blocked


@pytest.fixture
def visitor(page, live_server):
    return Visitor(page, live_server.url)


PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


@pytest.fixture
def phone_without_javascript(browser, live_server):
    # axe-core needs JavaScript, so pages here are checked by what they do, not by axe.
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context
    context.close()
