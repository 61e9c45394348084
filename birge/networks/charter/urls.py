"""The charter's routes, under a network's address (birge/networks/urls.py includes them)."""

from django.urls import path

from birge.networks.charter import views

urlpatterns = [
    path("", views.charter, name="charter"),
    path("edit/", views.charter_edit, name="charter_edit"),
    path("versions/", views.charter_versions, name="charter_versions"),
    path("versions/<int:number>/", views.charter_version, name="charter_version"),
    path("versions/<int:number>/charter.docx", views.charter_docx, name="charter_docx"),
    path("versions/<int:number>/charter.pdf", views.charter_pdf, name="charter_pdf"),
    path("compare/", views.charter_compare, name="charter_compare"),
]
