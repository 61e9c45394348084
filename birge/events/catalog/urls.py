"""Routes of catalog, included by birge/events/urls.py."""

urlpatterns = []
