"""Routes of the catalog, included by birge/events/urls.py after the other features', whose words would
otherwise be read as an event's address."""

from django.urls import path

from birge.events.catalog import views

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_new, name="new"),
    path("<slug:slug>/", views.event_page, name="event"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/publish/", views.event_publish, name="publish"),
    path("<slug:slug>/cancel/", views.event_cancel, name="cancel"),
    path("<slug:slug>/follow-up/", views.event_follow_up, name="follow_up"),
]
