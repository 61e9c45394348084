"""allauth makes these changes itself (sign-up, login, e-mail confirmation, passwords, two-factor); its
signals are the only place to see them, so these receivers do one thing: write the audit entry."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from birge.accounts.events import Verb
from birge.core.audit import record_event


@receiver(account_signals.user_signed_up)
def _signed_up(sender, request, user, **kwargs):
    record_event(user, Verb.ACCOUNT_SIGNED_UP, user)


@receiver(account_signals.user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record_event(user, Verb.ACCOUNT_LOGGED_IN, user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Recorded against an existing account only, so its owner can see attempts; unknown e-mails are not kept.
    email = (credentials or {}).get("email") or (credentials or {}).get("username") or ""
    user = get_user_model().objects.filter(email__iexact=email).first() if email else None
    if user is not None:
        record_event(None, Verb.ACCOUNT_LOGIN_FAILED, user)


@receiver(account_signals.email_confirmed)
def _email_confirmed(sender, request, email_address, **kwargs):
    record_event(email_address.user, Verb.ACCOUNT_EMAIL_CONFIRMED, email_address.user)


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
def _password_changed(sender, request, user, **kwargs):
    record_event(user, Verb.ACCOUNT_PASSWORD_CHANGED, user)


@receiver(account_signals.password_reset)
def _password_reset(sender, request, user, **kwargs):
    record_event(user, Verb.ACCOUNT_PASSWORD_RESET, user)


@receiver(mfa_signals.authenticator_added)
def _mfa_added(sender, request, user, authenticator, **kwargs):
    record_event(user, Verb.ACCOUNT_MFA_ENABLED, user, new={"method": authenticator.type})


@receiver(mfa_signals.authenticator_removed)
def _mfa_removed(sender, request, user, authenticator, **kwargs):
    record_event(user, Verb.ACCOUNT_MFA_DISABLED, user, old={"method": authenticator.type})
