"""The address a request comes from, for every limit counted per address (the API's throttle, allauth's
failed-login limit). One reading, so that a header no proxy of ours wrote can lift none of them.

X-Forwarded-For is a list each proxy appends to: `client-supplied…, client, proxy 1, …`. With
`BEHIND_PROXY = N` the client is the Nth entry from the right, the one the outermost of our proxies wrote;
everything left of it came from the client and proves nothing. Without a proxy the header is ignored
and the connection's own address counts.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# One subscriber usually holds a whole /64 of IPv6 addresses; counting its addresses one by one would let
# it take a fresh one for every request.
IPV6_PREFIX = 64


def _clean(value: str) -> str:
    """An address in its canonical form, or "" for anything that is not one (ports and brackets are
    dropped: `[2001:db8::1]:443` is `2001:db8::1`)."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return ""
    # An IPv4 client seen through an IPv6 socket (`::ffff:203.0.113.7`) is that IPv4 address.
    return str(getattr(address, "ipv4_mapped", None) or address)


def client_ip(request: HttpRequest) -> str:
    """The client's address as far as this deployment can know it; "" if the request carries none."""
    remote = _clean(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.BEHIND_PROXY
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not proxies or not forwarded:
        return remote
    hops = forwarded.split(",")
    # Fewer entries than proxies means a proxy was skipped or wrote none; the left-most is then the
    # best there is (as ninja and Django REST framework read it).
    return _clean(hops[-min(proxies, len(hops))]) or remote


def client_network(request: HttpRequest) -> str:
    """What a per-address limit counts: the IPv4 address, or the /64 network of an IPv6 address."""
    address = client_ip(request)
    if ":" not in address:
        return address
    return str(ipaddress.IPv6Network(f"{address}/{IPV6_PREFIX}", strict=False).network_address)
