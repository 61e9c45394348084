"""The public register, at /<lang>/register/."""

from django.urls import path, re_path

from birge.funding.opendata import urls as opendata
from birge.funding.register import views

app_name = "register"

urlpatterns = [
    path("", views.register, name="register"),
    path("awards/", views.award_list, name="awards"),
    path("awards/<int:pk>/", views.award, name="award"),
    re_path(r"^(?P<what>calls|awards)\.(?P<fmt>csv|xlsx)$", views.download, name="download"),
    *opendata.urlpatterns,
]
