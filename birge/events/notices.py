"""The kinds of notification events send, each with the pages' own rule for who may receive it."""

from django.utils.translation import gettext_lazy as _

from birge.core.notifications.kinds import register_notice_kind


def _may_know(user, event) -> bool:
    from birge.events.permissions import may_know

    return may_know(user, event)


def register() -> None:
    # Places, the waitlist and changes to an event one registered for go at once: a place given from the
    # waitlist a day before is useless in a digest.
    register_notice_kind(
        "events.registration",
        _("your registrations: confirmed, waitlisted, given a place, or the event changed or cancelled"),
        may_see=_may_know,
    )
    register_notice_kind(
        "events.reminder", _("a reminder the day before an event you registered for"), may_see=_may_know
    )
