"""Reads of the core app that are more than a one-line queryset."""

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from birge.core.models import Country, Region, ThematicArea
from birge.core.registry import HOME_COUNTERS


def home_counts(user_model) -> dict[str, int]:
    return {
        "countries": Country.objects.filter(is_home=True).count(),
        "regions": Region.objects.filter(country__is_home=True).count(),
        "themes": ThematicArea.objects.count(),
        "members": user_model.objects.filter(is_active=True).count(),
    }


def app_counters() -> list[dict]:
    """The numbers the apps show on the home page (`birge.core.registry.HOME_COUNTERS`), each with its
    words and link."""
    counters = []
    for counter in HOME_COUNTERS.values():
        number = counter.count()
        counters.append(
            {
                "number": number,
                "label": counter.label(number),
                "url": reverse(counter.url_name) if counter.url_name else "",
            }
        )
    return counters


def _name_matches(query: str) -> Q:
    """A match of `query` in the name in any language, so a Kazakh speaker finds a Russian-only name."""
    condition = Q()
    for code in settings.LANGUAGE_CODES:
        condition |= Q(**{f"name_{code}__icontains": query})
    return condition


def search_reference(query: str) -> list[dict]:
    """Countries, regions and thematic areas whose name contains `query`, in a stable order."""
    where = _name_matches(query)
    countries: QuerySet = Country.objects.filter(where).annotate(region_count=Count("regions"))
    regions = Region.objects.filter(where).select_related("country")
    themes = ThematicArea.objects.filter(where).select_related("parent")
    return [
        *(
            {
                "kind": _("Country"),
                "name": c.name,
                "detail": ngettext("%(count)d region", "%(count)d regions", c.region_count)
                % {"count": c.region_count},
            }
            for c in countries
        ),
        *({"kind": r.get_kind_display(), "name": r.name, "detail": r.country.name} for r in regions),
        *(
            {"kind": _("Thematic area"), "name": t.name, "detail": t.parent.name if t.parent else ""}
            for t in themes
        ),
    ]
