"""Addresses of this feature, included by birge/funding/urls.py before the call slug patterns ("awards" is a
reserved slug)."""

from django.urls import path

from birge.funding.awards import views

urlpatterns: list = [
    path("awards/", views.awards, name="awards"),
    path("applications/<int:pk>/award/", views.award_new, name="award_new"),
    path("awards/<int:pk>/", views.award, name="award"),
    path("awards/<int:pk>/tranches/<int:number>/pay/", views.tranche_pay, name="tranche_pay"),
]
