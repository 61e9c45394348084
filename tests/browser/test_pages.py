"""Every page of the shell and the account area: no axe violation at phone width, in Russian and in a
local language; the language menu and the login form work with JavaScript turned off."""

import pytest

from conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [
    "/{lang}/",
    "/{lang}/search/?q=Ош",
    "/{lang}/search/?q=zzzz",
    "/{lang}/accounts/login/",
    "/{lang}/accounts/signup/",
    "/{lang}/accounts/password/reset/",
    "/{lang}/no-such-page/",
]
PRIVATE = [
    "/{lang}/accounts/profile/",
    "/{lang}/accounts/email/",
    "/{lang}/accounts/password/change/",
    "/{lang}/accounts/2fa/",
    "/{lang}/accounts/export/",
    "/{lang}/accounts/delete/",
]


@pytest.mark.parametrize("lang", ["ru", "tg"])
def test_public_pages_are_accessible_on_a_phone(phone, live_server, reference, lang):
    from tests.browser.conftest import Visitor

    visitor = Visitor(phone.new_page(), live_server.url)
    for path in PUBLIC:
        visitor.goto(path.format(lang=lang))
        width = visitor.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path}: the page is {width}px wide on a 360px screen"


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_account_pages_are_accessible_on_a_phone(phone, live_server, lang):
    from tests.browser.conftest import Visitor

    make_user("nodir@example.org", display_name="Nodir")
    visitor = Visitor(phone.new_page(), live_server.url)
    visitor.goto(f"/{lang}/accounts/login/")
    visitor.page.fill("#id_login", "nodir@example.org")
    visitor.page.fill("#id_password", PASSWORD)
    visitor.page.click("main button[type=submit]")
    for path in PRIVATE:
        visitor.goto(path.format(lang=lang))
        assert "/login/" not in visitor.page.url


def test_language_menu_and_login_work_without_javascript(phone_without_javascript, live_server):
    make_user("nodir@example.org", display_name="Nodir")
    page = phone_without_javascript.new_page()
    page.goto(live_server.url + "/ru/search/?q=Ош")
    page.click("header details.langs summary")
    page.click("header a[hreflang=tk]")
    assert page.url.startswith(live_server.url + "/tk/search/?q=")
    assert page.get_attribute("html", "lang") == "tk"
    page.goto(live_server.url + "/tk/accounts/login/")
    page.fill("#id_login", "nodir@example.org")
    page.fill("#id_password", "wrong password")
    page.click("main button[type=submit]")
    assert page.input_value("#id_login") == "nodir@example.org"  # the input survives the error
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    assert "Nodir" in page.inner_text("header")
