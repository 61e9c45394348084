"""Reads of an organization's pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from birge.orgs.profiles.models import Organization


def organization_or_404(user, slug: str, queryset=None) -> Organization:
    """The organization at `slug` if `user` may see it at all, else 404 — never 403: a draft's address
    must answer an outsider exactly as an address where nothing exists does."""
    queryset = Organization.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(user), slug=slug)
