"""The kinds of notification joint projects send, each with the pages' own rule for who may receive it.
Imported by `ProjectsConfig.ready()`, once the models are loaded."""

from django.utils.translation import gettext_lazy as _

from birge.core.notifications.kinds import register_notice_kind
from birge.projects.permissions import may_know


def _may_know(user, report) -> bool:
    # A report is read on its project's pages: whoever may know the project (a private one's people).
    return may_know(user, report.project)


def register() -> None:
    register_notice_kind(
        "projects.report",
        _("progress reports of the joint projects of your organizations"),
        may_see=_may_know,
    )
