"""Listing partner organizations, and taking them off the list."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from birge.core.audit import record_event
from birge.orgs.events import Verb
from birge.orgs.partners.models import Partnership
from birge.orgs.permissions import can_edit
from birge.orgs.profiles.models import Organization


def partner_add(*, actor, organization: Organization, partner: Organization) -> Partnership:
    if not can_edit(actor, organization):
        raise PermissionDenied
    if partner.pk == organization.pk:
        raise ValidationError(_("An organization cannot be its own partner."))
    if not partner.is_published:
        raise ValidationError(_("There is no published organization at this address."))
    with transaction.atomic():
        partnership, created = Partnership.objects.get_or_create(organization=organization, partner=partner)
        if created:
            record_event(actor, Verb.ORG_PARTNER_ADDED, organization, new={"partner": partner.slug})
    return partnership


def partner_remove(*, actor, organization: Organization, partner: Organization) -> None:
    if not can_edit(actor, organization):
        raise PermissionDenied
    with transaction.atomic():
        deleted, _rows = Partnership.objects.filter(organization=organization, partner=partner).delete()
        if deleted:
            record_event(actor, Verb.ORG_PARTNER_REMOVED, organization, old={"partner": partner.slug})
