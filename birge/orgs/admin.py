from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from birge.core.admin import ReadOnly
from birge.core.forms import PlainTextForm
from birge.orgs.claims.models import Claim
from birge.orgs.members.models import Membership
from birge.orgs.profiles.fields import GROUP_BY_KEY, SENSITIVE_FIELDS
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.private_reads import private_fields_read
from birge.orgs.verification.models import Verification


class PrivateReadForm(PlainTextForm, forms.Form):
    reason = forms.CharField(
        label=_("The task that needs these fields"),
        max_length=300,
        help_text=_(
            "For example: a complaint about this organization, No. 12 of 3 March. Kept in the audit log."
        ),
    )


def _labelled(name: str, value) -> tuple[str, object]:
    """A private field as the admin shows it: its label, and a choice by its label (not "10k_50k")."""
    field = Organization._meta.get_field(name)
    return field.verbose_name, dict(field.choices).get(value, value) if field.choices else value


@admin.register(Organization)
class OrganizationAdmin(ReadOnly, TranslationAdmin):
    list_display = ["name", "kind", "country", "identifier", "verified_at", "published_at"]
    list_filter = ["kind", "country", "status"]
    search_fields = ["name", "acronym", "identifier"]
    raw_id_fields = ["region"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Private fields are not on the ordinary pages: a site administrator reads them through
    # "private fields", stating the task, and the read is audited (see profiles/private_reads.py).
    exclude = sorted(SENSITIVE_FIELDS)
    readonly_fields = ["private_fields"]

    @admin.display(description=_("private fields"))
    def private_fields(self, obj: Organization):
        url = reverse("admin:orgs_organization_private", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Read them for a task (the read is audited)"))

    def get_urls(self):
        private = path(
            "<int:pk>/private/",
            self.admin_site.admin_view(self.private_view),
            name="orgs_organization_private",
        )
        return [private, *super().get_urls()]

    def private_view(self, request, pk: int):
        if not request.user.is_superuser:
            raise PermissionDenied
        organization = get_object_or_404(Organization, pk=pk)
        form = PrivateReadForm(request.POST or None)
        groups = None
        if request.method == "POST" and form.is_valid():
            try:
                values = private_fields_read(
                    actor=request.user, organization=organization, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error("reason", error.message_dict.get("reason", error.messages))
            else:
                groups = [
                    (GROUP_BY_KEY[group].label, [_labelled(name, value) for name, value in fields.items()])
                    for group, fields in values.items()
                ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Private fields of %(name)s") % {"name": organization.name},
            "organization": organization,
            "opts": self.model._meta,
            "form": form,
            "groups": groups,
        }
        return TemplateResponse(request, "admin/orgs/organization/private.html", context)


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
    # The evidence is read where the claim is decided (the hub's page), never by a link to storage.
    exclude = ["evidence_file"]


@admin.register(Verification)
class VerificationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["organization", "verifier", "created_at", "revoked_at"]
    raw_id_fields = ["organization", "verifier", "revoked_by"]
