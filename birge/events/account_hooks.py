"""What the events app holds about a person, for their data export and the deletion of their account.

A person's registrations name them (their answers to the organizers' questions too): the export holds
them all, and deleting the account deletes them. A place the person held at an event still to come is
first given up as a cancellation would, so that the next on the waitlist gets it and is told."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from birge.core.registry import AccountHooks


def export(user) -> dict:
    from birge.events.registration.reads import registrations_export

    return {"registrations": registrations_export(user)}


def erase(user, addresses: set[str]) -> None:
    from birge.events.registration.models import Registration, Status
    from birge.events.registration.services import cancel

    upcoming = Registration.objects.filter(
        person=user, status__in=(Status.CONFIRMED, Status.WAITLISTED), event__starts_at__gt=timezone.now()
    ).select_related("event")
    for registration in upcoming:
        cancel(user, registration)
    Registration.objects.filter(person=user).delete()


HOOKS = AccountHooks(
    export=export,
    erase=erase,
    exported=_("your registrations for events, with your answers to the organizers' questions"),
    erased=_("your registrations for events (a place at an event still to come goes to the next in line)"),
)
