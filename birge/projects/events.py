"""What the audit log records about joint projects (registered in `ProjectsConfig.ready()`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    CREATED = "projects.created", _("created a joint project")
    CHANGED = "projects.changed", _("changed a joint project")
    STATUS_CHANGED = "projects.status_changed", _("changed a joint project's status")
    PARTNER_ADDED = "projects.partner_added", _("added a partner to a joint project")
    PARTNER_REMOVED = "projects.partner_removed", _("removed a partner from a joint project")
    PLAN_CHANGED = "projects.plan_changed", _("changed a joint project's plan or budget")
    INDICATOR_SAVED = "projects.indicator_saved", _("saved an indicator of a joint project")
    VALUE_RECORDED = "projects.value_recorded", _("recorded an indicator's value")
    REPORT_SAVED = "projects.report_saved", _("saved a progress report")
    REPORT_PUBLISHED = "projects.report_published", _("published a progress report")
