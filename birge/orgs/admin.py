from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from .models import Claim, Membership, Organization, Verification


class ReadOnly:
    """Changes go through services (permissions, audit log, notifications, search index); the admin only
    reads."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Organization)
class OrganizationAdmin(ReadOnly, TranslationAdmin):
    list_display = ["name", "kind", "country", "identifier", "verified_at", "published_at"]
    list_filter = ["kind", "country", "status"]
    search_fields = ["name", "acronym", "identifier"]
    raw_id_fields = ["region"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Membership)
class MembershipAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["organization", "user", "role", "created_at"]
    list_filter = ["role"]
    raw_id_fields = ["organization", "user"]


@admin.register(Claim)
class ClaimAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["organization", "claimant", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["organization", "claimant", "decided_by"]


@admin.register(Verification)
class VerificationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["organization", "verifier", "created_at", "revoked_at"]
    raw_id_fields = ["organization", "verifier", "revoked_by"]
