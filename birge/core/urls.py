from django.urls import path

from . import views
from .announcements import views as announcements
from .notifications import views as notifications

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("lite/", views.lite, name="lite"),
    path("announcements/", announcements.announcements, name="announcements"),
    path("announcements/<int:announcement_id>/", announcements.announcement, name="announcement"),
    path("notifications/", notifications.inbox, name="inbox"),
    path("notifications/read/", notifications.read_all, name="inbox_read_all"),
    path("notifications/<int:notice_id>/", notifications.open_notice, name="inbox_open"),
    path("notifications/settings/", notifications.notice_settings, name="notice_settings"),
    path("notifications/settings/address/", notifications.email_works, name="email_works"),
    path("notifications/unsubscribe/<str:token>/", notifications.unsubscribe, name="unsubscribe"),
]
