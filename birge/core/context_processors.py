from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language


def shell(request: HttpRequest) -> dict:
    """What the base layout needs on every page."""
    return {
        "site_name": settings.BIRGE_SITE_NAME,
        "languages": settings.LANGUAGES,
        "current_language": get_language(),
        "lite": getattr(request, "lite", False),
    }
