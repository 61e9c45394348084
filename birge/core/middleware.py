"""Request set-up shared by every page: the language, lite mode and the viewer's time zone."""

import re
import zoneinfo
from contextlib import suppress

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

LITE_COOKIE = "birge_lite"

# Country codes people type for languages; `/kz/` is what many in Kazakhstan would try first.
LANGUAGE_ALIASES = {"kz": "kk", "kg": "ky", "tj": "tg", "tm": "tk", "uk": "en", "gb": "en"}
_PREFIX = re.compile(r"^/(?P<prefix>[A-Za-z]{2}(?:[-_][A-Za-z]{2,4})?)(?P<rest>/.*)?$")


def preferred_language(request: HttpRequest) -> str:
    """The language for a URL without a prefix: the signed-in user's choice, the cookie, the browser."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language in settings.LANGUAGE_CODES:
        return user.language
    return translation.get_language_from_request(request, check_path=False)


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, plus the user's saved language and a clean fallback for unknown prefixes."""

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        from_path = translation.get_language_from_path(request.path_info)
        if from_path is None:
            redirect = self._redirect_unknown_prefix(request)
            if redirect is not None:
                return redirect
        language = from_path or preferred_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def _redirect_unknown_prefix(self, request: HttpRequest) -> HttpResponse | None:
        match = _PREFIX.match(request.path_info)
        if not match:
            return None
        prefix = match["prefix"].lower()
        if prefix in settings.LANGUAGE_CODES:
            return None  # a known language in the wrong case, or with a region; Django resolves it
        language = LANGUAGE_ALIASES.get(prefix) or preferred_language(request)
        target = f"/{language}{match['rest'] or '/'}"
        if request.META.get("QUERY_STRING"):
            target += "?" + request.META["QUERY_STRING"]
        return HttpResponseRedirect(target)


def lite_mode_wanted(request: HttpRequest) -> bool:
    choice = request.COOKIES.get(LITE_COOKIE)
    if choice in {"1", "0"}:
        return choice == "1"
    return request.headers.get("Save-Data", "").strip().lower() == "on"


class LiteModeMiddleware:
    """Lite mode drops images: on when the browser asks to save data, or by the reader's choice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.lite = lite_mode_wanted(request)
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):  # only pages drop their images
            patch_vary_headers(response, ("Save-Data",))
        return response


class TimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = getattr(getattr(request, "user", None), "time_zone", "") or ""
        timezone.deactivate()
        # A zone removed from the tz database since it was saved leaves the site's default in place.
        if zone:
            with suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.activate(zoneinfo.ZoneInfo(zone))
        return self.get_response(request)
