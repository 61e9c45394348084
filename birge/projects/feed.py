"""What joint projects put in the activity feeds (birge.core.activity): a project started, its status
changed, an organization joining it, a progress report published.

Each entry is filed under the feed of every organization of the project and of its network. It reaches a
feed only for someone who may know the project (`ProjectViewer.may_know`, as the queryset `known_to`): a
private project's activity never reaches an outsider, on the home page, an organization's profile or a
network's page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from birge.core.activity import FeedItem, register_feed_source
from birge.networks.networks.models import Network
from birge.orgs.permissions import Viewer
from birge.orgs.profiles.models import Organization
from birge.projects.events import Verb
from birge.projects.indicators.models import ProgressReport
from birge.projects.permissions import ProjectViewer
from birge.projects.projects.models import Partner, Project, Status

VERBS = (Verb.CREATED, Verb.STATUS_CHANGED, Verb.PARTNER_ADDED, Verb.REPORT_PUBLISHED)


def _project_of(target) -> Project | None:
    if isinstance(target, Project):
        return target
    if isinstance(target, ProgressReport):
        return target.project
    return None


def scopes(event, target) -> list[str]:
    project = _project_of(target)
    if project is None:
        return []
    # The keys as `scope_key` writes them, from the ids: no organization or network is read for them.
    keys = [
        f"{Organization._meta.label_lower}:{pk}"
        for pk in Partner.objects.filter(project=project).values_list("organization_id", flat=True)
    ]
    if project.network_id:
        keys.append(f"{Network._meta.label_lower}:{project.network_id}")
    return keys


def _project_id(event) -> int | None:
    # Every service writes the project's id; an entry written otherwise (the demo data) is about the
    # project itself, but for a report's.
    value = event.new.get("project")
    if not value and event.verb != Verb.REPORT_PUBLISHED:
        value = event.target_id
    return int(value) if value else None


def _viewer(who) -> ProjectViewer:
    # A feed may be read with another app's viewer (a network page's): its person's organizations are the
    # same, so their `orgs` viewer is reused rather than read again.
    inner = getattr(who, "viewer", None)
    if isinstance(who, ProjectViewer) or not isinstance(inner, Viewer):
        return ProjectViewer.of(who)
    return ProjectViewer(inner)


def visible(who, events) -> list[FeedItem]:
    viewer = _viewer(who)
    ids = {_project_id(event) for event in events} - {None}
    if not ids:
        return []
    # One query: every organization of the projects this person may know, with its project.
    rows = list(
        Partner.objects.filter(project__in=Project.objects.known_to(viewer).filter(pk__in=ids))
        .select_related("project", "organization")
        .order_by()
    )
    projects = {row.project_id: row.project for row in rows}
    names = {
        (row.project_id, row.organization_id): row.organization.name
        for row in rows
        if row.organization.published_at is not None
    }
    items = []
    for event in events:
        project = projects.get(_project_id(event))
        if project is None:
            continue
        url = reverse("projects:project", args=[project.slug])
        if event.verb == Verb.CREATED:
            text = _("The joint project “%(project)s” was started") % {"project": project.title}
        elif event.verb == Verb.STATUS_CHANGED:
            status = event.new.get("status")
            label = Status(status).label if status in Status.values else status
            text = _("The joint project “%(project)s” is now %(status)s") % {
                "project": project.title,
                "status": label,
            }
        elif event.verb == Verb.PARTNER_ADDED:
            organization = names.get((project.pk, event.new.get("organization")))
            if organization is None:
                continue  # no longer a partner, or not published: not named
            text = _("%(organization)s joined the joint project “%(project)s”") % {
                "organization": organization,
                "project": project.title,
            }
        else:
            text = _("Progress report of “%(project)s”: %(title)s") % {
                "project": project.title,
                "title": event.new.get("title") or event.target_repr,
            }
            url = reverse("projects:report", args=[project.slug, event.target_id])
        items.append(FeedItem(event.created_at, text, url, project.language))
    return items


def register() -> None:
    register_feed_source("projects", VERBS, scopes=scopes, visible=visible)
