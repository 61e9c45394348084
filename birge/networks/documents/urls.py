"""Routes of documents, included under a network's address by birge/networks/urls.py."""

from django.urls import path

from birge.networks.documents import views

urlpatterns = [
    path("", views.documents, name="documents"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/versions/<int:number>/download/", views.document_download, name="document_download"),
]
