from django.urls import path

from birge.funding.calls import views as calls

app_name = "funding"

urlpatterns = [
    path("", calls.calls, name="calls"),
    path("feed.atom", calls.feed, name="feed"),
    path("<slug:slug>/", calls.call, name="call"),
]
