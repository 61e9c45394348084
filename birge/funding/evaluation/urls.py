from django.urls import path

from birge.funding.evaluation import views

urlpatterns = [path("awards/<int:pk>/evaluation/", views.evaluation, name="evaluation")]
