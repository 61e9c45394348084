"""Activity feeds, built from the audit log: what happened lately on the platform (the home page), around
an organization (its profile) or in a network (its page).

Core knows no app. An app registers the verbs that belong in a feed with two functions of its own:

- `scopes(event, target)`, called by `record_event` when the event is written: the keys of the pages whose
  feed shows it (`scope_key(organization)`, `scope_key(network)`), stored as `ActivityScope` rows;
- `visible(who, events)`, called when a feed is read: of `events` (its own verbs only, each with its
  `scopes` prefetched), those the person may see, each as a `FeedItem` (what happened, in words, and
  where to read more). It applies the app's own visibility rule and reads what it needs for all the
  events at once, never per event.

A verb nobody registers for the feed never shows in one. A feed reads a window of the latest entries and
keeps those the person may see, so it takes the same queries however long the log grows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models

# How many of the latest entries a feed looks at for each item it shows: entries a person may not see
# (a secret network's) are skipped, and the feed shows fewer items rather than reading further.
WINDOW = 5


@dataclass(frozen=True)
class FeedItem:
    when: datetime
    text: str  # translated, plain: the page escapes it
    url: str = ""
    language: str = ""  # the language of a title quoted in `text`, if known


@dataclass(frozen=True)
class FeedSource:
    verbs: frozenset[str]
    scopes: Callable[[Any, Any], Iterable[str]]
    visible: Callable[[Any, list], list[FeedItem]]


# name -> source
FEED_SOURCES: dict[str, FeedSource] = {}
# verb -> the name of its source
_SOURCE_OF: dict[str, str] = {}


def register_feed_source(
    name: str,
    verbs: Iterable[str],
    *,
    scopes: Callable[[Any, Any], Iterable[str]],
    visible: Callable[[Any, list], list[FeedItem]],
) -> None:
    source = FeedSource(frozenset(verbs), scopes, visible)
    FEED_SOURCES[name] = source
    for verb in source.verbs:
        _SOURCE_OF[verb] = name


def scope_key(instance: models.Model) -> str:
    """The key of `instance`'s feed: its model's label and primary key."""
    return f"{instance._meta.label_lower}:{instance.pk}"


def index(event, target) -> None:
    """Called by `record_event`: the feed keys of a feed-worthy event."""
    name = _SOURCE_OF.get(event.verb)
    if name is None:
        return
    from birge.core.models import ActivityScope

    keys = dict.fromkeys(FEED_SOURCES[name].scopes(event, target))
    ActivityScope.objects.bulk_create([ActivityScope(event=event, key=key) for key in keys if key])


def feed(who, *, scope: models.Model | None = None, limit: int = 10) -> list[FeedItem]:
    """The latest `limit` items `who` may see, of the whole platform or of `scope`'s page. `who` is a user
    (or an anonymous one), or the directory's `Viewer` a page built already (every app's viewer wraps it,
    so the person's organizations are read once)."""
    from birge.core.models import Event

    entries = Event.objects.filter(verb__in=list(_SOURCE_OF))
    if scope is not None:
        entries = entries.filter(scopes__key=scope_key(scope))
    window = list(entries.order_by("-created_at", "-id").prefetch_related("scopes")[: limit * WINDOW])
    items: list[FeedItem] = []
    for name, source in FEED_SOURCES.items():
        own = [event for event in window if _SOURCE_OF[event.verb] == name]
        if own:
            items.extend(source.visible(who, own))
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]
