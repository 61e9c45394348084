from django.urls import path

from birge.funding.calls import manage as call_pages
from birge.funding.calls import views as calls
from birge.funding.programs import views as programs

app_name = "funding"

# Fixed words before the call's slug (calls/services.py keeps them from being slugs).
urlpatterns = [
    path("", calls.calls, name="calls"),
    path("feed.atom", calls.feed, name="feed"),
    path("manage/", programs.manage, name="manage"),
    path("programs/new/", programs.program_new, name="program_new"),
    path("programs/<slug:slug>/", programs.program, name="program"),
    path("programs/<slug:slug>/calls/new/", call_pages.call_new, name="call_new"),
    path("<slug:slug>/", calls.call, name="call"),
    path("<slug:slug>/edit/", call_pages.call_edit, name="call_edit"),
]
