"""The site administrator reads the audit log and the usage counts here; nobody edits either."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .events import VERBS, verb_label
from .models import Announcement, DigestDelivery, Event, FailingAddress, UsageCount


class ReadOnly:
    """Mix into a ModelAdmin whose rows change only through services (permission, audit entry,
    notifications): the admin then only reads them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class VerbFilter(admin.SimpleListFilter):
    """The log's actions as the apps registered them (the field has no choices: birge.core.events)."""

    title = _("action")
    parameter_name = "verb__exact"  # as the admin named it when the field had choices

    def lookups(self, request, model_admin):
        return list(VERBS.items())

    def queryset(self, request, queryset):
        return queryset.filter(verb=self.value()) if self.value() else queryset


@admin.register(Event)
class EventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_repr"]
    list_filter = [VerbFilter]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"
    search_fields = ["target_repr", "verb"]
    fields = ["actor", "action", "target_type", "target_id", "target_repr", "old", "new"]
    readonly_fields = ["action"]

    @admin.display(description=_("action"), ordering="verb")
    def action(self, event: Event) -> str:
        return verb_label(event.verb)


@admin.register(UsageCount)
class UsageCountAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["day", "name", "count"]
    list_filter = ["name"]
    date_hierarchy = "day"


@admin.register(FailingAddress)
class FailingAddressAdmin(ReadOnly, admin.ModelAdmin):
    """Addresses Birge stopped e-mailing, with the reason the mail server gave; their owners clear them
    from their settings page once the address works again."""

    list_display = ["email", "reason", "failed_at"]
    search_fields = ["email"]
    date_hierarchy = "failed_at"


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["sent_at", "period", "count"]
    list_filter = ["period"]
    date_hierarchy = "sent_at"


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["created_at", "title", "author"]
    list_select_related = ["author"]
