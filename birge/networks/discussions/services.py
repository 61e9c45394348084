"""Every write of a network's discussions: starting a thread, replying, editing one's own post.

Anyone who belongs to a member organization takes part, in the name of one of their organizations that is a
member of the network. A `@slug` in a post names a member organization: the post keeps it, and the people
who speak for that organization are told; an organization outside the network is never linked nor told.
A reply tells the thread's earlier participants."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import record_event
from birge.core.markdown import find_mentions
from birge.core.notifications.services import notify
from birge.core.validators import validate_multi_line, validate_single_line
from birge.networks.discussions.models import Post, Thread
from birge.networks.discussions.reads import mentionable, participants
from birge.networks.events import Verb
from birge.networks.membership.reads import speakers_of
from birge.networks.networks.models import Network
from birge.networks.networks.services import require_active
from birge.networks.permissions import NetworkViewer, can_take_part
from birge.orgs.profiles.models import Organization

MAX_TITLE = 200
MAX_BODY = 20_000
# A post may be corrected by its author for a day; after that it stands as the others have read it.
EDIT_WINDOW = dt.timedelta(hours=24)


def _take_part(actor, network: Network, organization: Organization | None) -> None:
    """`actor` belongs to a member organization, and `organization` is one of theirs in the network."""
    viewer = NetworkViewer.of(actor)
    if not can_take_part(viewer, network):
        raise PermissionDenied
    if organization is None or organization.pk not in viewer.memberships.get(network.pk, {}):
        raise ValidationError(
            {"organization": _("Choose one of your organizations that is a member of this network.")}
        )


def _title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the discussion a title.")})
    if len(title) > MAX_TITLE:
        raise ValidationError(
            {"title": _("Keep the title under %(count)d characters.") % {"count": MAX_TITLE}}
        )
    try:
        validate_single_line(title)
    except ValidationError as error:
        raise ValidationError({"title": error.messages}) from error
    return title


def _body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something first.")})
    if len(body) > MAX_BODY:
        raise ValidationError(
            {
                "body": _("The text is %(length)d characters long; keep it under %(count)d.")
                % {"length": len(body), "count": MAX_BODY}
            }
        )
    try:
        validate_multi_line(body)
    except ValidationError as error:
        raise ValidationError({"body": error.messages}) from error
    return body


def _context(thread: Thread, actor, organization: Organization | None) -> dict:
    # What the e-mail says: the network, the thread and who wrote, never the text (a members-only network's
    # text stays on the platform).
    return {
        "network": thread.network.name,
        "thread": thread.title,
        "author": actor.display_name or gettext_lazy("A member"),
        "organization": organization.name if organization else "",
    }


def _tell_mentioned(thread: Thread, post: Post, actor, organizations: list[Organization]) -> set[int]:
    """Tell the people who speak for the mentioned organizations; who was told."""
    people = [person for person in speakers_of([org.pk for org in organizations]) if person.pk != actor.pk]
    notify(
        people,
        kind="networks.discussion",
        about=thread,
        subject=format_lazy(gettext_lazy("Your organization is mentioned in “{title}”"), title=thread.title),
        template="networks/discussions/email/mentioned.txt",
        context={
            **_context(thread, actor, post.organization),
            "mentioned": [org.name for org in organizations],
        },
        link=("networks:thread", (thread.network.slug, thread.pk)),
    )
    return {person.pk for person in people}


def thread_start(*, actor, network: Network, organization: Organization, title: str, body: str) -> Thread:
    """Start a discussion in `network`, in the name of `organization`; the text is its first post."""
    _take_part(actor, network, organization)
    require_active(network)
    errors: dict[str, list[str]] = {}
    try:
        title = _title(title)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        body = _body(body)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    mentioned = mentionable(network, find_mentions(body))
    with transaction.atomic():
        now = timezone.now()
        thread = Thread.objects.create(
            network=network, title=title, author=actor, organization=organization, last_post_at=now
        )
        post = Post.objects.create(thread=thread, author=actor, organization=organization, body=body)
        post.mentions.set(mentioned)
        record_event(
            actor,
            Verb.THREAD_STARTED,
            thread,
            new={
                "network": network.pk,
                "organization": organization.pk,
                "title": title,
                "mentions": [org.pk for org in mentioned],
            },
        )
        if mentioned:
            _tell_mentioned(thread, post, actor, mentioned)
    return thread


def post_reply(*, actor, thread: Thread, organization: Organization, body: str) -> Post:
    """Reply in `thread`, in the name of `organization`; the people who wrote in it before are told."""
    network = thread.network
    _take_part(actor, network, organization)
    require_active(network)
    body = _body(body)
    mentioned = mentionable(network, find_mentions(body))
    with transaction.atomic():
        earlier = participants(thread)
        post = Post.objects.create(thread=thread, author=actor, organization=organization, body=body)
        post.mentions.set(mentioned)
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_post_at=post.created_at
        )
        thread.refresh_from_db(fields=["reply_count", "last_post_at"])
        record_event(
            actor,
            Verb.POST_ADDED,
            thread,
            new={"post": post.pk, "organization": organization.pk, "mentions": [org.pk for org in mentioned]},
        )
        told = _tell_mentioned(thread, post, actor, mentioned) if mentioned else set()
        notify(
            [person for person in earlier if person.pk != actor.pk and person.pk not in told],
            kind="networks.discussion",
            about=thread,
            subject=format_lazy(gettext_lazy("A reply in “{title}”"), title=thread.title),
            template="networks/discussions/email/replied.txt",
            context=_context(thread, actor, organization),
            link=("networks:thread", (network.slug, thread.pk)),
        )
    return post


def may_edit(who, post: Post, now: dt.datetime | None = None) -> bool:
    """The author, within a day of writing, while they still take part in the network."""
    viewer = NetworkViewer.of(who)
    if viewer.user is None or post.author_id != viewer.user.pk:
        return False
    if (now or timezone.now()) - post.created_at > EDIT_WINDOW:
        return False
    return can_take_part(viewer, post.thread.network)


def post_edit(*, actor, post: Post, body: str) -> Post:
    """Correct one's own post; the page says it was edited. Organizations it newly mentions are told."""
    if not may_edit(actor, post):
        raise PermissionDenied
    thread = post.thread
    require_active(thread.network)
    body = _body(body)
    if body == post.body:
        return post
    mentioned = mentionable(thread.network, find_mentions(body))
    with transaction.atomic():
        before = set(post.mentions.values_list("pk", flat=True))
        old = post.body
        post.body = body
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "edited_at"])
        post.mentions.set(mentioned)
        # The log keeps that the post changed and by how much, never its text: what members write in a
        # network (a secret one above all) stays in the network, not in the administrators' audit log.
        record_event(actor, Verb.POST_EDITED, post, old={"length": len(old)}, new={"length": len(body)})
        new_ones = [org for org in mentioned if org.pk not in before]
        if new_ones:
            _tell_mentioned(thread, post, actor, new_ones)
    return post
