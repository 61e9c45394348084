"""E-mail alerts of new calls: saving and deleting one, and telling their owners when a call they would
have found is announced.

An alert keeps the filters of the public list (`calls.reads.CallFilters`) and is matched with the list's own
query, so an alert finds exactly the calls its search shows: one rule, no second copy of it to drift.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, ngettext

from birge.core.audit import record_event
from birge.core.notifications.models import Notification
from birge.core.notifications.services import notify
from birge.funding.alerts.models import CallAlert
from birge.funding.calls.models import Call
from birge.funding.calls.reads import CallFilters, public_calls
from birge.funding.events import Verb
from birge.orgs.permissions import signed_in

KIND = "funding.call_alert"
# Enough for a few searches per country or theme; a bound on what each announcement has to match.
MAX_ALERTS = 10
# The `CallFilters` fields an alert keeps, by the names the list's query gives them. "Also closed calls" is
# left out: a call that has just been announced is never closed.
KEPT = ("country", "region", "mechanism", "theme", "applicant", "amount", "closes_before")


def alert_values(filters: CallFilters) -> dict[str, str]:
    """What an alert stores for `filters`: each set field as the string the list's query takes."""
    values = {}
    for name in KEPT:
        value = getattr(filters, name)
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")  # "1000000", never "1E+6"
        if value not in ("", None):
            values[name] = str(value)
    return values


def alert_filters(values: dict) -> CallFilters:
    """The filters an alert's stored values stand for, cleaned by the list's own parser: a value that is no
    longer valid (a country dropped from the list) is ignored as the list would ignore it."""
    return CallFilters.from_query({name: values[name] for name in KEPT if isinstance(values.get(name), str)})


def alert_save(*, actor, filters: CallFilters) -> tuple[CallAlert, bool]:
    """Save `filters` as one of `actor`'s alerts. Returns the alert and whether it is new: saving a search
    the person already has gives that alert back, not a second one that would e-mail them twice."""
    if not signed_in(actor):
        raise PermissionDenied
    wanted = alert_filters(alert_values(filters))
    with transaction.atomic():
        # Lock the person's row: two saves sent at once cannot both slip under the limit.
        get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
        mine = list(CallAlert.objects.filter(user=actor))
        same = next((alert for alert in mine if alert_filters(alert.filters) == wanted), None)
        if same is not None:
            return same, False
        if len(mine) >= MAX_ALERTS:
            raise ValidationError(
                ngettext(
                    "You have %(count)d alert, the most one may keep. Delete it to save another.",
                    "You have %(count)d alerts, the most one may keep. Delete one to save another.",
                    MAX_ALERTS,
                )
                % {"count": MAX_ALERTS}
            )
        values = alert_values(wanted)
        alert = CallAlert.objects.create(user=actor, filters=values)
        record_event(actor, Verb.ALERT_SAVED, alert, new={"filters": values})
    return alert, True


def alert_delete(*, actor, alert: CallAlert) -> None:
    if not signed_in(actor) or alert.user_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        # Recorded first: the entry names the alert by its id, which the deletion clears.
        record_event(actor, Verb.ALERT_DELETED, alert, old={"filters": alert.filters})
        alert.delete()


def alerts_for_new_call(call: Call) -> int:
    """Tell the owner of each alert that matches `call` that it was announced, once per person and call.
    Returns how many people were told.

    Run after the announcement commits (`call_publish`), so it reads the call as announced and a rolled-back
    announcement tells nobody. A draft is never matched: the list's query shows no draft."""
    found = Call.objects.public().select_related("program", "program__operator").filter(pk=call.pk).first()
    if found is None:
        return 0
    # Whoever was told already (a second run for the same call) is not told again.
    told = Notification.objects.filter(
        kind=KIND, about_type=ContentType.objects.get_for_model(Call), about_id=str(found.pk)
    ).values_list("recipient_id", flat=True)
    # Many people save the same search ("every call in Kazakhstan"): each distinct search is matched once.
    searches: dict[CallFilters, list[tuple[int, int]]] = {}
    rows = (
        CallAlert.objects.filter(user__is_active=True)
        .exclude(user_id__in=told)
        .values_list("pk", "user_id", "filters")
    )
    for pk, user_id, values in rows.iterator():
        searches.setdefault(alert_filters(values), []).append((pk, user_id))
    matched = [
        alert
        for filters, alerts in searches.items()
        if public_calls(filters).filter(pk=found.pk).exists()
        for alert in alerts
    ]
    if not matched:
        return 0
    people = list(get_user_model().objects.filter(pk__in={user_id for _pk, user_id in matched}))
    with transaction.atomic():
        notify(
            people,
            kind=KIND,
            about=found,
            subject=format_lazy(
                gettext_lazy("New call: {call} ({operator})"),
                call=found.title,
                # Read as each recipient's subject is written, in their language.
                operator=lazy(lambda: found.program.operator.name, str)(),
            ),
            template="funding/alerts/email/new_call.txt",
            context={"call": found},
            link=("funding:call", (found.slug,)),
        )
        CallAlert.objects.filter(pk__in=[pk for pk, _user_id in matched]).update(last_sent_at=timezone.now())
    return len(people)
