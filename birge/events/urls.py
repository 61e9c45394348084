"""Routes of events. The features' own pages come first, so that their words ("mine", "calendar") are not
read as an event's address."""

from django.urls import include, path

app_name = "events"

urlpatterns = [
    path("", include("birge.events.calendars.urls")),
    path("", include("birge.events.registration.urls")),
    path("", include("birge.events.materials.urls")),
    path("", include("birge.events.catalog.urls")),
]
