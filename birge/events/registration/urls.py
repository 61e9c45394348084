"""Routes of registration, included by birge/events/urls.py before the catalog's: "mine/" and
"certificates/..." come before any pattern that reads its first part as an event's address."""

from django.urls import path

from birge.events.registration import views

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("certificates/<str:code>/", views.certificate_check, name="certificate_check"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/register/cancel/", views.registration_cancel, name="registration_cancel"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants/export/", views.participants_export, name="participants_export"),
    path("<slug:slug>/certificate.pdf", views.certificate, name="certificate"),
]
