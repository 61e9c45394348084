"""Apps plug into the shell through the registry: the header's menu, the search page's links to the apps'
own searches, the home page's counters. Core's templates name no app."""

import re
from pathlib import Path

import pytest

from birge.core import registry

pytestmark = pytest.mark.django_db

CORE_TEMPLATES = Path(registry.__file__).parent / "templates"


@pytest.fixture
def restored():
    """The registries as the apps filled them, put back after the test (the modules that read them hold
    the same dictionaries, so they are changed in place)."""
    registries = [registry.MENU, registry.SEARCH_ELSEWHERE, registry.HOME_COUNTERS]
    saved = [dict(entries) for entries in registries]
    yield
    for entries, before in zip(registries, saved, strict=True):
        entries.clear()
        entries.update(before)


def header(response) -> str:
    html = response.content.decode()
    return html[html.index("<header") : html.index("</header>")]


def test_a_registered_entry_is_in_the_header(client, restored):
    registry.register_menu_entry("Plugged in", "core:lite", order=1)
    shown = header(client.get("/ru/"))
    assert '<ul>\n<li><a href="/ru/lite/">Plugged in</a></li>\n' in shown


def test_an_entry_for_signed_in_people_is_not_shown_to_visitors(client, alice, restored):
    registry.register_menu_entry("Only mine", "core:lite", signed_in_only=True)
    assert "Only mine" not in header(client.get("/ru/"))
    client.force_login(alice)
    assert '<li><a href="/ru/lite/">Only mine</a></li>' in header(client.get("/ru/"))


def test_entries_follow_their_order_with_the_signed_in_ones_after(client, alice, restored):
    registry.register_menu_entry("Last", "core:lite", order=1000)
    registry.register_menu_entry("Mine first", "core:home", order=1, signed_in_only=True)
    client.force_login(alice)
    shown = header(client.get("/en/"))
    labels = re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', shown)
    assert labels.index("Search") < labels.index("Last") < labels.index("Mine first")


def test_the_search_page_links_to_the_apps_searches_with_the_query(client, restored):
    registry.SEARCH_ELSEWHERE.clear()
    registry.register_search_elsewhere("Lite for “%(query)s”", "core:lite", parameter="next")
    html = client.get("/en/search/", {"q": "<b>a&b</b> c"}).content.decode()
    link = '<a href="/en/lite/?next=%3Cb%3Ea%26b%3C/b%3E%20c">Lite for “&lt;b&gt;a&amp;b&lt;/b&gt; c”</a>'
    assert link in html


def test_a_home_counter_shows_its_number_words_and_link(client, restored):
    registry.HOME_COUNTERS.clear()
    registry.register_home_counter("things", lambda: 7, lambda n: f"things ({n})", url_name="core:search")
    registry.register_home_counter("unlinked", lambda: 3, lambda n: "plain")
    html = client.get("/en/").content.decode()
    assert '<li><strong><a href="/en/search/">7</a></strong> things (7)</li>' in html
    assert "<li><strong>3</strong> plain</li>" in html


def test_core_templates_name_no_app_url():
    """Core's templates link only core's own pages and the person's account (accounts and allauth serve
    the header's sign-in, profile and language links); every other app comes through the registry."""
    named = {
        (path.relative_to(CORE_TEMPLATES).as_posix(), name)
        for path in CORE_TEMPLATES.rglob("*.html")
        for name in re.findall(r"""\{%\s*url\s+['"]([^'"]+)['"]""", path.read_text())
    }
    assert named, "the pattern found no URL names at all"
    assert not [(path, name) for path, name in named if name.startswith("orgs:")]
    foreign = sorted(
        (path, name)
        for path, name in named
        if name.split(":")[0] not in {"core", "accounts"} and not name.startswith("account_")
    )
    assert not foreign, f"core's templates name other apps' pages: {foreign}"
