"""Routes of materials, included by birge/events/urls.py."""

urlpatterns = []
