"""The journey of issue 2: sign up, confirm the e-mail, turn on TOTP, log out, log in with a code, and
switch to Kyrgyz."""

import re
import time

import pytest
from django.core import mail
from django.utils import translation

from birge.accounts.models import User
from birge.accounts.tests.totp import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Samarqand-2026-river"


def gettext_in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def test_sign_up_confirm_totp_log_in_with_code_and_switch_to_kyrgyz(visitor, live_server):
    page = visitor.page
    visitor.goto("/ru/accounts/signup/")
    page.fill("#id_email", "madina@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.fill("#id_display_name", "Мадина")
    page.click("main button[type=submit]")
    visitor.check()
    assert User.objects.get(email="madina@example.org").language == "ru"

    link = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    visitor.goto(link)
    page.click("main button[type=submit]")
    visitor.check()
    assert "Мадина" in page.inner_text("header")

    visitor.goto("/ru/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        visitor.check()
    secret = page.input_value("#authenticator_secret")
    page.fill("#id_code", totp(secret))
    page.click("main button[type=submit]")
    visitor.check()
    assert "/2fa/" in page.url and "activate" not in page.url

    page.click("header form button[type=submit]")  # log out
    visitor.check()
    assert "Мадина" not in page.inner_text("header")

    visitor.goto("/ru/accounts/login/")
    page.fill("#id_login", "madina@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    visitor.check()
    assert "/2fa/authenticate/" in page.url
    # A code is accepted once; use the next period's if the one used at activation is still current.
    time.sleep(max(0.0, 30 - time.time() % 30 + 1) if time.time() % 30 > 25 else 0)
    page.fill("#id_code", totp(secret, at=time.time()))
    page.click("main button[type=submit]")
    visitor.check()
    if "/2fa/authenticate/" in page.url:  # the same 30-second period as activation: wait for the next one
        time.sleep(30 - time.time() % 30 + 1)
        page.fill("#id_code", totp(secret))
        page.click("main button[type=submit]")
        visitor.check()
    assert "Мадина" in page.inner_text("header")

    page.click("header details.langs summary")
    page.click("header button[value=ky]")
    visitor.check()
    assert "/ky/" in page.url
    assert page.get_attribute("html", "lang") == "ky"
    search_in_kyrgyz = gettext_in("ky", "Search")
    assert search_in_kyrgyz != "Search"
    assert search_in_kyrgyz in page.inner_text("header nav")
    assert User.objects.get(email="madina@example.org").language == "ky"
