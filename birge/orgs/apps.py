from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "birge.orgs"
    label = "orgs"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        from birge.core.registry import register_account_hooks, register_home_counter
        from birge.orgs import account_hooks
        from birge.orgs.profiles.models import Organization
        from birge.orgs.search.indexing import rebuild_after_migrate

        register_home_counter("organizations", lambda: Organization.objects.published().count())
        # An index built under older folding rules is rebuilt by the next `birge migrate`.
        post_migrate.connect(rebuild_after_migrate, sender=self, dispatch_uid="orgs.rebuild_after_migrate")
        register_account_hooks(self.label, account_hooks.HOOKS)
