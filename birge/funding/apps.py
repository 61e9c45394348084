from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class FundingConfig(AppConfig):
    name = "birge.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from birge.core.events import register_verbs
        from birge.core.notifications.kinds import register_notice_kind
        from birge.core.registry import register_home_counter, register_hourly, register_menu_entry
        from birge.funding.calls.models import Call, Status
        from birge.funding.calls.services import calls_move_on_time
        from birge.funding.events import Verb
        from birge.funding.permissions import is_staff_of

        register_verbs(Verb)
        register_menu_entry(_("Calls"), "funding:calls", order=200)
        register_hourly("calls", calls_move_on_time)
        register_home_counter(
            "open_calls",
            lambda: Call.objects.filter(status=Status.OPEN).count(),
            lambda number: npgettext("home counter", "open call", "open calls", number),
            url_name="funding:calls",
        )
        register_notice_kind(
            "funding.call_status",
            _("calls of your programs changing status"),
            may_see=lambda user, call: is_staff_of(user, call.program),
            offered_to=lambda user: user.program_roles.exists(),
        )
