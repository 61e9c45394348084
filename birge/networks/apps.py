from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class NetworksConfig(AppConfig):
    name = "birge.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from birge.core.events import register_verbs
        from birge.core.registry import (
            register_account_hooks,
            register_home_counter,
            register_hourly,
            register_menu_entry,
            register_search_elsewhere,
        )
        from birge.networks import account_hooks, feed, notices
        from birge.networks.decisions.services import decisions_close_due, decisions_remind
        from birge.networks.events import Verb
        from birge.networks.membership.reads import network_partners, profile_networks
        from birge.networks.networks.models import Network, Status
        from birge.orgs.partners.sources import register_partner_source
        from birge.orgs.profiles.sections import register_profile_section

        register_verbs(Verb)
        register_menu_entry(_("Networks"), "networks:list", order=150)
        register_search_elsewhere(_("Networks matching “%(query)s”"), "networks:list", order=150)
        # Secret networks are not counted: a number that moves when one is created would betray it.
        register_home_counter(
            "networks",
            lambda: Network.objects.listed().filter(status=Status.ACTIVE).count(),
            lambda number: npgettext("home counter", "network", "networks", number),
            url_name="networks:list",
        )
        register_partner_source("networks", network_partners)
        register_profile_section("networks", "networks/membership/profile_section.html", profile_networks)
        register_hourly("network decisions", decisions_close_due)
        register_hourly("network decision reminders", decisions_remind)
        register_account_hooks(self.label, account_hooks.HOOKS)
        notices.register()
        feed.register()
