from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class OrgsConfig(AppConfig):
    name = "birge.orgs"
    label = "orgs"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        from birge.core.events import register_verbs
        from birge.core.registry import (
            register_account_hooks,
            register_home_counter,
            register_menu_entry,
            register_search_elsewhere,
        )
        from birge.orgs import account_hooks, notices
        from birge.orgs.events import Verb
        from birge.orgs.profiles.activity import profile_activity
        from birge.orgs.profiles.models import Organization
        from birge.orgs.profiles.sections import register_profile_section
        from birge.orgs.search.indexing import rebuild_after_migrate

        register_verbs(Verb)
        register_menu_entry(_("Organizations"), "orgs:directory")
        register_menu_entry(_("My organizations"), "orgs:mine", signed_in_only=True)
        register_search_elsewhere(_("Organizations matching “%(query)s”"), "orgs:directory")
        register_home_counter(
            "organizations",
            lambda: Organization.objects.published().count(),
            lambda number: npgettext("home counter", "organization", "organizations", number),
            url_name="orgs:directory",
        )
        # An index built under older folding rules is rebuilt by the next `birge migrate`.
        post_migrate.connect(rebuild_after_migrate, sender=self, dispatch_uid="orgs.rebuild_after_migrate")
        register_account_hooks(self.label, account_hooks.HOOKS)
        notices.register()
        # Last among the sections other apps add (their networks, events, projects).
        register_profile_section(
            "activity", "orgs/profiles/activity_section.html", profile_activity, order=900
        )
