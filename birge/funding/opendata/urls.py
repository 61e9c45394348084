"""The open-data downloads, inside the register's addresses (namespace "register")."""

from django.urls import path

from birge.funding.opendata import views

urlpatterns = [
    path("360giving.json", views.grants_json, name="grants_json"),
    path("360giving.csv", views.grants_csv, name="grants_csv"),
    path("360giving.xlsx", views.grants_xlsx, name="grants_xlsx"),
    path("ocds.json", views.contracts_json, name="ocds"),
]
