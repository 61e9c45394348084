import pytest
from django.test import RequestFactory

from birge.core.client_address import client_ip, client_network


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.BEHIND_PROXY = 0
    assert client_ip(request_from("192.0.2.10", "198.51.100.1, 203.0.113.7")) == "192.0.2.10"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the left one the client wrote itself
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),  # fewer entries than proxies: the left-most a proxy wrote
        (1, " 2001:DB8::1 ", "2001:db8::1"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "203.0.113.7:5123", "203.0.113.7"),
        (1, "::ffff:203.0.113.7", "203.0.113.7"),
    ],
)
def test_behind_proxies_the_entry_the_outermost_proxy_wrote_counts(settings, proxies, forwarded, client):
    settings.BEHIND_PROXY = proxies
    assert client_ip(request_from("10.0.0.1", forwarded)) == client


def test_behind_a_proxy_a_request_without_the_header_or_with_garbage_counts_as_the_connection(settings):
    settings.BEHIND_PROXY = 1
    assert client_ip(request_from("10.0.0.1")) == "10.0.0.1"
    assert client_ip(request_from("10.0.0.1", "unknown")) == "10.0.0.1"


def test_a_request_without_an_address_has_none(settings):
    settings.BEHIND_PROXY = 0
    assert client_ip(request_from("")) == ""


def test_an_ipv6_client_is_counted_by_its_64_network(settings):
    settings.BEHIND_PROXY = 0
    assert client_network(request_from("2001:db8:0:1:aaaa::1")) == "2001:db8:0:1::"
    assert client_network(request_from("2001:db8:0:1:bbbb::2")) == "2001:db8:0:1::"
    assert client_network(request_from("192.0.2.10")) == "192.0.2.10"
