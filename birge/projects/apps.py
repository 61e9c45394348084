from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "birge.projects"
    label = "projects"
    verbose_name = _("Joint projects")

    def ready(self) -> None:
        from birge.core.events import register_verbs
        from birge.core.registry import register_menu_entry
        from birge.projects.events import Verb

        register_verbs(Verb)
        register_menu_entry(_("Projects"), "projects:list", order=170)
