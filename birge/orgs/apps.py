from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "birge.orgs"
    label = "orgs"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        from birge.core.registry import register_home_counter

        from .models import Organization

        register_home_counter("organizations", lambda: Organization.objects.published().count())
