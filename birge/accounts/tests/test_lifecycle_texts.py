"""The export and deletion pages list what each app exports and erases, in the app's own words
(`AccountHooks.exported` and `erased`): accounts names no app's things."""

from dataclasses import replace
from pathlib import Path

import pytest

from birge.core.registry import ACCOUNT_HOOKS, AccountHooks, register_account_hooks

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture
def hooks():
    """The apps' hooks as registered, put back after the test."""
    saved = dict(ACCOUNT_HOOKS)
    yield ACCOUNT_HOOKS
    ACCOUNT_HOOKS.clear()
    ACCOUNT_HOOKS.update(saved)


def list_items(html: str) -> list[str]:
    start = html.index("<ul>", html.index('<main id="main"'))
    return [item.split("</li>")[0] for item in html[start : html.index("</ul>", start)].split("<li>")[1:]]


def test_the_export_page_lists_each_apps_part_between_the_accounts_own(alice_client, hooks):
    register_account_hooks("grants", AccountHooks(exported="your grant applications"))
    items = list_items(alice_client.get("/en/accounts/export/").content.decode())
    assert items[:2] == ["your profile and e-mail addresses", "which two-factor methods are on"]
    assert items[-1] == "what you have done on the platform"
    assert "your memberships and requests to manage organizations" in items
    assert "your grant applications" in items


def test_the_deletion_page_lists_what_each_app_erases(alice_client, hooks):
    register_account_hooks("grants", AccountHooks(erased="your grant applications & their budgets"))
    html = alice_client.get("/en/accounts/delete/").content.decode()
    items = list_items(html)
    assert items[0] == "your e-mail addresses, name and settings"
    assert items[-1] == "your name and address wherever the history of changes held them"
    assert "your grant applications &amp; their budgets" in items
    assert any(item.startswith("your memberships, the invitations sent to you") for item in items)
    assert "This cannot be undone." in html


def test_an_app_without_texts_adds_no_item(alice_client, hooks):
    for label, app_hooks in list(hooks.items()):
        hooks[label] = replace(app_hooks, exported="", erased="")
    export = list_items(alice_client.get("/en/accounts/export/").content.decode())
    delete = list_items(alice_client.get("/en/accounts/delete/").content.decode())
    # Accounts' own: profile and addresses, two-factor methods, notifications, activity; on deletion two.
    assert len(export) == 4 and len(delete) == 2


def test_the_texts_follow_the_language(alice_client):
    html = alice_client.get("/ru/accounts/delete/").content.decode()
    assert "отправленные вам приглашения" in html
    assert "Вместе с аккаунтом будут удалены:" in html


def test_the_account_pages_name_no_organization():
    texts = [path.read_text() for path in TEMPLATES.rglob("*.html")]
    assert texts and not [text for text in texts if "organi" in text.lower() or "orgs:" in text]
