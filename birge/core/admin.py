"""The site administrator reads the audit log and the usage counts here; nobody edits either."""

from django.contrib import admin

from .models import Event, UsageCount


class ReadOnly:
    """Mix into a ModelAdmin whose rows change only through services (permission, audit entry,
    notifications): the admin then only reads them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["created_at", "actor", "verb", "target_repr"]
    list_filter = ["verb"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"
    search_fields = ["target_repr", "verb"]


@admin.register(UsageCount)
class UsageCountAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["day", "name", "count"]
    list_filter = ["name"]
    date_hierarchy = "day"
