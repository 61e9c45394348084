"""What the discussion pages and services read: a network's threads by their latest activity, a thread's
posts with what they mention, who took part, and which organizations a post may mention."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404

from birge.networks.discussions.models import Post, Thread
from birge.networks.membership.models import NetworkMembership
from birge.networks.networks.models import Network
from birge.networks.permissions import NetworkViewer
from birge.orgs.profiles.models import Organization


def threads_of(network: Network):
    """Newest activity first, with the author and organization each row names."""
    return (
        Thread.objects.filter(network=network)
        .select_related("author", "organization")
        .order_by("-last_post_at", "-pk")
    )


def thread_or_404(network: Network, pk: int) -> Thread:
    thread = Thread.objects.select_related("author", "organization").filter(network=network, pk=pk).first()
    if thread is None:
        raise Http404
    thread.network = network  # the one the page already read
    return thread


def posts_of(thread: Thread):
    """In the order written, each with its author, organization and mentioned organizations."""
    return (
        Post.objects.filter(thread=thread)
        .select_related("author", "organization")
        .prefetch_related("mentions")
        .order_by("created_at", "pk")
    )


def post_or_404(network: Network, thread_pk: int, pk: int) -> Post:
    post = (
        Post.objects.select_related("thread__network", "organization")
        .filter(pk=pk, thread_id=thread_pk, thread__network=network)
        .first()
    )
    if post is None:
        raise Http404
    return post


def member_organization_ids(network: Network) -> set[int]:
    rows = NetworkMembership.objects.filter(network=network).order_by()
    return set(rows.values_list("organization_id", flat=True))


def mentionable(network: Network, slugs) -> list[Organization]:
    """Of the organizations `slugs` name, the published members of `network`: the only ones a post may
    mention. An organization outside the network is neither linked nor told, whatever was typed."""
    slugs = list(slugs)
    if not slugs:
        return []
    return list(
        Organization.objects.filter(
            slug__in=slugs, published_at__isnull=False, network_memberships__network=network
        )
        .distinct()
        .order_by("name")
    )


def mention_links(posts, members: set[int]) -> dict[str, str]:
    """Slug -> profile address of the organizations `posts` mention that are still members (prefetched)."""
    return {
        organization.slug: organization.get_absolute_url()
        for post in posts
        for organization in post.mentions.all()
        if organization.pk in members
    }


def participants(thread: Thread) -> list:
    """The people who wrote in `thread` so far (whose accounts are active)."""
    authors = Post.objects.filter(thread=thread, author__isnull=False).values("author_id")
    return list(get_user_model().objects.filter(pk__in=authors, is_active=True).order_by("pk"))


def organizations_to_write_as(viewer: NetworkViewer, network: Network):
    """The member organizations in whose name this person may write in `network`."""
    return Organization.objects.filter(pk__in=list(viewer.memberships.get(network.pk, {}))).order_by("name")
