"""Every kind of event the audit log records. Adding an event is one line here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    # accounts
    ACCOUNT_SIGNED_UP = "account.signed_up", _("signed up")
    ACCOUNT_EMAIL_CONFIRMED = "account.email_confirmed", _("confirmed an e-mail address")
    ACCOUNT_LOGGED_IN = "account.logged_in", _("logged in")
    ACCOUNT_LOGIN_FAILED = "account.login_failed", _("failed to log in")
    ACCOUNT_PASSWORD_CHANGED = "account.password_changed", _("changed the password")
    ACCOUNT_PASSWORD_RESET = "account.password_reset", _("reset the password")
    ACCOUNT_PROFILE_UPDATED = "account.profile_updated", _("updated the profile")
    ACCOUNT_MFA_ENABLED = "account.mfa_enabled", _("turned on two-factor authentication")
    ACCOUNT_MFA_DISABLED = "account.mfa_disabled", _("turned off two-factor authentication")
    ACCOUNT_DATA_EXPORTED = "account.data_exported", _("exported their data")
    ACCOUNT_DELETED = "account.deleted", _("deleted their account")
    ACCOUNT_ADMIN_CREATED = "account.admin_created", _("created a site administrator")
    # organizations
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
    # site administration
    ADMIN_PRIVATE_READ = "site.admin_private_read", _("read private fields in the administration")
    EMAIL_FAILED = "site.email_failed", _("an e-mail could not be sent")
    BACKUP_CREATED = "site.backup_created", _("created a backup")
    BACKUP_RESTORED = "site.backup_restored", _("restored a backup")
