from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "birge.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from birge.core.events import register_verbs
        from birge.core.registry import register_account_hooks, register_hourly, register_menu_entry
        from birge.events import account_hooks, feed, notices
        from birge.events.calendars.services import events_remind
        from birge.events.catalog.reads import events_of_organization
        from birge.events.events import Verb
        from birge.orgs.profiles.sections import register_profile_section

        register_verbs(Verb)
        register_menu_entry(_("Events"), "events:list", order=160)
        notices.register()
        feed.register()
        register_profile_section(
            "events", "events/catalog/profile_section.html", events_of_organization, order=120
        )
        register_hourly("event reminders", events_remind)
        register_account_hooks(self.label, account_hooks.HOOKS)
