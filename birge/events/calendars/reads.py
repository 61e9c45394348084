"""What the calendar files and feeds hold, and the private addresses of networks' feeds.

Feeds are read by calendar applications, which never sign in: the organization's and the country's feeds
hold only what anyone may know, and a network's feed is reached by a secret address, valid while its
holder still belongs to the network.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from birge.core.models import Country
from birge.events.calendars.models import FeedToken
from birge.events.catalog.models import Event, Format, Status
from birge.events.permissions import EventViewer
from birge.events.registration.models import Registration
from birge.events.registration.models import Status as RegistrationStatus
from birge.networks.membership.models import NetworkMembership
from birge.networks.networks.models import Network
from birge.orgs.profiles.models import Organization

# A feed keeps the events of the last three months beside the coming ones: long enough for the follow-up,
# short enough that the file stays small.
PAST = dt.timedelta(days=90)
TOKEN_KEY = "birge.events.feed"
TOKEN_LENGTH = 32


# Events -----------------------------------------------------------------------------------------------------


def for_calendar(events: QuerySet[Event]) -> QuerySet[Event]:
    """`events` with what a calendar file reads of each: the network and the organizers (two queries)."""
    return events.select_related("network").prefetch_related("organizers").order_by("starts_at", "pk")


def _recent(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.filter(ends_at__gte=timezone.now() - PAST)


def public_events() -> QuerySet[Event]:
    """Published (or cancelled) events anyone may know: open to anyone, not of a secret network."""
    return Event.objects.known_to(EventViewer(None))


def organization_feed(organization: Organization) -> QuerySet[Event]:
    return for_calendar(_recent(public_events().filter(organizers=organization)))


def country_feed(country: Country) -> QuerySet[Event]:
    """Events held in the country, and the online ones its organizations organize wherever they are held
    (an online event often has no country of its own)."""
    organized_here = Event.organizers.through.objects.filter(organization__country=country).values("event_id")
    online_here = Q(format__in=(Format.ONLINE, Format.HYBRID), pk__in=organized_here)
    return for_calendar(_recent(public_events().filter(Q(country=country) | online_here)))


def network_feed(network: Network) -> QuerySet[Event]:
    """Every published (or cancelled) event of the network, those for members only too."""
    events = Event.objects.filter(network=network, status__in=(Status.PUBLISHED, Status.CANCELLED))
    return for_calendar(_recent(events))


def online_url_for(user, event: Event, viewer: EventViewer) -> str:
    """The link to join, for a confirmed participant or an organizer only (empty for anyone else)."""
    if not (event.is_online and event.online_url) or viewer.user is None:
        return ""
    if viewer.is_organizer(event):
        return event.online_url
    confirmed = Registration.objects.filter(event=event, person=user, status=RegistrationStatus.CONFIRMED)
    return event.online_url if confirmed.exists() else ""


# Private addresses ------------------------------------------------------------------------------------------


def token_secret(pk: int, salt: str) -> str:
    return salted_hmac(TOKEN_KEY, f"{pk}:{salt}").hexdigest()[:TOKEN_LENGTH]


def address_token(feed_token: FeedToken) -> str:
    """The token in a network feed's address: the row's id and an HMAC of its salt with the site's key."""
    return f"{feed_token.pk}-{token_secret(feed_token.pk, feed_token.salt)}"


def still_member(person_id: int, network_id: int) -> bool:
    """Whether the person belongs to an organization that is a member of the network (one query)."""
    return NetworkMembership.objects.filter(
        network_id=network_id, organization__memberships__user_id=person_id
    ).exists()


def feed_token_by_address(token: str) -> FeedToken | None:
    """The feed token named by `token` (from an address), if the HMAC matches, its holder is active and
    still belongs to the network; None otherwise."""
    pk, _, secret = token.partition("-")
    if not pk.isdigit() or len(secret) != TOKEN_LENGTH:
        return None
    feed_token = FeedToken.objects.select_related("person", "network").filter(pk=int(pk)).first()
    if feed_token is None or not constant_time_compare(secret, token_secret(feed_token.pk, feed_token.salt)):
        return None
    if not feed_token.person.is_active or not still_member(feed_token.person_id, feed_token.network_id):
        return None
    return feed_token


def my_networks(viewer: EventViewer) -> list[Network]:
    """The networks the person belongs to, by name (one query; their memberships are the viewer's)."""
    if not viewer.network_ids:
        return []
    return list(Network.objects.filter(pk__in=viewer.network_ids).order_by("name", "pk"))


def my_organizations(viewer: EventViewer) -> list[Organization]:
    """The published organizations the person belongs to, whose feeds they may want to pass on."""
    if not viewer.viewer.member_of:
        return []
    organizations = Organization.objects.published().filter(pk__in=viewer.viewer.member_of)
    return list(organizations.order_by("name", "pk"))


def feed_countries() -> list[Country]:
    """The countries the platform serves, each with a feed offered on the calendars page."""
    return list(Country.objects.filter(is_home=True))
