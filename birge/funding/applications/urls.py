"""The applicant's addresses, included by birge/funding/urls.py before the call slug patterns."""

from django.urls import path

from birge.funding.applications import views

urlpatterns = [
    path("applications/", views.applications, name="applications"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/save/", views.autosave, name="application_autosave"),
    path("applications/<int:pk>/partners/", views.partner, name="application_partners"),
    path("applications/<int:pk>/files/", views.upload, name="application_files"),
    path("applications/<int:pk>/files/<int:file_pk>/", views.attachment, name="application_file"),
    path("applications/<int:pk>/submit/", views.submit, name="application_submit"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="application_withdraw"),
    path("<slug:slug>/apply/", views.start, name="call_apply"),
]
