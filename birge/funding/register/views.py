"""The public register: anyone, signed in or not, reads every announced call with its figures, every award
and every program's totals, with charts and the same figures as CSV and XLSX.

The pages read no session and set no cookie for a visitor, so a cache in front of Birge may keep them.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from birge.core.charts import Bar, bar_chart
from birge.core.choices import reference_choices
from birge.core.pagination import paginate
from birge.funding.awards.models import Award
from birge.funding.register import exports
from birge.funding.register.reads import (
    RegisterFilters,
    awards,
    by_region,
    by_theme,
    by_year,
    calls,
    filter_choices,
    program_totals,
)

AWARDS_PAGE = 50
CALLS_PAGE = 50
# A visitor's copy may be kept this long by a cache on the way; the figures change with decisions only.
PUBLIC_SECONDS = 600


def public(view):
    """Cacheable by anyone for a visitor; private for someone signed in (the page's header names them)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
        return response

    return wrapped


def _chart(groups, title: str, chart_id: str) -> dict:
    return {
        "id": chart_id,
        "title": title,
        "svg": bar_chart([Bar(group.label, group.count) for group in groups], title=title, chart_id=chart_id),
        "groups": groups,
    }


def _choices() -> dict:
    reference = reference_choices()
    return {
        "countries": [(code, name) for code, name, is_home in reference.countries if is_home],
        "themes": [(slug, name) for slug, name, parent in reference.areas if parent is None],
        **filter_choices(),
    }


@public
def register(request: HttpRequest) -> HttpResponse:
    filters = RegisterFilters.from_query(request.GET)
    figures = calls(filters)
    selected = awards(filters)
    context = {
        "filters": filters,
        "filtered": filters != RegisterFilters(),
        "query": urlencode(filters.query()),
        "totals": program_totals(figures),
        "links": paginate(request, figures, per_page=CALLS_PAGE),
        "latest": list(selected[:10]),
        "award_count": selected.count(),
        "charts": [
            _chart(by_region(selected, _("no region")), _("Awards by region"), "by-region"),
            _chart(by_theme(selected, _("no theme")), _("Awards by theme"), "by-theme"),
            _chart(by_year(selected), _("Awards by year"), "by-year"),
        ],
        **_choices(),
    }
    return render(request, "funding/register/register.html", context)


@public
def award_list(request: HttpRequest) -> HttpResponse:
    filters = RegisterFilters.from_query(request.GET)
    context = {
        "filters": filters,
        "filtered": filters != RegisterFilters(),
        "query": urlencode(filters.query()),
        "links": paginate(request, awards(filters), per_page=AWARDS_PAGE),
        **_choices(),
    }
    return render(request, "funding/register/awards.html", context)


@public
def award(request: HttpRequest, pk: int) -> HttpResponse:
    found = (
        Award.objects.select_related(
            "organization", "country", "region", "application__call__program__operator"
        )
        .prefetch_related("tranches")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    tranches = list(found.tranches.all())
    context = {
        "award": found,
        "call": found.application.call,
        "paid": sum(tranche.amount for tranche in tranches if tranche.paid_on),
        "tranches": tranches,
    }
    return render(request, "funding/register/award.html", context)


@public
def download(request: HttpRequest, what: str, fmt: str) -> HttpResponse:
    filters = RegisterFilters.from_query(request.GET)
    if what == "calls":
        columns, rows = exports.call_columns(), exports.call_rows(calls(filters))
    else:
        columns, rows = exports.award_columns(), exports.award_rows(awards(filters))
    return exports.response(columns, rows, fmt=fmt, name=f"birge-register-{what}", title=what)
