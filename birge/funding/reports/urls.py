"""Addresses of this feature, included by birge/funding/urls.py before the call slug patterns."""

from django.urls import path

from birge.funding.reports import views

urlpatterns: list = [
    path("awards/<int:pk>/reports/<int:number>/", views.report, name="report"),
    path("awards/<int:pk>/reports/<int:number>/decide/", views.report_decide, name="report_decide"),
    path("awards/<int:pk>/reports/<int:number>/files/<int:file_pk>/", views.report_file, name="report_file"),
]
