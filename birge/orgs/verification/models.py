"""A hub administrator's check of an organization, and its history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from birge.orgs.profiles.models import Kind, LegalForm, Organization


class Verification(models.Model):
    """A hub admin's check of an organization: what was seen, when and by whom; revocable with a reason."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="verifications")
    # SET_NULL: the fact of a check outlives the verifier's account.
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("verifier"),
    )
    registration_document_seen = models.BooleanField(_("registration document seen"))
    identifier_matches = models.BooleanField(_("identifier matches the register"))
    contacts_confirmed = models.BooleanField(_("contacts confirmed"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("verified on"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    # A change of identity (name, kind, legal form, identifier, country) suspends the check: the badge goes
    # and the hub sees what changed, {field: [old, new]}, until it verifies again.
    suspended_at = models.DateTimeField(_("suspended on"), null=True, blank=True)
    suspended_changes = models.JSONField(_("changed since verification"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")

    def __str__(self) -> str:
        return f"{self.organization} ({self.created_at:%Y-%m-%d})"

    def changes_since(self) -> list[tuple[str, str, str]]:
        """What changed since the check, as (field label, old, new) for the hub: choices by their labels,
        a country by its code, a name with its language."""
        labels = {"kind": dict(Kind.choices), "legal_form": dict(LegalForm.choices)}
        rows = []
        for name, (old, new) in sorted(self.suspended_changes.items()):
            base, _sep, language = name.partition("_")
            if base == "name" and language:
                label = f"{Organization._meta.get_field('name').verbose_name} ({language})"
            else:
                label = str(Organization._meta.get_field(name).verbose_name)
            choices = labels.get(name, {})
            rows.append((label, str(choices.get(old, old or "—")), str(choices.get(new, new or "—"))))
        return rows
