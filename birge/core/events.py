"""The kinds of event the audit log records. Each app declares its own verbs in its `events.py` (a
`models.TextChoices` named `Verb`) and registers them in its AppConfig.ready() with `register_verbs`; here
are core's own, and the registry the log and the admin read the labels from. A new verb needs no migration
of core; `record_event` refuses one nobody registered, so that a typo fails in the tests."""

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    ADMIN_PRIVATE_READ = "site.admin_private_read", _("read private fields in the administration")
    EMAIL_FAILED = "site.email_failed", _("an e-mail could not be sent")
    BACKUP_CREATED = "site.backup_created", _("created a backup")
    BACKUP_RESTORED = "site.backup_restored", _("restored a backup")
    EMAIL_BOUNCED = "site.email_bounced", _("an e-mail address bounced")
    EMAIL_RESUMED = "site.email_resumed", _("said an e-mail address works again")
    ANNOUNCEMENT_PUBLISHED = "site.announcement_published", _("published an announcement")
    NOTICE_SETTINGS_CHANGED = "site.notice_settings_changed", _("changed how notifications arrive")
    NOTICE_UNSUBSCRIBED = "site.notice_unsubscribed", _("unsubscribed from a kind of e-mail")


# verb (its stored value) -> its label, in the order registered
VERBS: dict[str, str] = {}


def register_verbs(verbs: type[models.TextChoices]) -> None:
    """Make `verbs` known to the audit log. Registering the same choices again changes nothing; a value
    another app registered already is refused (the stored values are shared by every app)."""
    for value, label in verbs.choices:
        if VERBS.get(value, label) is not label:
            raise ImproperlyConfigured(f"The audit verb {value!r} is registered already, by another app.")
        VERBS[value] = label


def is_registered(verb: str) -> bool:
    return verb in VERBS


def verb_label(verb: str) -> str:
    """What the verb means, translated; the stored value itself if no app registers it (any more)."""
    return VERBS.get(verb, verb)
