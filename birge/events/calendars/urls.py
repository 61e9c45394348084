"""Routes of calendars, included by birge/events/urls.py."""

urlpatterns = []
