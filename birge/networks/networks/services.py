"""Every write to a network itself: creating it (the founding organization becomes its coordinator),
changing it, closing it. Each checks permission, validates, writes inside a transaction and records the
audit entry."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from birge.core.audit import record_event
from birge.core.models import Country, ThematicArea
from birge.core.validators import validate_multi_line, validate_single_line
from birge.networks.events import Verb
from birge.networks.membership.models import NetworkMembership, Role
from birge.networks.networks.models import Kind, Network, Status, Visibility
from birge.networks.networks.search import search_key
from birge.networks.permissions import SPEAKING_ROLES, NetworkViewer, can_manage
from birge.orgs.permissions import role_in
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.slugs import unique_slug

# Words of the site's own pages under /networks/, which a network's address must not take.
RESERVED = frozenset({"new", "mine", "invitations"})
# Which kinds a network may belong to.
PARENT_KINDS = {
    Kind.NATIONAL_HUB: (Kind.REGIONAL_BODY,),
    Kind.THEMATIC: (Kind.REGIONAL_BODY, Kind.NATIONAL_HUB),
    Kind.RESPONSE: (Kind.REGIONAL_BODY, Kind.NATIONAL_HUB, Kind.THEMATIC),
    Kind.PARTNERSHIP: (Kind.REGIONAL_BODY, Kind.NATIONAL_HUB, Kind.THEMATIC),
    Kind.REGIONAL_BODY: (),
}
FIELDS = ("name", "description", "language", "kind", "visibility")


def secret_slug() -> str:
    """A secret network's address says nothing: derived from its name, it would collide with a public
    network of the same name and betray, by the "-2" the other one gets, that a secret one exists."""
    return "n-" + secrets.token_hex(6)


def _slug_for(name: str, visibility: str) -> str:
    if visibility == Visibility.SECRET:
        return secret_slug()
    return unique_slug(name, Network.objects.all(), fallback="network", reserved=RESERVED)


def _clean(viewer: NetworkViewer, values: dict, network: Network | None = None) -> dict:
    errors: dict[str, list[str]] = {}
    name = (values.get("name") or "").strip()
    if not name:
        errors.setdefault("name", []).append(_("Give the network a name."))
    for field in ("name",):
        try:
            validate_single_line(values.get(field) or "")
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.messages)
    try:
        validate_multi_line(values.get("description") or "")
    except ValidationError as error:
        errors.setdefault("description", []).extend(error.messages)
    kind = values.get("kind") or Kind.THEMATIC
    if kind not in Kind.values:
        errors.setdefault("kind", []).append(_("Choose a kind of network."))
    if (values.get("visibility") or Visibility.PUBLIC) not in Visibility.values:
        errors.setdefault("visibility", []).append(_("Choose who may see the network."))
    parent = values.get("parent")
    if parent is not None:
        if not viewer.may_know(parent):
            errors.setdefault("parent", []).append(_("Choose a network you know."))
        elif network is not None and (parent.pk == network.pk or _is_below(parent, network)):
            errors.setdefault("parent", []).append(
                _("A network cannot belong to itself or to one of its own.")
            )
        elif parent.kind not in PARENT_KINDS.get(kind, ()):
            errors.setdefault("parent", []).append(
                _("A %(kind)s cannot belong to a %(parent)s.")
                % {"kind": Kind(kind).label, "parent": parent.get_kind_display()}
            )
    if errors:
        raise ValidationError(errors)
    return {**values, "name": name}


def _is_below(candidate: Network, network: Network) -> bool:
    """Whether `candidate` sits somewhere under `network` (a loop would follow if it became its parent)."""
    seen = set()
    current = candidate.parent
    while current is not None and current.pk not in seen:
        if current.pk == network.pk:
            return True
        seen.add(current.pk)
        current = current.parent
    return False


def network_create(
    *,
    actor,
    founder: Organization,
    name: str,
    description: str = "",
    language: str = "ru",
    kind: str = Kind.THEMATIC,
    visibility: str = Visibility.PUBLIC,
    themes: list[ThematicArea] | tuple = (),
    countries: list[Country] | tuple = (),
    parent: Network | None = None,
) -> Network:
    """Create a network with `founder` as its first member and coordinator; `actor` must speak for it
    (owner or editor) and it must be published."""
    if role_in(actor, founder) not in SPEAKING_ROLES:
        raise PermissionDenied
    if not founder.is_published:
        raise ValidationError(
            {"founder": _("Publish the organization's profile before it founds a network.")}
        )
    values = _clean(
        NetworkViewer.of(actor),
        {
            "name": name,
            "description": description,
            "language": language,
            "kind": kind,
            "visibility": visibility,
            "parent": parent,
        },
    )
    with transaction.atomic():
        network = Network.objects.create(
            slug=_slug_for(values["name"], visibility),
            name=values["name"],
            description=description,
            language=language,
            kind=kind,
            visibility=visibility,
            parent=parent,
            created_by=actor,
            search_key=search_key(values["name"], description),
        )
        network.themes.set(themes)
        network.countries.set(countries or [founder.country])
        NetworkMembership.objects.create(network=network, organization=founder, role=Role.COORDINATOR)
        record_event(
            actor,
            Verb.NETWORK_CREATED,
            network,
            new={"kind": kind, "visibility": visibility, "founder": founder.pk},
        )
    return network


def network_update(
    *,
    actor,
    network: Network,
    themes: list[ThematicArea] | None = None,
    countries: list[Country] | None = None,
    **changes,
) -> Network:
    """Change the network's texts, kind, visibility or place; coordinators only. A network that becomes
    secret gets a new address that says nothing, so that its old, readable one answers 404 like any other
    unknown address."""
    if not can_manage(actor, network):
        raise PermissionDenied
    unknown = set(changes) - {*FIELDS, "parent"}
    if unknown:
        raise TypeError(f"network_update() got unexpected fields {sorted(unknown)}")
    before = {field: getattr(network, field) for field in FIELDS} | {"parent": network.parent_id}
    values = _clean(
        NetworkViewer.of(actor),
        {**{field: getattr(network, field) for field in FIELDS}, "parent": network.parent, **changes},
        network,
    )
    with transaction.atomic():
        for field in FIELDS:
            setattr(network, field, values[field])
        network.parent = values["parent"]
        if network.visibility == Visibility.SECRET and before["visibility"] != Visibility.SECRET:
            network.slug = secret_slug()
        network.search_key = search_key(network.name, network.description)
        network.save()
        if themes is not None:
            network.themes.set(themes)
        if countries is not None:
            network.countries.set(countries)
        after = {field: getattr(network, field) for field in FIELDS} | {"parent": network.parent_id}
        old = {key: value for key, value in before.items() if after[key] != value}
        record_event(actor, Verb.NETWORK_CHANGED, network, old=old, new={key: after[key] for key in old})
    return network


def network_close(*, actor, network: Network) -> Network:
    """Close a network that has done its work: it stays readable to whoever could read it, and takes no new
    members, posts or decisions."""
    if not can_manage(actor, network):
        raise PermissionDenied
    if network.status == Status.CLOSED:
        raise ValidationError(_("The network is already closed."))
    with transaction.atomic():
        network.status = Status.CLOSED
        network.closed_at = timezone.now()
        network.save(update_fields=["status", "closed_at", "updated_at"])
        record_event(
            actor, Verb.NETWORK_CLOSED, network, old={"status": Status.ACTIVE}, new={"status": Status.CLOSED}
        )
    return network


def require_active(network: Network) -> None:
    """Writes into a closed network are refused with one message."""
    if network.status == Status.CLOSED:
        raise ValidationError(_("This network is closed: nothing can be added to it."))
