"""Routes of a response network's incident, included under a network's address (`<slug>/incident/`) by
birge/networks/urls.py, in the "networks" namespace."""

from django.urls import path

from birge.networks.response import views

urlpatterns = [
    path("", views.incident, name="incident"),
    path("edit/", views.incident_edit, name="incident_edit"),
    path("close/", views.incident_close, name="incident_close"),
    path("needs/new/", views.need_new, name="need_new"),
    path("needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("needs/<int:pk>/pledge/", views.need_pledge, name="need_pledge"),
]
