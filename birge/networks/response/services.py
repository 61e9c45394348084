"""Every write to a short-term response: describing the incident, listing what it needs, pledging, and
closing the response with its report. Each checks permission, validates, writes inside a transaction,
records the audit entry and tells the people concerned.

A pledge reads what is still needed from the need's row locked for the transaction (`select_for_update`,
and on SQLite the write transaction every `atomic` block opens), and adds to the need's `pledged` sum in
the database: two people pledging the last unit at the same moment are both recorded against the right
remainder, one within the need and one beyond it (or refused), and no pledge is lost from the sum."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core import checks
from birge.core.audit import record_event
from birge.core.models import Country, Region
from birge.core.notifications.services import notify
from birge.networks.events import Verb
from birge.networks.membership.reads import coordinators_of, people_of
from birge.networks.networks.models import Kind, Network
from birge.networks.networks.services import require_active
from birge.networks.permissions import can_manage
from birge.networks.response.amounts import amount
from birge.networks.response.models import Incident, IncidentStatus, Need, NeedKind, Pledge
from birge.networks.response.permissions import may_pledge, pledging_organization_ids
from birge.orgs.profiles.models import Organization

MAX_TEXT = 5000
MAX_REPORT = 20000
# The largest quantity a need's column holds (14 digits, 2 of them after the point).
MAX_QUANTITY = Decimal("999999999999.99")
CENT = Decimal("0.01")


class BeyondNeed(ValidationError):
    """A pledge goes beyond what is still needed and the pledger has not confirmed it: the form asks."""

    def __init__(self, message: str, *, remaining: Decimal, beyond: Decimal):
        super().__init__({"quantity": [ValidationError(message, code="beyond_need")]})
        self.remaining = remaining
        self.beyond = beyond


# Checks -----------------------------------------------------------------------------------------------------


def _require_response(network: Network) -> None:
    if network.kind != Kind.RESPONSE:
        raise ValidationError(_("Only a short-term response network describes an incident."))


def _require_responding(incident: Incident) -> None:
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError(_("The response to this incident is closed: it takes no new needs or pledges."))


def _incident_of(network: Network) -> Incident:
    incident = Incident.objects.filter(network=network).first()
    if incident is None:
        raise ValidationError(_("Describe the incident first."))
    return incident


def _quantity(errors: dict, value) -> Decimal | None:
    try:
        quantity = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        errors.setdefault("quantity", []).append(_("Give the quantity as a number."))
        return None
    if not quantity.is_finite() or quantity <= 0:
        errors.setdefault("quantity", []).append(_("Give a quantity greater than zero."))
    elif quantity > MAX_QUANTITY:
        errors.setdefault("quantity", []).append(_("This quantity is too large."))
    elif quantity != quantity.quantize(CENT):
        errors.setdefault("quantity", []).append(_("Give the quantity with at most two decimals."))
    else:
        return quantity.quantize(CENT)
    return None


# The incident -----------------------------------------------------------------------------------------------

INCIDENT_FIELDS = ("what", "country", "region", "place", "happened_on")


def _incident_values(incident: Incident) -> dict:
    """The incident's fields as the audit log keeps them."""
    return {
        "what": incident.what,
        "country": incident.country.code,
        "region": incident.region.code if incident.region_id else None,
        "place": incident.place,
        "happened_on": incident.happened_on.isoformat(),
    }


