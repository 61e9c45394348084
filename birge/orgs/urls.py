from django.urls import include, path, register_converter

from birge.orgs.claims import views as claims
from birge.orgs.directory import views as directory
from birge.orgs.editing import views as editing
from birge.orgs.hubs import views as hubs
from birge.orgs.members import views as members
from birge.orgs.partners import views as partners
from birge.orgs.profiles import views as profile
from birge.orgs.verification import views as verification

app_name = "orgs"


class ExportFormat:
    """Only the formats the directory writes: any other extension is no route at all (404)."""

    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "export_format")

urlpatterns = [
    path("", directory.directory, name="directory"),
    path("export.<export_format:file_format>", directory.export, name="export"),
    path("new/", editing.create, name="create"),
    path("mine/", members.mine, name="mine"),
    path("invitations/<str:token>/", members.accept_invitation, name="invitation_accept"),
    path("hub/claims/", claims.hub_claims, name="hub_claims"),
    path("hub/claims/<int:claim_id>/", claims.hub_claim, name="hub_claim"),
    path("hub/claims/<int:claim_id>/document/", claims.claim_document, name="claim_document"),
    path("hub/claims/<int:claim_id>/withdraw/", claims.withdraw_claim, name="claim_withdraw"),
    path("hub/verification/", verification.hub_verification, name="hub_verification"),
    path("hub/admins/", hubs.hub_admins, name="hub_admins"),
    path("<slug:slug>/", profile.profile, name="profile"),
    path("<slug:slug>/logo/<str:size>.webp", profile.logo, name="logo"),
    path("<slug:slug>/edit/<str:step>/", editing.edit, name="edit"),
    path("<slug:slug>/publish/", editing.publish, name="publish"),
    path("<slug:slug>/members/", members.members, name="members"),
    path("<slug:slug>/members/<int:membership_id>/", members.member, name="member"),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/revoke/",
        members.revoke_invitation,
        name="invitation_revoke",
    ),
    path("<slug:slug>/leave/", members.leave, name="leave"),
    path("<slug:slug>/partners/", partners.partners, name="partners"),
    path("<slug:slug>/partners/<slug:partner_slug>/remove/", partners.remove_partner, name="partner_remove"),
    path("<slug:slug>/claim/", claims.claim, name="claim"),
    path("<slug:slug>/verify/", verification.verify, name="verify"),
    path("<slug:slug>/passport/", include("birge.orgs.passport.urls")),
]
