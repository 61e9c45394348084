"""Addresses of this feature, included by birge/funding/urls.py before the call slug patterns."""

from django.urls import path

from birge.funding.review import views

urlpatterns: list = [
    path("review/", views.reviews, name="reviews"),
    path("review/<int:pk>/", views.review, name="review"),
    path("<slug:slug>/reviewers/", views.call_reviewers, name="call_reviewers"),
    path("<slug:slug>/ranking/", views.call_ranking, name="call_ranking"),
    path("<slug:slug>/ranking.xlsx", views.call_ranking_xlsx, name="call_ranking_xlsx"),
]
