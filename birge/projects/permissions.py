"""Who a person is to a joint project, decided in one place for services, views, templates, feeds, the
API and the IATI export.

A project exists for a person when it is public (and its network, if any, is not secret), or when they
belong to one of its organizations. Those who speak for (own or edit) one of its organizations work on it:
they record indicator values and write progress reports. Those who speak for the lead organization manage
it: its description, partners, plan, budget and status. A view answers 404, never 403, where `may_know`
is false.
"""

from __future__ import annotations

from typing import Union

from birge.networks.networks.models import Visibility as NetworkVisibility
from birge.networks.permissions import SPEAKING_ROLES
from birge.orgs.permissions import Viewer
from birge.orgs.permissions import Who as OrgWho
from birge.projects.projects.models import Project, Visibility


class ProjectViewer:
    def __init__(self, who: OrgWho):
        self.viewer = Viewer.of(who)

    @classmethod
    def of(cls, who: Who) -> ProjectViewer:
        return who if isinstance(who, ProjectViewer) else cls(who)

    @property
    def user(self):
        return self.viewer.user

    def _organization_ids(self, project: Project) -> set[int]:
        # Pages prefetch the partners; a service asking about one project reads them here.
        return {partner.organization_id for partner in project.partners.all()}

    def is_insider(self, project: Project) -> bool:
        return bool(self.viewer.member_of & self._organization_ids(project))

    def may_know(self, project: Project) -> bool:
        if project.visibility == Visibility.PUBLIC and not (
            project.network_id is not None and project.network.visibility == NetworkVisibility.SECRET
        ):
            return True
        return self.is_insider(project)

    def works_on(self, project: Project) -> bool:
        roles = self.viewer.roles
        return any(roles.get(pk) in SPEAKING_ROLES for pk in self._organization_ids(project))

    def leads(self, project: Project) -> bool:
        return self.viewer.roles.get(project.lead_id) in SPEAKING_ROLES

    def known(self, projects):
        return projects.known_to(self)


Who = Union[OrgWho, "ProjectViewer"]  # noqa: UP007 (a string inside: ProjectViewer is the class above)


def may_know(who: Who, project: Project) -> bool:
    return ProjectViewer.of(who).may_know(project)


def can_work_on(who: Who, project: Project) -> bool:
    """Record indicator values, write and publish progress reports."""
    return ProjectViewer.of(who).works_on(project)


def can_manage(who: Who, project: Project) -> bool:
    """Edit the project, its partners, plan, budget, indicators and status."""
    return ProjectViewer.of(who).leads(project)
