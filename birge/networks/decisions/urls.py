"""Routes of a network's decisions, included under `<slug>/decisions/` by birge/networks/urls.py."""

from django.urls import path

from birge.networks.decisions import views

urlpatterns = [
    path("", views.decision_list, name="decisions"),
    path("new/", views.decision_new, name="decision_new"),
    path("<int:pk>/", views.decision_page, name="decision"),
    path("<int:pk>/vote/", views.decision_vote, name="decision_vote"),
    path("<int:pk>/anonymous/", views.decision_anonymous, name="decision_anonymous"),
    path("<int:pk>/outcome/", views.decision_outcome, name="decision_outcome"),
]
