"""Every write to a network's membership: invitations and requests to join and their answers, roles,
leaving and removal. Each checks permission, validates, writes inside a transaction, records the audit
entry and tells the other side."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core import checks
from birge.core.audit import record_event
from birge.core.notifications.services import notify
from birge.networks.events import Verb
from birge.networks.membership.models import (
    Admission,
    AdmissionKind,
    AdmissionStatus,
    NetworkMembership,
    Role,
)
from birge.networks.membership.reads import coordinators_of, speakers_of
from birge.networks.networks.models import Network
from birge.networks.networks.services import require_active
from birge.networks.permissions import SPEAKING_ROLES, can_manage, may_know
from birge.orgs.permissions import role_in
from birge.orgs.profiles.models import Organization

MAX_MESSAGE = 2000


def _message(text: str, field: str = "message") -> str:
    errors: dict[str, list[str]] = {}
    text = checks.text(errors, field, text, limit=MAX_MESSAGE)
    if errors:
        raise ValidationError(errors)
    return text


def _already_waiting() -> ValidationError:
    return ValidationError(
        {
            "organization": _(
                "An invitation or a request for this organization is already waiting for an answer."
            )
        }
    )


def _speaks_for(actor, organization: Organization) -> bool:
    return role_in(actor, organization) in SPEAKING_ROLES


def _not_member_nor_pending(network: Network, organization: Organization) -> None:
    if NetworkMembership.objects.filter(network=network, organization=organization).exists():
        raise ValidationError({"organization": _("This organization is already a member of the network.")})
    if Admission.objects.filter(
        network=network, organization=organization, status=AdmissionStatus.PENDING
    ).exists():
        raise _already_waiting()


def _create_admission(**fields) -> Admission:
    try:
        with transaction.atomic():
            return Admission.objects.create(**fields)
    except IntegrityError as error:  # two coordinators inviting the same organization at the same moment
        raise _already_waiting() from error


def invite(
    *, actor, network: Network, organization: Organization, role: str = Role.MEMBER, message: str = ""
) -> Admission:
    """A coordinator invites a published organization; the people who speak for it answer."""
    if not can_manage(actor, network):
        raise PermissionDenied
    require_active(network)
    if not organization.is_published:
        raise ValidationError(
            {"organization": _("Only organizations with a published profile can be invited.")}
        )
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    _not_member_nor_pending(network, organization)
    text = _message(message)
    with transaction.atomic():
        admission = _create_admission(
            network=network,
            organization=organization,
            kind=AdmissionKind.INVITATION,
            role=role,
            message=text,
            created_by=actor,
        )
        record_event(actor, Verb.INVITED, network, new={"organization": organization.pk, "role": role})
        notify(
            speakers_of([organization.pk]),
            kind="networks.admission",
            about=admission,
            subject=gettext_lazy("An invitation to join a network"),
            template="networks/membership/email/invited.txt",
            context={"network": network.name, "organization": organization.name, "message": text},
            link=("networks:invitations", ()),
        )
    return admission


def request_join(*, actor, network: Network, organization: Organization, message: str = "") -> Admission:
    """Someone who speaks for an organization asks to join a network they may know of; its coordinators
    answer."""
    if not may_know(actor, network):
        raise PermissionDenied
    if not _speaks_for(actor, organization):
        raise PermissionDenied
    require_active(network)
    if not organization.is_published:
        raise ValidationError(
            {"organization": _("Publish the organization's profile before it asks to join.")}
        )
    _not_member_nor_pending(network, organization)
    text = _message(message)
    with transaction.atomic():
        admission = _create_admission(
            network=network,
            organization=organization,
            kind=AdmissionKind.REQUEST,
            message=text,
            created_by=actor,
        )
        record_event(actor, Verb.JOIN_REQUESTED, network, new={"organization": organization.pk})
        notify(
            coordinators_of(network),
            kind="networks.admission",
            about=admission,
            subject=gettext_lazy("A request to join your network"),
            template="networks/membership/email/requested.txt",
            context={"network": network.name, "organization": organization.name, "message": text},
            link=("networks:invitations", ()),
        )
    return admission


def may_answer(who, admission: Admission) -> bool:
    """The invited organization answers an invitation; the network's coordinators answer a request."""
    if admission.kind == AdmissionKind.INVITATION:
        return _speaks_for(who, admission.organization)
    return can_manage(who, admission.network)


def may_withdraw(who, admission: Admission) -> bool:
    """The side that asked may take it back."""
    if admission.kind == AdmissionKind.INVITATION:
        return can_manage(who, admission.network)
    return _speaks_for(who, admission.organization)


def _locked_pending(admission: Admission) -> Admission:
    locked = (
        Admission.objects.select_for_update().select_related("network", "organization").get(pk=admission.pk)
    )
    if locked.status != AdmissionStatus.PENDING:
        raise ValidationError(_("This has been answered already."))
    return locked


