"""The directory's kinds of notification, each with who may receive one: the same rules as its pages
(registered in `OrgsConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

from birge.core.notifications.kinds import register_notice_kind
from birge.orgs.passport.permissions import can_read_passport
from birge.orgs.permissions import is_hub_admin, is_hub_admin_for, is_member
from birge.orgs.profiles.models import Organization


def _hub_of_claim(user, claim) -> bool:
    return is_hub_admin_for(user, claim.organization)


def _claimant(user, claim) -> bool:
    return claim.claimant_id == user.pk


def _sees(user, organization) -> bool:
    return Organization.objects.visible_to(user).filter(pk=organization.pk).exists()


def register() -> None:
    register_notice_kind(
        "orgs.claim_submitted",
        _("requests to manage an organization of your hub"),
        may_see=_hub_of_claim,
        offered_to=is_hub_admin,
    )
    register_notice_kind("orgs.claim_decided", _("decisions on your requests to manage"), may_see=_claimant)
    register_notice_kind(
        "orgs.ownership_transferred",
        _("an organization you owned was handed over"),
        locked=True,
        may_see=_sees,
    )
    register_notice_kind("orgs.invitation", _("invitations to join an organization"), locked=True)
    register_notice_kind("orgs.member_joined", _("new members of your organizations"), may_see=is_member)
    register_notice_kind("orgs.member_removed", _("you were removed from an organization"), locked=True)
    register_notice_kind(
        "orgs.passport_shared", _("due-diligence passports shared with you"), may_see=can_read_passport
    )
    register_notice_kind("orgs.verification", _("verification of your organizations"), may_see=is_member)
    register_notice_kind(
        "orgs.verification_suspended",
        _("verified organizations of your hub that changed their identity"),
        may_see=is_hub_admin_for,
        offered_to=is_hub_admin,
    )
    register_notice_kind(
        "orgs.hub_appointed", _("you were made a hub administrator"), locked=True, offered_to=is_hub_admin
    )
