"""What the audit log records about accounts (registered in `AccountsConfig.ready()`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
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
