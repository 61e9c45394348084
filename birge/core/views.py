"""The shell's own pages: home, search, lite-mode switch, health check and error pages."""

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from .activity import feed
from .middleware import LITE_COOKIE
from .pagination import paginate
from .reads import app_counters, home_counts, search_reference
from .registry import SEARCH_ELSEWHERE

# How many of the latest things the home page tells.
HOME_FEED_LENGTH = 8


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "counts": home_counts(get_user_model()),
        "app_counters": app_counters(),
        "activity": feed(request.user, limit=HOME_FEED_LENGTH),
    }
    return render(request, "core/home.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    results = search_reference(query) if query else []
    context = {"query": query, "links": paginate(request, results), "elsewhere": search_elsewhere(query)}
    return render(request, "core/search.html", context)


def search_elsewhere(query: str) -> list[dict]:
    """The apps' own searches for `query` (`birge.core.registry.SEARCH_ELSEWHERE`), as links. The label is
    treated as a template's translated text: the translation as it is, the query escaped."""
    if not query:
        return []
    links = sorted(SEARCH_ELSEWHERE.values(), key=lambda link: link.order)
    return [
        {
            "label": mark_safe(link.label % {"query": conditional_escape(query)}),
            "url": f"{reverse(link.url_name)}?{link.parameter}={quote(query, safe='/')}",
        }
        for link in links
    ]


def clean_query(text: str, limit: int = 200) -> str:
    """A search string as the database can take it: no control characters (PostgreSQL refuses NUL),
    whitespace collapsed, and no longer than any real query."""
    printable = "".join(char if char.isprintable() else " " for char in text[: limit * 4])
    return " ".join(printable.split())[:limit]


def safe_next(request: HttpRequest, fallback: str = "/") -> str:
    """The `next` of a form, if it points back into this site; otherwise `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if allowed else fallback


@never_cache
@require_GET
def lite(request: HttpRequest) -> HttpResponse:
    """The footer's link turns lite mode on or off in this browser (a cookie; nothing is stored), so that
    the pages it sits on hold no form and set no cookie."""
    response = HttpResponseRedirect(safe_next(request))
    response.set_cookie(
        LITE_COOKIE,
        "1" if request.GET.get("lite") == "1" else "0",
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@requires_csrf_token
def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token, most often from a page kept open past its session."""
    return render(request, "403.html", {"csrf_failed": True}, status=403)


@requires_csrf_token
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors and no database: the error may be the database itself.
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return HttpResponse(loader.get_template("500.html").render({"current_language": language}), status=500)
