"""Sign-up, e-mail confirmation, login, throttling, two-factor, profile, data export and deletion."""

import json
import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.cache import cache
from django.utils import translation

from birge.accounts.events import Verb
from birge.accounts.models import User
from birge.core.models import Event
from birge.core.testing import assert_queries, assert_within_budget
from conftest import PASSWORD, reauthenticate

from .totp import totp


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()  # allauth counts failed logins in the cache
    yield
    cache.clear()


def confirmation_link(message) -> str:
    return re.search(r"https?://[^\s]+/confirm-email/[^\s]+/", message.body).group(0)


def test_signup_sends_a_confirmation_in_the_users_language_and_confirming_logs_in(client, db):
    response = client.post(
        "/ky/accounts/signup/",
        {
            "email": "Aigul@Example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Айгүл",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email__iexact="aigul@example.org")
    assert (user.language, user.display_name) == ("ky", "Айгүл")
    assert len(mail.outbox) == 1
    link = confirmation_link(mail.outbox[0])
    assert "/ky/" in link

    page = client.get(link)
    assert page.status_code == 200
    assert client.post(link).status_code == 302
    assert client.get("/ky/accounts/profile/").status_code == 200  # logged in by the confirmation
    verbs = set(Event.objects.filter(actor=user).values_list("verb", flat=True))
    assert {Verb.ACCOUNT_SIGNED_UP, Verb.ACCOUNT_EMAIL_CONFIRMED, Verb.ACCOUNT_LOGGED_IN} <= verbs


def test_signup_errors_show_next_to_the_field_in_russian_and_keep_the_input(client, db):
    response = client.post(
        "/ru/accounts/signup/",
        {
            "email": "not-an-email",
            "password1": "short",
            "password2": "other",
            "display_name": "Мадина",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Мадина"' in html and 'value="not-an-email"' in html
    with translation.override("ru"):
        assert translation.gettext("Enter a valid email address.") in html
    assert User.objects.count() == 0


def test_unconfirmed_account_cannot_log_in(client, db):
    User.objects.create_user(email="new@example.org", password=PASSWORD)
    response = client.post("/en/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_login_with_wrong_password_says_so_and_keeps_the_email(client, alice):
    response = client.post("/ru/accounts/login/", {"login": "alice@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert 'value="alice@example.org"' in response.content.decode()
    assert Event.objects.filter(verb=Verb.ACCOUNT_LOGIN_FAILED, target_id=str(alice.pk)).exists()


def test_repeated_failed_logins_are_throttled(client, alice):
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": "alice@example.org", "password": "wrong"})
    response = client.post("/en/accounts/login/", {"login": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 200  # even the right password is refused while throttled
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_sends_a_link(client, alice):
    response = client.post("/en/accounts/password/reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert "/en/accounts/password/reset/key/" in mail.outbox[0].body


def test_totp_turns_on_and_is_then_required_at_login(alice_client, alice, django_capture_on_commit_callbacks):
    client = alice_client
    asked = client.get("/en/accounts/2fa/totp/activate/")
    assert asked.status_code == 302 and "/reauthenticate/" in asked["Location"]
    reauthenticate(client, "/en/accounts/2fa/totp/activate/")
    page = client.get("/en/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.content.decode())
    secret = secret.group(1) if secret else page.context["form"].secret
    bad = client.post("/en/accounts/2fa/totp/activate/", {"code": "000000"})
    assert bad.status_code == 200 and not Authenticator.objects.filter(user=alice).exists()
    with django_capture_on_commit_callbacks(execute=True):  # allauth signals after the commit
        response = client.post("/en/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=alice, type="totp").exists()
    assert Event.objects.filter(verb=Verb.ACCOUNT_MFA_ENABLED, actor=alice).exists()

    client.logout()
    response = client.post("/en/accounts/login/", {"login": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302 and "/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session
    client.post(
        "/en/accounts/2fa/authenticate/", {"code": "123456" if totp(secret) != "123456" else "654321"}
    )
    assert "_auth_user_id" not in client.session
    client.post("/en/accounts/2fa/authenticate/", {"code": totp(secret)})
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_profile_page_within_budget_and_constant_queries(alice_client):
    with assert_queries(4):  # the session, the user, whether mail to them bounces, the unread count
        response = alice_client.get("/ru/accounts/profile/")
    assert response.status_code == 200
    assert_within_budget(response)


def test_profile_errors_keep_the_input(alice_client, alice):
    response = alice_client.post(
        "/ru/accounts/profile/",
        {
            "display_name": "A" * 200,
            "language": "ru",
            "time_zone": "Asia/Bishkek",
        },
    )
    assert response.status_code == 200
    assert 'value="' + "A" * 200 in response.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == "Alice" and alice.time_zone != "Asia/Bishkek"


def test_profile_save_follows_the_new_language(alice_client, alice):
    response = alice_client.post(
        "/ru/accounts/profile/",
        {
            "display_name": "Alice",
            "language": "tk",
            "time_zone": "Asia/Ashgabat",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/tk/accounts/profile/"
    alice.refresh_from_db()
    assert (alice.language, alice.time_zone) == ("tk", "Asia/Ashgabat")


def test_profile_needs_login(client, db):
    response = client.get("/ru/accounts/profile/")
    assert response.status_code == 302 and "/ru/accounts/login/" in response["Location"]


def test_language_switch_returns_to_the_same_page_and_is_remembered(client, db):
    response = client.post("/ru/accounts/language/", {"language": "ky", "next": "/ru/search/?q=Ош"})
    assert response.status_code == 302 and response["Location"].startswith("/ky/search/?q=")
    assert response.cookies["birge_language"].value == "ky"
    assert client.get("/", headers={"accept-language": "ru"})["Location"] == "/ky/"


def test_language_switch_is_saved_in_the_profile(client, alice):
    client.force_login(alice)
    client.post("/ru/accounts/language/", {"language": "tg", "next": "/ru/"})
    alice.refresh_from_db()
    assert alice.language == "tg"
    assert Event.objects.get(verb=Verb.ACCOUNT_PROFILE_UPDATED).new == {"language": "tg"}


def test_language_switch_refuses_an_unknown_language(client, db):
    assert client.post("/ru/accounts/language/", {"language": "xx", "next": "/ru/"}).status_code == 400


def test_data_export_downloads_json(alice_client):
    response = alice_client.post("/en/accounts/export/")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["account"]["email"] == "alice@example.org"


def test_delete_needs_the_password_and_the_confirmation(alice_client, alice):
    response = alice_client.post("/ru/accounts/delete/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200 and User.objects.filter(pk=alice.pk).exists()
    response = alice_client.post("/ru/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()
    assert "_auth_user_id" not in alice_client.session


@pytest.mark.parametrize(
    "url",
    [
        "/ru/accounts/login/",
        "/ru/accounts/signup/",
        "/ru/accounts/password/reset/",
    ],
)
def test_entrance_pages_within_budget(client, db, url):
    assert_within_budget(client.get(url))


@pytest.mark.parametrize(
    "url",
    [
        "/ru/accounts/email/",
        "/ru/accounts/password/change/",
        "/ru/accounts/2fa/",
        "/ru/accounts/2fa/totp/activate/",
        "/ru/accounts/export/",
        "/ru/accounts/delete/",
    ],
)
def test_account_pages_within_budget(alice_client, url):
    reauthenticate(alice_client, url)
    response = alice_client.get(url)
    assert response.status_code == 200, url
    assert_within_budget(response)


def test_profile_refuses_a_display_name_with_a_control_character(alice_client, alice):
    response = alice_client.post(
        "/en/accounts/profile/",
        {"display_name": "Alice\r\nBcc: x@example.org", "language": "ru", "time_zone": "UTC"},
    )
    assert response.status_code == 200
    assert "Write this on one line: remove the line break." in response.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_signup_refuses_a_display_name_with_an_invisible_character(client, db):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "\u202eecilA",
        },
    )
    assert response.status_code == 200 and "U+202E" in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()
