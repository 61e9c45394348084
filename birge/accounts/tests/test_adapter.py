"""The failed-login limit counts per client address read as the API reads it (birge.core.client_address)."""

from conftest import PASSWORD

LOGIN = "/en/accounts/login/"
THROTTLED = "Too many failed login attempts"


def fail_ten_logins(client, forwarded_for) -> None:
    """Ten failed logins, each for another account, so that only the per-address limit (10/m) is met."""
    for number in range(10):
        response = client.post(
            LOGIN,
            {"login": f"nobody{number}@example.org", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=forwarded_for(number),
        )
        assert THROTTLED not in response.content.decode()


def test_a_made_up_forwarded_for_does_not_lift_the_failed_login_limit(client, alice, settings):
    settings.BEHIND_PROXY = 0
    fail_ten_logins(client, lambda number: f"198.51.100.{number}")
    response = client.post(
        LOGIN, {"login": alice.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.99"
    )
    assert THROTTLED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_behind_one_proxy_one_clients_failed_logins_do_not_lock_out_another(client, alice, settings):
    settings.BEHIND_PROXY = 1
    fail_ten_logins(client, lambda number: f"198.51.100.{number}, 203.0.113.7")
    again = client.post(
        LOGIN, {"login": alice.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert THROTTLED in again.content.decode()
    other = client.post(
        LOGIN, {"login": alice.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert other.status_code == 302 and client.session["_auth_user_id"] == str(alice.pk)