def incident_save(
    *,
    actor,
    network: Network,
    what: str,
    country: Country,
    region: Region | None = None,
    place: str = "",
    happened_on: dt.date,
) -> Incident:
    """Describe the incident a response network answers, or change its description: what happened, where,
    when. Coordinators only."""
    if not can_manage(actor, network):
        raise PermissionDenied
    _require_response(network)
    require_active(network)
    errors: dict[str, list[str]] = {}
    what = checks.text(errors, "what", what, limit=MAX_TEXT, required=_("Say what happened."))
    place = checks.line(errors, "place", place, limit=200)
    if country is None:
        errors.setdefault("country", []).append(_("Choose the country."))
    elif region is not None and region.country_id != country.pk:
        errors.setdefault("region", []).append(_("Choose a region of the country chosen."))
    if happened_on is None:
        errors.setdefault("happened_on", []).append(_("Give the date it happened."))
    elif happened_on > timezone.localdate():
        errors.setdefault("happened_on", []).append(_("The date cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The network's row orders two coordinators describing the incident at once: one creates it, the
        # other changes what the first wrote.
        Network.objects.select_for_update().filter(pk=network.pk).first()
        incident = Incident.objects.select_related("country", "region").filter(network=network).first()
        before = _incident_values(incident) if incident is not None else {}
        if incident is None:
            incident = Incident(network=network)
        incident.what, incident.country, incident.region = what, country, region
        incident.place, incident.happened_on = place, happened_on
        incident.save()
        after = _incident_values(incident)
        old = {key: value for key, value in before.items() if after[key] != value}
        new = {key: value for key, value in after.items() if before.get(key, object()) != value}
        record_event(actor, Verb.INCIDENT_CHANGED, incident, old=old, new=new)
    return incident


# Needs ------------------------------------------------------------------------------------------------------


def _need_values(kind: str, title: str, quantity, unit: str) -> dict:
    errors: dict[str, list[str]] = {}
    if kind not in NeedKind.values:
        errors.setdefault("kind", []).append(_("Choose what kind of help is needed."))
    title = checks.line(errors, "title", title, limit=200, required=_("Say what is needed."))
    checked = _quantity(errors, quantity)
    unit = checks.line(errors, "unit", unit, limit=40, required=_("Give the unit: tonnes, people, tenge…"))
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "title": title, "quantity": checked, "unit": unit}


def need_add(*, actor, incident: Incident, kind: str, title: str, quantity: Decimal, unit: str) -> Need:
    """List something the response needs, with how much of it. Coordinators only."""
    network = incident.network
    if not can_manage(actor, network):
        raise PermissionDenied
    require_active(network)
    _require_responding(incident)
    values = _need_values(kind, title, quantity, unit)
    with transaction.atomic():
        last = incident.needs.aggregate(last=Max("position"))["last"]
        need = Need.objects.create(incident=incident, position=0 if last is None else last + 1, **values)
        record_event(
            actor,
            Verb.NEED_ADDED,
            incident,
            new={"need": need.pk, **values, "quantity": str(values["quantity"])},
        )
    return need


def need_update(*, actor, need: Need, kind: str, title: str, quantity: Decimal, unit: str) -> Need:
    """Change a need: what it is, how much is needed. What was pledged stays, even if it now goes beyond
    the new quantity. Coordinators only."""
    incident = need.incident
    if not can_manage(actor, incident.network):
        raise PermissionDenied
    require_active(incident.network)
    _require_responding(incident)
    values = _need_values(kind, title, quantity, unit)
    with transaction.atomic():
        # Only these columns are written: `pledged` is the pledges' to change, under the same lock.
        locked = Need.objects.select_for_update().get(pk=need.pk)
        before = {field: getattr(locked, field) for field in values}
        for field, value in values.items():
            setattr(locked, field, value)
        locked.save(update_fields=list(values))
        changed = [field for field in values if before[field] != values[field]]
        record_event(
            actor,
            Verb.NEED_CHANGED,
            incident,
            old={"need": need.pk, **{field: str(before[field]) for field in changed}},
            new={"need": need.pk, **{field: str(values[field]) for field in changed}},
        )
        for field, value in values.items():
            setattr(need, field, value)
        need.pledged = locked.pledged
    return need


# Pledges ----------------------------------------------------------------------------------------------------


def pledge(
    *,
    actor,
    need: Need,
    quantity: Decimal,
    organization: Organization | None = None,
    note: str = "",
    beyond_confirmed: bool = False,
) -> Pledge:
    """Pledge `quantity` of `need`, for `organization` (which `actor` speaks for) or for oneself.

    A pledge beyond what is still needed is refused with `BeyondNeed`, saying how much is still needed,
    unless the pledger confirmed it (`beyond_confirmed`): then it is recorded with how much it goes beyond,
    and the pledges list says so next to it."""
    incident = need.incident
    network = incident.network
    if not may_pledge(actor, network):
        raise PermissionDenied
    if organization is not None and organization.pk not in pledging_organization_ids(actor, network):
        raise PermissionDenied
    require_active(network)
    errors: dict[str, list[str]] = {}
    if organization is not None and not organization.is_published:
        errors.setdefault("organization", []).append(
            _("Publish the organization's profile before it pledges.")
        )
    checked = _quantity(errors, quantity)
    note = checks.line(errors, "note", note, limit=300)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The need's row (and its incident's, which closing the response changes) stays locked until the
        # commit: whoever pledges next reads the remainder this pledge leaves.
        locked = Need.objects.select_for_update().select_related("incident").get(pk=need.pk)
        _require_responding(locked.incident)
        remaining = max(locked.quantity - locked.pledged, Decimal(0))
        beyond = max(checked - remaining, Decimal(0)).quantize(CENT)
        if beyond and not beyond_confirmed:
            raise BeyondNeed(
                _beyond_message(locked, checked, remaining, beyond), remaining=remaining, beyond=beyond
            )
        made = Pledge.objects.create(
            need=locked,
            organization=organization,
            person=actor,
            quantity=checked,
            note=note,
            beyond_need=beyond,
        )
        Need.objects.filter(pk=locked.pk).update(pledged=F("pledged") + checked)
        need.pledged = locked.pledged + checked
        event = record_event(
            actor,
            Verb.PLEDGED,
            incident,
            new={
                "need": locked.pk,
                "quantity": str(checked),
                "organization": organization.pk if organization is not None else None,
                "beyond_need": str(beyond),
            },
        )
        notify(
            [person for person in coordinators_of(network) if person.pk != actor.pk],
            kind="networks.pledge",
            about=incident,
            event=event,
            subject=gettext_lazy("A pledge to your response network"),
            template="networks/response/email/pledged.txt",
            context={
                "network": network.name,
                "need": locked.title,
                "quantity": checked,
                "unit": locked.unit,
                "beyond": beyond,
                # A person who pledged for themselves is not named outside the platform.
                "organization": organization.name if organization is not None else "",
            },
            link=("networks:incident", (network.slug,)),
        )
    return made


