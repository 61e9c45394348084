from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "birge.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from birge.core.events import register_verbs

        from . import audit_receivers  # noqa: F401 - connects the receivers
        from .admin import withdraw_allauth_admin
        from .events import Verb

        register_verbs(Verb)
        withdraw_allauth_admin()
