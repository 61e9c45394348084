from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def create_cache_table(sender, using: str = "default", **kwargs) -> None:
    """The embedded default keeps its cache in the database (settings/base.py): every `migrate`, whichever
    command runs it, makes sure the table exists. Does nothing when the cache is Redis."""
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "birge.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .choices import forget_reference_choices
        from .events import Verb, register_verbs
        from .models import Country, Region, ThematicArea
        from .notifications.digests import send_digests
        from .notifications.kinds import Delivery, register_notice_kind
        from .registry import register_hourly, register_menu_entry

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="core-cache-table")
        register_verbs(Verb)
        # Apps' menu entries come before it (registry.MenuEntry).
        register_menu_entry(_("Search"), "core:search", order=900)
        register_hourly("digests", send_digests)
        # Announcements are for everyone; by default they wait for the daily digest.
        register_notice_kind(
            "core.announcement",
            _("announcements of the platform"),
            default=Delivery.DAILY,
            may_see=lambda user, announcement: True,
        )
        for model in (Country, Region, ThematicArea):
            post_save.connect(
                forget_reference_choices, sender=model, dispatch_uid=f"choices-{model.__name__}"
            )
            post_delete.connect(
                forget_reference_choices, sender=model, dispatch_uid=f"choices-{model.__name__}"
            )
