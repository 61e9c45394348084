"""Routes of materials, included by birge/events/urls.py."""

from django.urls import path

from birge.events.materials import views

urlpatterns = [
    path("<slug:slug>/materials/add/", views.material_add, name="material_add"),
    path("<slug:slug>/materials/<int:pk>/", views.material, name="material"),
    path("<slug:slug>/materials/<int:pk>/remove/", views.material_remove, name="material_remove"),
]
