"""What the admin may not show: allauth registers its own admin pages for e-mail addresses, their
confirmation keys and authenticators, which would let a site administrator read TOTP seeds and recovery
codes and change people's addresses without a service, a check or an audit entry. Accounts are changed by
their owners through the site; `withdraw_allauth_admin` is called from `AccountsConfig.ready`, after the
admin has discovered allauth's pages."""

from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from django.contrib import admin


def withdraw_allauth_admin() -> None:
    for model in (EmailAddress, EmailConfirmation, Authenticator):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
