"""Routes of this feature, included under a network's address by birge/networks/urls.py (placeholder
until the feature's views land)."""

from django.http import Http404
from django.urls import path


def _not_yet(request, slug):
    raise Http404


urlpatterns = [
    path("", _not_yet, name="incident"),
    path("incident_edit/", _not_yet, name="incident_edit"),
]
