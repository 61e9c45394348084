"""What every part of the read API shares: the error bodies each operation documents, and the throttles.

Each operation lists its own answers as `response={200: …, **ANSWERS_TO_EVERY_REQUEST}`, so that the
OpenAPI description names every status a client can meet (`tests/test_api_contract.py` holds it to that).
"""

from enum import StrEnum
from typing import Annotated

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Schema
from ninja.throttling import SimpleRateThrottle
from pydantic import StringConstraints

from .client_address import client_network
from .reference import reference_codes


class Error(Schema):
    detail: str


class InvalidParameter(Schema):
    type: str
    loc: list[str | int]
    msg: str


class InvalidRequest(Schema):
    """A parameter does not fit the description: each problem, where it is (`["query", "page"]`) and why."""

    detail: list[InvalidParameter]


ANSWERS_TO_EVERY_REQUEST = {422: InvalidRequest, 429: Error}

# Django's slug, as the pages' addresses take it.
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=80)]


def value_enum(name: str, values) -> type[StrEnum]:
    """The values a parameter takes, listed in the description so that a client (and schemathesis) knows
    every value that exists."""
    return StrEnum(name, [(value, value) for value in values])


# Built from the reference data files rather than the database: import time has no database, and
# `birge migrate` loads these files into it.
_codes = reference_codes()
CountryCode = value_enum("CountryCode", _codes["countries"])
RegionCode = value_enum("RegionCode", _codes["regions"])
ThemeSlug = value_enum("ThemeSlug", _codes["themes"])


class _Throttle(SimpleRateThrottle):
    """A limit from `settings.BIRGE_API_RATES[scope]`, read on each request rather than at start-up, so
    that a test can raise it (ninja parses its rates once)."""

    def __init__(self) -> None:
        super().__init__(settings.BIRGE_API_RATES[self.scope])

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.BIRGE_API_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AddressThrottle(_Throttle):
    """Anonymous callers, counted per address. The address is read as `client_network` reads it, so a
    made-up X-Forwarded-For counts for nothing unless a proxy of ours wrote it."""

    scope = "anonymous"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_network(request)}


class UserThrottle(_Throttle):
    """Signed-in callers, counted per user. The API has no `auth` of its own (a browser session is the
    caller), so ninja's AuthRateThrottle, which keys on `request.auth`, would never see them."""

    scope = "user"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


def throttles() -> list[SimpleRateThrottle]:
    return [AddressThrottle(), UserThrottle()]


def page_of(items, page: int, per_page: int, render) -> dict:
    """One page of `items` as every list of the API answers it: count, page, pages and the rendered
    results. Past the last page, the last page."""
    paginator = Paginator(items, per_page)
    found = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": found.number,
        "pages": paginator.num_pages,
        "results": [render(item) for item in found.object_list],
    }
