"""Addresses of this feature, included by birge/funding/urls.py before the call slug patterns."""

from django.urls import path

from birge.funding.decisions import views

urlpatterns: list = [
    path("<slug:slug>/decisions/", views.call_decisions, name="call_decisions"),
    path("<slug:slug>/decisions/<int:pk>/", views.application_decide, name="application_decide"),
]