def _beyond_message(need: Need, quantity: Decimal, remaining: Decimal, beyond: Decimal) -> str:
    values = {
        "quantity": amount(quantity),
        "remaining": amount(remaining),
        "beyond": amount(beyond),
        "unit": need.unit,
    }
    if not remaining:
        return (
            _(
                "Nothing more is needed here: all of it is pledged already. Your pledge of %(quantity)s "
                "%(unit)s would go beyond the need. Confirm to pledge it anyway, or pledge to another need."
            )
            % values
        )
    return (
        _(
            "Only %(remaining)s %(unit)s are still needed: your pledge of %(quantity)s %(unit)s goes "
            "%(beyond)s %(unit)s beyond the need. Confirm to pledge it anyway, or pledge less."
        )
        % values
    )


# Closing ----------------------------------------------------------------------------------------------------


def incident_close(*, actor, network: Network, closing_report: str) -> Incident:
    """Close the response with a report of what was done: the needs take no more pledges, and everyone in
    the network is told. Coordinators only; a closed network's response may still be closed."""
    if not can_manage(actor, network):
        raise PermissionDenied
    _require_response(network)
    incident = _incident_of(network)
    errors: dict[str, list[str]] = {}
    report = checks.text(
        errors,
        "closing_report",
        closing_report,
        limit=MAX_REPORT,
        required=_("Write the closing report: what was done, what is left."),
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if incident.status == IncidentStatus.CLOSED:
            raise ValidationError(_("The response to this incident is already closed."))
        incident.status = IncidentStatus.CLOSED
        incident.closing_report = report
        incident.closed_at = timezone.now()
        incident.save(update_fields=["status", "closing_report", "closed_at"])
        event = record_event(
            actor,
            Verb.INCIDENT_CLOSED,
            incident,
            old={"status": IncidentStatus.RESPONDING},
            new={"status": IncidentStatus.CLOSED},
        )
        notify(
            people_of(network),
            kind="networks.announcement",
            about=incident,
            event=event,
            subject=gettext_lazy("A response is closed, with its report"),
            template="networks/response/email/closed.txt",
            context={"network": network.name},
            link=("networks:incident", (network.slug,)),
        )
    return incident
