"""The register's open data, for download: grants as 360Giving (JSON, CSV, XLSX) and social contracts as
OCDS (JSON), with the register's filters (country, region, operator, theme, year) from the query string.

The files are the same for everyone, so these views read no session and set no cookie, and any cache on
the way may keep a copy for an hour.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from birge.funding.awards.models import Award
from birge.funding.opendata import ocds, threesixty
from birge.funding.register.reads import RegisterFilters, awards

PUBLIC_SECONDS = 3600
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _awards(request: HttpRequest) -> QuerySet[Award]:
    """The awards the register shows for the same filters."""
    return awards(RegisterFilters.from_query(request.GET))


def _source(request: HttpRequest) -> str:
    # The site's own address, not the request's Host header: the file names where it is published.
    return f"{settings.BIRGE_SITE_URL}{request.get_full_path()}"


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
    return response


def _json(package: dict) -> bytes:
    return json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")


@require_safe
def grants_json(request: HttpRequest) -> HttpResponse:
    package = threesixty.grants_package(_awards(request), source_url=_source(request))
    return _download(_json(package), "application/json", "birge-360giving.json")


@require_safe
def grants_csv(request: HttpRequest) -> HttpResponse:
    package = threesixty.grants_package(_awards(request), source_url=_source(request))
    return _download(threesixty.grants_csv(package), "text/csv; charset=utf-8", "birge-360giving.csv")


@require_safe
def grants_xlsx(request: HttpRequest) -> HttpResponse:
    package = threesixty.grants_package(_awards(request), source_url=_source(request))
    return _download(threesixty.grants_xlsx(package), XLSX, "birge-360giving.xlsx")


@require_safe
def contracts_json(request: HttpRequest) -> HttpResponse:
    package = ocds.release_package(_awards(request), uri=_source(request))
    return _download(_json(package), "application/json", "birge-ocds.json")
