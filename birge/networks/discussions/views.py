"""The discussion pages: a network's threads, one thread with its posts and the reply form, a new thread,
editing one's own post. Whoever may read the network's content reads them (404 for anyone else); whoever
belongs to a member organization writes."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from birge.core.forms import apply_errors
from birge.core.markdown import render as markdown
from birge.core.pagination import paginate
from birge.networks.discussions import reads, services
from birge.networks.discussions.forms import PostEditForm, ReplyForm, ThreadForm
from birge.networks.discussions.models import Post
from birge.networks.networks.models import Network, Status
from birge.networks.networks.reads import readable_network_or_404
from birge.networks.permissions import NetworkViewer
from birge.orgs.profiles.visibility import localized

POSTS_PER_PAGE = settings.BIRGE_PAGE_SIZE


def _readable(request: HttpRequest, slug: str) -> tuple[NetworkViewer, Network]:
    viewer = NetworkViewer.of(request.user)
    return viewer, readable_network_or_404(viewer, slug)


def _writes(viewer: NetworkViewer, network) -> bool:
    return viewer.is_member(network) and network.status == Status.ACTIVE


def _organization(organization, viewer: NetworkViewer):
    """What a post or thread shows of the organization it speaks for: an unpublished profile only to its
    own members, as the network's member list does."""
    if organization is None:
        return None
    if organization.published_at is None and organization.pk not in viewer.viewer.member_of:
        return None
    return {"name": localized(organization, "name"), "url": organization.get_absolute_url()}


def threads(request: HttpRequest, slug: str) -> HttpResponse:
    viewer, network = _readable(request, slug)
    links = paginate(request, reads.threads_of(network))
    rows = [
        {"thread": thread, "organization": _organization(thread.organization, viewer)}
        for thread in links.page.object_list
    ]
    writes = _writes(viewer, network)
    form = ThreadForm(organizations=reads.organizations_to_write_as(viewer, network)) if writes else None
    context = {
        "network": network,
        "links": links,
        "rows": rows,
        "form": form,
        "is_member": viewer.is_member(network),
    }
    return render(request, "networks/discussions/threads.html", context)


@login_required
def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    viewer, network = _readable(request, slug)
    if not viewer.is_member(network):
        raise PermissionDenied
    form = ThreadForm(request.POST or None, organizations=reads.organizations_to_write_as(viewer, network))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.thread_start(
                actor=request.user,
                network=network,
                organization=data["organization"],
                title=data["title"],
                body=data["body"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("networks:thread", network.slug, thread.pk)
    return render(request, "networks/discussions/thread_new.html", {"network": network, "form": form})


def thread(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The thread and its posts; a POST is a reply."""
    viewer, network = _readable(request, slug)
    item = reads.thread_or_404(network, pk)
    writes = _writes(viewer, network)
    form = None
    if writes:
        organizations = reads.organizations_to_write_as(viewer, network)
        form = ReplyForm(request.POST if request.method == "POST" else None, organizations=organizations)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                post = services.post_reply(
                    actor=request.user,
                    thread=item,
                    organization=form.cleaned_data["organization"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect(_post_url(network, item, post))
    links = paginate(request, reads.posts_of(item), POSTS_PER_PAGE)
    posts = list(links.page.object_list)
    for post in posts:
        post.thread = item  # may_edit reads the network through it: no query per post
    mentions = reads.mention_links(posts, reads.member_organization_ids(network)) if posts else {}
    rows = [
        {
            "post": post,
            "html": markdown(post.body, mentions),
            "organization": _organization(post.organization, viewer),
            "may_edit": services.may_edit(viewer, post),
        }
        for post in posts
    ]
    context = {"network": network, "thread": item, "links": links, "rows": rows, "form": form}
    return render(request, "networks/discussions/thread.html", context)


def _post_url(network, thread, post: Post) -> str:
    """The page of the thread where `post` is, at the post."""
    position = (
        Post.objects.filter(thread=thread, created_at__lte=post.created_at)
        .exclude(created_at=post.created_at, pk__gt=post.pk)
        .count()
    )
    page = max(1, math.ceil(position / POSTS_PER_PAGE))
    url = reverse("networks:thread", args=[network.slug, thread.pk])
    return f"{url}?page={page}#post-{post.pk}" if page > 1 else f"{url}#post-{post.pk}"


@login_required
def post_edit(request: HttpRequest, slug: str, pk: int, post_pk: int) -> HttpResponse:
    viewer, network = _readable(request, slug)
    post = reads.post_or_404(network, pk, post_pk)
    if not services.may_edit(viewer, post):
        raise PermissionDenied
    form = PostEditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(actor=request.user, post=post, body=form.cleaned_data["body"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(_post_url(network, post.thread, post))
    context = {"network": network, "thread": post.thread, "post": post, "form": form}
    return render(request, "networks/discussions/post_edit.html", context)