def admission_answer(*, actor, admission: Admission, accept: bool, reason: str = "") -> Admission:
    """Accept or decline: an accepted invitation or request makes the organization a member in the role
    offered."""
    if not may_answer(actor, admission):
        raise PermissionDenied
    text = _message(reason, "reason")
    with transaction.atomic():
        admission = _locked_pending(admission)
        network = admission.network
        if accept:
            require_active(network)
        admission.status = AdmissionStatus.ACCEPTED if accept else AdmissionStatus.DECLINED
        admission.decided_by = actor
        admission.decided_at = timezone.now()
        admission.reason = text
        admission.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        if accept:
            NetworkMembership.objects.get_or_create(
                network=network, organization=admission.organization, defaults={"role": admission.role}
            )
        verb = Verb.INVITATION_ANSWERED if admission.kind == AdmissionKind.INVITATION else Verb.JOIN_ANSWERED
        record_event(
            actor,
            verb,
            network,
            new={"organization": admission.organization_id, "status": admission.status},
        )
        told = (
            coordinators_of(network)
            if admission.kind == AdmissionKind.INVITATION
            else speakers_of([admission.organization_id])
        )
        notify(
            told,
            kind="networks.admission",
            about=admission,
            subject=gettext_lazy("An answer about joining a network"),
            template="networks/membership/email/answered.txt",
            context={
                "network": network.name,
                "organization": admission.organization.name,
                "accepted": accept,
                "reason": text,
            },
            link=("networks:network", (network.slug,))
            if accept or admission.kind == AdmissionKind.INVITATION
            else None,
        )
    return admission


def admission_withdraw(*, actor, admission: Admission) -> Admission:
    if not may_withdraw(actor, admission):
        raise PermissionDenied
    with transaction.atomic():
        admission = _locked_pending(admission)
        admission.status = AdmissionStatus.WITHDRAWN
        admission.decided_by = actor
        admission.decided_at = timezone.now()
        admission.save(update_fields=["status", "decided_by", "decided_at"])
        record_event(
            actor,
            Verb.ADMISSION_WITHDRAWN,
            admission.network,
            new={"organization": admission.organization_id},
        )
    return admission


def _keeps_a_coordinator(membership: NetworkMembership) -> None:
    if membership.role != Role.COORDINATOR:
        return
    others = NetworkMembership.objects.filter(
        network_id=membership.network_id, role=Role.COORDINATOR
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(_("A network needs a coordinator: make another member coordinator first."))


def _locked_membership(network: Network, organization: Organization) -> NetworkMembership:
    membership = (
        NetworkMembership.objects.select_for_update()
        .filter(network=network, organization=organization)
        .first()
    )
    if membership is None:
        raise ValidationError(_("This organization is not a member of the network."))
    return membership


def member_set_role(*, actor, network: Network, organization: Organization, role: str) -> NetworkMembership:
    if not can_manage(actor, network):
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    with transaction.atomic():
        membership = _locked_membership(network, organization)
        if membership.role == role:
            return membership
        if role != Role.COORDINATOR:
            _keeps_a_coordinator(membership)
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        record_event(
            actor,
            Verb.ROLE_CHANGED,
            network,
            old={"organization": organization.pk, "role": old},
            new={"role": role},
        )
        notify(
            speakers_of([organization.pk]),
            kind="networks.membership",
            about=network,
            subject=gettext_lazy("Your organization's role in a network changed"),
            template="networks/membership/email/role_changed.txt",
            context={
                "network": network.name,
                "organization": organization.name,
                "role": membership.get_role_display(),
            },
            link=("networks:network", (network.slug,)),
        )
    return membership


def member_leave(*, actor, network: Network, organization: Organization) -> None:
    """Someone who speaks for a member organization takes it out of the network."""
    if not _speaks_for(actor, organization):
        raise PermissionDenied
    with transaction.atomic():
        membership = _locked_membership(network, organization)
        _keeps_a_coordinator(membership)
        membership.delete()
        record_event(actor, Verb.MEMBER_LEFT, network, new={"organization": organization.pk})
        notify(
            coordinators_of(network),
            kind="networks.membership",
            about=network,
            subject=gettext_lazy("An organization left your network"),
            template="networks/membership/email/left.txt",
            context={"network": network.name, "organization": organization.name},
            link=("networks:members", (network.slug,)),
        )


def member_remove(*, actor, network: Network, organization: Organization, reason: str) -> None:
    """A coordinator removes a member organization, saying why; its people are told the reason."""
    if not can_manage(actor, network):
        raise PermissionDenied
    text = _message(reason, "reason")
    if not text:
        raise ValidationError({"reason": _("Say why the organization is removed: its people will read it.")})
    told = speakers_of([organization.pk])
    with transaction.atomic():
        membership = _locked_membership(network, organization)
        _keeps_a_coordinator(membership)
        # Told before the row goes: the kind's rule lets only members know of a secret network, and the
        # removed organization's people must learn why they lost it.
        notify(
            told,
            kind="networks.membership",
            about=network,
            subject=gettext_lazy("Your organization was removed from a network"),
            template="networks/membership/email/removed.txt",
            context={"network": network.name, "organization": organization.name, "reason": text},
        )
        membership.delete()
        record_event(
            actor, Verb.MEMBER_REMOVED, network, new={"organization": organization.pk, "reason": text}
        )
