"""The admin has no login of its own: its form would skip two-factor authentication and the throttle."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from conftest import PASSWORD, make_user


@pytest.fixture
def staff_with_totp(db):
    user = make_user("root@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_a_password_posted_to_the_admin_login_gives_no_session(client, staff_with_totp):
    response = client.post("/admin/login/", {"username": staff_with_totp.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/ru/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_admin_login_sends_people_to_the_account_login_and_back(client, db):
    response = client.get("/admin/login/?next=/admin/orgs/")
    assert response.status_code == 302
    assert response["Location"] == "/ru/accounts/login/?next=%2Fadmin%2Forgs%2F"


def test_the_account_login_asks_the_second_factor_before_the_admin_opens(client, staff_with_totp):
    response = client.post(
        "/en/accounts/login/?next=/admin/", {"login": staff_with_totp.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and "/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_thirty_wrong_passwords_at_the_admin_are_throttled_by_the_account_login(client, staff_with_totp):
    for _n in range(30):
        admin = client.post("/admin/login/", {"username": staff_with_totp.email, "password": "wrong"})
        assert admin.status_code == 302  # no password check of its own: only the account login checks
        client.post("/en/accounts/login/", {"login": staff_with_totp.email, "password": "wrong"})
    right = client.post("/en/accounts/login/", {"login": staff_with_totp.email, "password": PASSWORD})
    # Even the right password waits: the address is over its limit (a page of its own, in the language).
    assert right.status_code == 429 and "Too many attempts" in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_signed_in_member_without_staff_rights_gets_403_at_the_admin(client, alice):
    client.force_login(alice)
    assert client.get("/admin/login/").status_code == 403


@pytest.mark.parametrize("model", ["event", "usagecount"])
def test_the_site_administrator_reads_the_audit_log_and_counts_but_edits_neither(client, site_admin, model):
    client.force_login(site_admin)
    assert client.get(f"/admin/core/{model}/").status_code == 200
    assert client.get(f"/admin/core/{model}/add/").status_code == 403


@pytest.mark.parametrize(
    "path", ["/admin/mfa/authenticator/", "/admin/account/emailaddress/", "/admin/account/emailconfirmation/"]
)
def test_the_admin_shows_no_authenticator_secret_and_edits_no_address(
    client, site_admin, staff_with_totp, path
):
    client.force_login(site_admin)
    assert client.get(path).status_code == 404
    index = client.get("/admin/").content.decode()
    assert "/admin/mfa/" not in index and "/admin/account/emailaddress/" not in index
