"""The joint projects' addresses, at /<lang>/projects/."""

from django.urls import path

from birge.projects.iati import views as iati
from birge.projects.indicators import views as indicators
from birge.projects.plan import views as plan
from birge.projects.projects import views as projects

app_name = "projects"

urlpatterns = [
    path("", projects.project_list, name="list"),
    path("new/", projects.project_new, name="new"),
    path("iati.xml", iati.all_projects, name="iati_all"),
    path("<slug:slug>/", projects.project_page, name="project"),
    path("<slug:slug>/edit/", projects.project_edit, name="edit"),
    path("<slug:slug>/status/", projects.project_status, name="status"),
    path("<slug:slug>/partners/", projects.partners, name="partners"),
    path("<slug:slug>/partners/<int:pk>/remove/", projects.partner_remove, name="partner_remove"),
    path("<slug:slug>/plan/", plan.plan, name="plan"),
    path("<slug:slug>/plan/<str:kind>/<int:pk>/", plan.plan_item, name="plan_item"),
    path("<slug:slug>/plan/<str:kind>/<int:pk>/remove/", plan.plan_item_remove, name="plan_item_remove"),
    path("<slug:slug>/indicators/", indicators.indicators, name="indicators"),
    path("<slug:slug>/indicators/<int:pk>/", indicators.indicator, name="indicator"),
    path("<slug:slug>/reports/", indicators.reports, name="reports"),
    path("<slug:slug>/reports/<int:pk>/", indicators.report, name="report"),
    path("<slug:slug>/reports/<int:pk>/publish/", indicators.report_publish, name="report_publish"),
    path("<slug:slug>/iati.xml", iati.one_project, name="iati"),
]
