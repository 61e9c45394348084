"""Routes of calendars, included by birge/events/urls.py before the catalog's, so that "calendar" is not
read as an event's address."""

from django.urls import path

from birge.events.calendars import views

urlpatterns = [
    path("calendar/", views.calendars, name="calendars"),
    path("calendar/organization/<slug:slug>.ics", views.organization_feed, name="feed_organization"),
    path("calendar/country/<slug:code>.ics", views.country_feed, name="feed_country"),
    path("calendar/network/<slug:token>.ics", views.network_feed, name="feed_network"),
    path("calendar/network/<slug:slug>/renew/", views.feed_renew, name="feed_renew"),
    path("<slug:slug>/event.ics", views.event_ics, name="ics"),
]
