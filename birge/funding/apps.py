from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


def _holds_a_program_role(user) -> bool:
    """Whether the settings page offers `user` the kinds of program staff. Asked by each such kind: the
    answer is kept on the user for the rest of the request."""
    if not hasattr(user, "_funding_holds_role"):
        user._funding_holds_role = user.program_roles.exists()
    return user._funding_holds_role


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
        from birge.funding.permissions import can_follow_award, can_run_calls, is_staff_of
        from birge.funding.reports.services import reports_remind_overdue

        register_verbs(Verb)
        register_menu_entry(_("Calls"), "funding:calls", order=200)
        register_menu_entry(_("Register"), "register:register", order=210)
        register_hourly("calls", calls_move_on_time)
        register_hourly("overdue reports", reports_remind_overdue)
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
            offered_to=_holds_a_program_role,
        )
        # Receipts and decisions reach the applicant at once: a deadline or a grant hangs on them.
        register_notice_kind(
            "funding.application",
            _("your applications: receipts and decisions"),
            locked=True,
            may_see=lambda user, application: application.owner_id == user.pk,
        )
        register_notice_kind(
            "funding.review",
            _("applications to review"),
            may_see=lambda user, call: is_staff_of(user, call.program),
            offered_to=_holds_a_program_role,
        )
        # Anyone may save an alert, and see any announced call.
        register_notice_kind(
            "funding.call_alert",
            _("new calls matching your e-mail alerts"),
            may_see=lambda user, call: call.is_public,
        )
        # At once: the staff answer before questions close, three days before the call does.
        register_notice_kind(
            "funding.question_asked",
            _("questions about calls of your programs"),
            may_see=lambda user, question: can_run_calls(user, question.call.program),
            offered_to=_holds_a_program_role,
        )
        register_notice_kind(
            "funding.question_answered",
            _("answers to your questions about calls"),
            may_see=lambda user, question: question.asked_by_id == user.pk,
        )
        # Payments and the officer's word on a report reach the grantee at once: work waits on them.
        register_notice_kind(
            "funding.award",
            _("your grants: agreements, payments and reports"),
            may_see=can_follow_award,
        )
        register_notice_kind(
            "funding.report",
            _("reports of grants of your programs"),
            may_see=can_follow_award,
            offered_to=_holds_a_program_role,
        )
