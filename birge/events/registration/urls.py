"""Routes of registration, included by birge/events/urls.py."""

urlpatterns = []
