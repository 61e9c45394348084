"""What the audit log records about organizations, their due-diligence passports and the hubs'
administrators (registered in `OrgsConfig.ready()`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    ORG_CREATED = "org.created", _("created an organization")
    ORG_UPDATED = "org.updated", _("updated an organization")
    ORG_PUBLISHED = "org.published", _("published an organization")
    ORG_LOGO_CHANGED = "org.logo_changed", _("changed the logo")
    ORG_VISIBILITY_CHANGED = "org.visibility_changed", _("changed who sees a field")
    ORG_PARTNER_ADDED = "org.partner_added", _("listed a partner")
    ORG_PARTNER_REMOVED = "org.partner_removed", _("removed a partner")
    ORG_MEMBER_INVITED = "org.member_invited", _("invited a member")
    ORG_INVITATION_REVOKED = "org.invitation_revoked", _("revoked an invitation")
    ORG_MEMBER_JOINED = "org.member_joined", _("joined an organization")
    ORG_MEMBER_ROLE_CHANGED = "org.member_role_changed", _("changed a member's role")
    ORG_MEMBER_REMOVED = "org.member_removed", _("removed a member")
    ORG_MEMBER_LEFT = "org.member_left", _("left an organization")
    ORG_CLAIMED = "org.claimed", _("claimed an organization")
    ORG_CLAIM_APPROVED = "org.claim_approved", _("approved a claim")
    ORG_CLAIM_REJECTED = "org.claim_rejected", _("rejected a claim")
    ORG_CLAIM_WITHDRAWN = "org.claim_withdrawn", _("withdrew a claim")
    ORG_VERIFIED = "org.verified", _("verified an organization")
    ORG_VERIFICATION_REVOKED = "org.verification_revoked", _("revoked a verification")
    ORG_VERIFICATION_SUSPENDED = "org.verification_suspended", _("changed a verified organization's identity")
    ORG_EXPORTED = "org.exported", _("exported organizations")
    HUB_ADMIN_ASSIGNED = "org.hub_admin_assigned", _("made someone a hub administrator")
    HUB_ADMIN_REMOVED = "org.hub_admin_removed", _("removed a hub administrator")
    PASSPORT_UPDATED = "passport.updated", _("updated the due-diligence passport")
    PASSPORT_SHARED = "passport.shared", _("shared the due-diligence passport")
    PASSPORT_SHARE_REVOKED = "passport.share_revoked", _("stopped sharing the due-diligence passport")
    PASSPORT_READ = "passport.read", _("read a shared due-diligence passport")
