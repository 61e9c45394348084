"""Reads of an organization's partners."""

from __future__ import annotations

from birge.orgs.profiles.models import Organization


def partners_of(organization: Organization):
    """The organizations `organization` lists as partners, with what a card shows of them."""
    return Organization.objects.filter(listed_as_partner__organization=organization).select_related(
        "country", "region"
    )
