"""Appointing and removing hub administrators: a site administrator's decision (or the operator's at the
server's console, `birge hub-admin`), written to the audit log; the person appointed is told by e-mail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.models import Country
from birge.core.notifications.services import notify
from birge.orgs.events import Verb
from birge.orgs.hubs.models import HubAdministrator


def _check_may_appoint(actor) -> None:
    """A site administrator, or the operator at the server's console (actor None)."""
    if actor is not None and not (actor.is_authenticated and actor.is_superuser):
        raise PermissionDenied


def _already(user, country: Country) -> ValidationError:
    return ValidationError(
        _("%(person)s is already hub administrator of %(country)s.")
        % {"person": user, "country": country.name}
    )


def hub_admin_assign(*, actor, user, country: Country) -> HubAdministrator:
    _check_may_appoint(actor)
    if not country.is_home:
        raise ValidationError(_("Hubs exist only for the countries the platform serves."))
    if HubAdministrator.objects.filter(user=user, country=country).exists():
        raise _already(user, country)
    try:
        with transaction.atomic():
            appointment = HubAdministrator.objects.create(user=user, country=country, appointed_by=actor)
            record_event(actor, Verb.HUB_ADMIN_ASSIGNED, user, new={"country": country.code})
            notify(
                [user],
                kind="orgs.hub_appointed",
                subject=gettext_lazy("you are now a hub administrator"),
                template="orgs/hubs/email/appointed.txt",
                context={"country": country},
                link=("orgs:hub_verification", ()),
            )
    except IntegrityError:  # appointed by someone else between the check and the write
        raise _already(user, country) from None
    return appointment


def hub_admin_remove(*, actor, user, country: Country) -> None:
    _check_may_appoint(actor)
    with transaction.atomic():
        removed, _counts = HubAdministrator.objects.filter(user=user, country=country).delete()
        if not removed:
            raise ValidationError(
                _("%(person)s is not hub administrator of %(country)s.")
                % {"person": user, "country": country.name}
            )
        record_event(actor, Verb.HUB_ADMIN_REMOVED, user, old={"country": country.code})
