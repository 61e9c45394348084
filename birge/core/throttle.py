"""A per-address limit for expensive anonymous requests (the directory export), beside allauth's login
throttle and the API's: a fixed window counted in the cache, which every worker process shares."""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

from .client_address import client_network

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """ "20/h" is twenty an hour; "5/10m" five in ten minutes."""
        count, _slash, period = text.partition("/")
        number, unit = period[:-1] or "1", period[-1]
        return cls(int(count), int(number) * _UNITS[unit])


def allow(request: HttpRequest, scope: str, rate: str) -> tuple[bool, int]:
    """Count this request against `rate` for its user when signed in, else for its address; (allowed,
    seconds until the window ends)."""
    limit = Rate.parse(rate)
    now = time.time()
    window = int(now // limit.seconds)
    user = getattr(request, "user", None)
    who = f"user:{user.pk}" if user is not None and user.is_authenticated else client_network(request)
    key = f"throttle:{scope}:{who}:{window}"
    cache.add(key, 0, limit.seconds + 5)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, limit.seconds + 5)
        used = 1
    return used <= limit.count, int((window + 1) * limit.seconds - now) + 1
