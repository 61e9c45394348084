"""Calendar files and feeds, and the page that gives a person the addresses to subscribe to.

One event's file is for whoever may know the event (404 for anyone else) and carries the link to join only
for its confirmed participants and organizers. The feeds are read by calendar applications, which never
sign in, so they read no session: an organization's and a country's feed hold only what anyone may know,
and a network's feed is reached by its member's secret address. Calendars fetch feeds every hour: they may
keep a copy for 15 minutes and, with the ETag, are answered "not modified" when nothing changed.
"""

from __future__ import annotations

import hashlib
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from birge.core.models import Country
from birge.core.notifications.emails import absolute_url
from birge.events.calendars import ics, reads, services
from birge.events.catalog.models import Event
from birge.events.permissions import EventViewer
from birge.networks.networks.models import Network
from birge.networks.permissions import NetworkViewer
from birge.orgs.profiles.models import Organization

FEED_SECONDS = 15 * 60


def _calendar_response(request: HttpRequest, body: bytes, *, filename: str = "") -> HttpResponse:
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type=ics.CONTENT_TYPE)
    response["ETag"] = etag
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _feed(request: HttpRequest, body: bytes) -> HttpResponse:
    response = _calendar_response(request, body)
    # Private: a shared cache must not keep a network's feed, and nothing is gained keeping the others.
    patch_cache_control(response, private=True, max_age=FEED_SECONDS)
    return response


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """One event as a file to add to a calendar."""
    events = Event.objects.select_related("network").prefetch_related("organizers")
    event = get_object_or_404(events, slug=slug)
    viewer = EventViewer.of(request.user)
    if not viewer.may_know(event):
        raise Http404
    online_url = reads.online_url_for(request.user, event, viewer)
    body = ics.calendar([event], online_urls={event.pk: online_url})
    response = _calendar_response(request, body, filename=f"{event.slug}.ics")
    # It may hold the link to join: for this person's browser only, checked again each time.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_safe
def organization_feed(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.published(), slug=slug)
    name = _("%(organization)s: events") % {"organization": organization.name}
    return _feed(request, ics.calendar(reads.organization_feed(organization), name=name))


@require_safe
def country_feed(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    name = _("Events in %(country)s") % {"country": country.name}
    return _feed(request, ics.calendar(reads.country_feed(country), name=name))


@require_safe
def network_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed_token = reads.feed_token_by_address(token)
    if feed_token is None:
        raise Http404
    services.feed_token_used(feed_token)
    network = feed_token.network
    name = _("%(network)s: events") % {"network": network.name}
    return _feed(request, ics.calendar(reads.network_feed(network), name=name))


def _addresses(view: str, *args) -> dict[str, str]:
    """The https address of a feed and the webcal:// one that opens a calendar application to subscribe."""
    url = absolute_url(reverse(view, args=args))
    return {"url": url, "webcal": re.sub(r"^https?://", "webcal://", url)}


@require_safe
def calendars(request: HttpRequest) -> HttpResponse:
    """The addresses to subscribe to: the countries' for anyone; for a signed-in person, those of their
    organizations and the private ones of their networks (made on their first visit here)."""
    viewer = EventViewer.of(request.user)
    networks, organizations = [], []
    if viewer.user is not None:
        mine = reads.my_networks(viewer)
        tokens = services.feed_tokens_ensure(person=viewer.user, networks=mine)
        networks = [
            {"network": network, **_addresses("events:feed_network", reads.address_token(tokens[network.pk]))}
            for network in mine
        ]
        organizations = [
            {"organization": organization, **_addresses("events:feed_organization", organization.slug)}
            for organization in reads.my_organizations(viewer)
        ]
    countries = [
        {"country": country, **_addresses("events:feed_country", country.code.lower())}
        for country in reads.feed_countries()
    ]
    context = {"networks": networks, "organizations": organizations, "countries": countries}
    return render(request, "events/calendars/calendars.html", context)


@login_required
@require_POST
def feed_renew(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    if not NetworkViewer.of(request.user).may_know(network):
        raise Http404
    try:
        services.feed_token_renew(actor=request.user, network=network)
    except PermissionDenied:
        raise Http404 from None
    messages.success(
        request, _("The address has changed: calendars using the old one no longer receive events.")
    )
    return redirect(f"{reverse('events:calendars')}#network-{network.slug}")
