from django.urls import include, path

from birge.networks.membership import views as membership
from birge.networks.networks import views as networks

app_name = "networks"

urlpatterns = [
    path("", networks.network_list, name="list"),
    path("new/", networks.network_new, name="new"),
    path("invitations/", membership.invitations, name="invitations"),
    path("admissions/<int:pk>/answer/", membership.admission_answer, name="admission_answer"),
    path("admissions/<int:pk>/withdraw/", membership.admission_withdraw, name="admission_withdraw"),
    path("<slug:slug>/", networks.network_page, name="network"),
    path("<slug:slug>/edit/", networks.network_edit, name="edit"),
    path("<slug:slug>/close/", networks.network_close, name="close"),
    path("<slug:slug>/members/", membership.members, name="members"),
    path("<slug:slug>/members/invite/", membership.invite, name="invite"),
    path("<slug:slug>/members/<slug:organization>/", membership.member, name="member"),
    path("<slug:slug>/join/", membership.join, name="join"),
    path("<slug:slug>/leave/", membership.leave, name="leave"),
    path("<slug:slug>/charter/", include("birge.networks.charter.urls")),
    path("<slug:slug>/discussions/", include("birge.networks.discussions.urls")),
    path("<slug:slug>/documents/", include("birge.networks.documents.urls")),
    path("<slug:slug>/announcements/", include("birge.networks.announcements.urls")),
    path("<slug:slug>/decisions/", include("birge.networks.decisions.urls")),
    path("<slug:slug>/incident/", include("birge.networks.response.urls")),
]
