"""Who the hub administrators are, for the pages and for the services that write to them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from birge.orgs.hubs.models import HubAdministrator


def hub_administrators_of(country_id: int) -> QuerySet:
    """The active accounts that are hub administrators of the country: they hear of its claims and changes."""
    return get_user_model().objects.filter(hub_appointments__country_id=country_id, is_active=True)


def appointments() -> QuerySet[HubAdministrator]:
    """Every appointment with its person, country and appointer, in the order of the countries (the home
    countries' own order), then by when it was made: one query however many there are."""
    return HubAdministrator.objects.select_related("user", "country", "appointed_by").order_by(
        "country__position", "country__code", "created_at"
    )
