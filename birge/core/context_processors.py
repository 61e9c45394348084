from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .registry import MENU


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Menu:
    """The header's main menu, resolved: the links for everyone, and those only signed-in people see (the
    template chooses by its `user`, so that building the menu never loads the user)."""

    everyone: list[Link]
    signed_in: list[Link]


def main_menu(request: HttpRequest) -> Menu:
    """The registered menu entries with their URLs, reversed once per request and language (reversing
    reads no database)."""
    language = get_language()
    resolved = getattr(request, "_main_menus", None)
    if resolved is None:
        resolved = request._main_menus = {}
    if language not in resolved:
        entries = sorted(MENU.values(), key=lambda entry: entry.order)
        links = {
            signed_in_only: [
                Link(entry.label, reverse(entry.url_name))
                for entry in entries
                if entry.signed_in_only == signed_in_only
            ]
            for signed_in_only in (False, True)
        }
        resolved[language] = Menu(everyone=links[False], signed_in=links[True])
    return resolved[language]


def _unread(request: HttpRequest) -> int:
    from .notifications.reads import unread_count

    user = getattr(request, "user", None)
    return unread_count(user) if user is not None and user.is_authenticated else 0


def shell(request: HttpRequest) -> dict:
    """What the base layout needs on every page."""
    return {
        "site_name": settings.BIRGE_SITE_NAME,
        "languages": settings.LANGUAGES,
        "current_language": get_language(),
        "lite": getattr(request, "lite", False),
        "menu": SimpleLazyObject(lambda: main_menu(request)),
        # Read only where the header shows it (signed in), and then mostly from the cache.
        "unread_notices": SimpleLazyObject(lambda: _unread(request)),
    }
