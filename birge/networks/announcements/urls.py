"""Routes of announcements, included under a network's address by birge/networks/urls.py."""

from django.urls import path

from birge.networks.announcements import views

urlpatterns = [
    path("", views.announcements, name="announcements"),
    path("<int:pk>/", views.announcement, name="announcement"),
]
