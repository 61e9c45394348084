from django.urls import path

from birge.funding.alerts import views as alerts
from birge.funding.applications import urls as applications
from birge.funding.awards import urls as awards
from birge.funding.builder import urls as builder
from birge.funding.calls import manage as call_pages
from birge.funding.calls import views as calls
from birge.funding.decisions import urls as decisions
from birge.funding.evaluation import urls as evaluation
from birge.funding.monitoring import urls as monitoring
from birge.funding.programs import views as programs
from birge.funding.questions import views as questions
from birge.funding.reports import urls as reports
from birge.funding.review import urls as review

app_name = "funding"

# Fixed words before the call's slug (calls/services.py keeps them from being slugs).
urlpatterns = [
    path("", calls.calls, name="calls"),
    path("feed.atom", calls.feed, name="feed"),
    path("manage/", programs.manage, name="manage"),
    path("programs/new/", programs.program_new, name="program_new"),
    path("programs/<slug:slug>/", programs.program, name="program"),
    path("programs/<slug:slug>/calls/new/", call_pages.call_new, name="call_new"),
    # Each feature's own addresses; those that start with a fixed word ("applications/", "review/") must
    # come before the call's slug.
    *applications.urlpatterns,
    *builder.urlpatterns,
    *review.urlpatterns,
    *decisions.urlpatterns,
    *awards.urlpatterns,
    *reports.urlpatterns,
    *monitoring.urlpatterns,
    *evaluation.urlpatterns,
    path("alerts/", alerts.alerts, name="alerts"),
    path("alerts/new/", alerts.alert_new, name="alert_new"),
    path("alerts/<int:pk>/delete/", alerts.alert_delete, name="alert_delete"),
    path("<slug:slug>/questions/", questions.call_questions, name="call_questions"),
    path("<slug:slug>/ask/", questions.call_ask, name="call_ask"),
    path("<slug:slug>/", calls.call, name="call"),
    path("<slug:slug>/edit/", call_pages.call_edit, name="call_edit"),
]
