"""Addresses of this feature, included by birge/funding/urls.py before the call slug patterns."""

from django.urls import path

from birge.funding.builder import views

urlpatterns: list = [
    path("<slug:slug>/form/", views.call_form, name="call_form"),
    path("<slug:slug>/form/preview/", views.call_form_preview, name="call_form_preview"),
]
