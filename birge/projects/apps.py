from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "birge.projects"
    label = "projects"
    verbose_name = _("Joint projects")

    def ready(self) -> None:
        from birge.core.events import register_verbs
        from birge.core.registry import register_menu_entry
        from birge.orgs.partners.sources import register_partner_source
        from birge.orgs.profiles.sections import register_profile_section
        from birge.projects import feed, notices
        from birge.projects.events import Verb
        from birge.projects.projects.reads import profile_projects, project_partners

        register_verbs(Verb)
        register_menu_entry(_("Projects"), "projects:list", order=170)
        register_profile_section(
            "projects", "projects/projects/profile_section.html", profile_projects, order=130
        )
        register_partner_source("projects", project_partners)
        notices.register()
        feed.register()
