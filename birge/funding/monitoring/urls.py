"""Addresses of monitoring visits, under an award's (included before the call slug patterns)."""

from django.urls import path

from birge.funding.monitoring import views

urlpatterns = [
    path("awards/<int:pk>/visits/new/", views.visit_new, name="visit_new"),
    path("awards/<int:pk>/visits/<int:visit_pk>/", views.visit, name="visit"),
    path("awards/<int:pk>/visits/<int:visit_pk>/photos/<int:photo_pk>/", views.photo, name="visit_photo"),
    path(
        "awards/<int:pk>/visits/<int:visit_pk>/actions/<int:action_pk>/done/",
        views.follow_up_done,
        name="follow_up_done",
    ),
]
