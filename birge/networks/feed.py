"""What networks put in the activity feeds (birge.core.activity): a network founded, an organization
joining, and the content a reader of the network would see (announcements, documents, discussions,
decisions made, a charter adopted, a response closed).

A network's activity reaches a feed only for someone who may know the network, and its content only for
someone who may read it: a secret network's activity never reaches a non-member, on the home page, an
organization's profile or anywhere else."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from birge.core.activity import FeedItem, register_feed_source, scope_key
from birge.networks.events import Verb
from birge.networks.membership.models import AdmissionStatus
from birge.networks.networks.models import Network
from birge.networks.permissions import NetworkViewer
from birge.orgs.profiles.models import Organization

NETWORK_PREFIX = f"{Network._meta.label_lower}:"

# verb -> (the sentence, whether the network's content must be readable, the page's view name or None for
# the network's own page). A sentence takes %(network)s, %(title)s (the object's name when it was written)
# and %(organization)s.
SENTENCES = {
    Verb.NETWORK_CREATED: (lambda: _("The network “%(network)s” was founded"), False, None),
    Verb.INVITATION_ANSWERED: (lambda: _("%(organization)s joined the network “%(network)s”"), False, None),
    Verb.JOIN_ANSWERED: (lambda: _("%(organization)s joined the network “%(network)s”"), False, None),
    Verb.ANNOUNCED: (lambda: _("Announcement in “%(network)s”: %(title)s"), True, "networks:announcement"),
    Verb.ALERTED: (lambda: _("Urgent alert in “%(network)s”: %(title)s"), True, "networks:announcement"),
    Verb.DOCUMENT_ADDED: (lambda: _("New document in “%(network)s”: %(title)s"), True, "networks:document"),
    Verb.THREAD_STARTED: (lambda: _("New discussion in “%(network)s”: %(title)s"), True, "networks:thread"),
    Verb.DECISION_CLOSED: (
        lambda: _("Decision closed in “%(network)s”: %(title)s"),
        True,
        "networks:decision",
    ),
    Verb.CHARTER_ADOPTED: (lambda: _("“%(network)s” adopted a charter"), True, "networks:charter"),
    Verb.INCIDENT_CLOSED: (
        lambda: _("“%(network)s” closed its response: %(title)s"),
        True,
        "networks:incident",
    ),
}
# The verbs whose page takes the object's id after the network's address.
WITH_ID = {Verb.ANNOUNCED, Verb.ALERTED, Verb.DOCUMENT_ADDED, Verb.THREAD_STARTED, Verb.DECISION_CLOSED}


def _organization_of(event) -> int | None:
    return event.new.get("organization") or event.new.get("founder")


def scopes(event, target) -> list[str]:
    network = target if isinstance(target, Network) else getattr(target, "network", None)
    if network is None:
        return []
    keys = [scope_key(network)]
    organization = _organization_of(event)
    if organization:
        keys.append(f"{Organization._meta.label_lower}:{organization}")
    return keys


def _network_id(event) -> int | None:
    for scope in event.scopes.all():  # prefetched by the feed
        if scope.key.startswith(NETWORK_PREFIX):
            return int(scope.key[len(NETWORK_PREFIX) :])
    return None


def visible(who, events) -> list[FeedItem]:
    viewer = NetworkViewer.of(who)
    # A refused invitation or request is nobody's news.
    events = [
        event
        for event in events
        if event.verb not in (Verb.INVITATION_ANSWERED, Verb.JOIN_ANSWERED)
        or event.new.get("status") == AdmissionStatus.ACCEPTED
    ]
    networks = Network.objects.in_bulk({_network_id(event) for event in events} - {None})
    names = dict(
        Organization.objects.published()
        .filter(pk__in={_organization_of(event) for event in events} - {None})
        .values_list("pk", "name")
    )
    items = []
    for event in events:
        network = networks.get(_network_id(event))
        sentence, content, view = SENTENCES[event.verb]
        if network is None or not (viewer.may_read(network) if content else viewer.may_know(network)):
            continue
        organization = names.get(_organization_of(event))
        if "%(organization)s" in sentence() and organization is None:
            continue  # an organization that is not published is not named
        text = sentence() % {
            "network": network.name,
            "title": event.target_repr,
            "organization": organization,
        }
        if view is None:
            url = reverse("networks:network", args=[network.slug])
        elif event.verb in WITH_ID:
            url = reverse(view, args=[network.slug, event.target_id])
        else:
            url = reverse(view, args=[network.slug])
        items.append(FeedItem(event.created_at, text, url, network.language))
    return items


def register() -> None:
    register_feed_source("networks", SENTENCES, scopes=scopes, visible=visible)
