"""Application forms, built in the browser by the program's staff, and kept in versions.

A form is a list of sections, each a list of fields, stored as one JSON document per version. A version
that an application was written against, or that an announced call shows, is never changed again: the next
edit copies it into a new version. So an application always reads against the questions its author saw.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FieldType(models.TextChoices):
    # A context of their own: "number" is a quantity here, not an identifier.
    SHORT_TEXT = "short_text", pgettext_lazy("form field type", "short text")
    LONG_TEXT = "long_text", pgettext_lazy("form field type", "long text")
    NUMBER = "number", pgettext_lazy("form field type", "number")
    MONEY = "money", pgettext_lazy("form field type", "amount of money")
    DATE = "date", pgettext_lazy("form field type", "date")
    CHOICE = "choice", pgettext_lazy("form field type", "one choice")
    MULTI_CHOICE = "multi_choice", pgettext_lazy("form field type", "several choices")
    FILE = "file", pgettext_lazy("form field type", "file")
    BUDGET = "budget", pgettext_lazy("form field type", "budget table")


class FormVersion(models.Model):
    call = models.ForeignKey("funding.Call", on_delete=models.CASCADE, related_name="form_versions")
    number = models.PositiveSmallIntegerField(_("version"))
    # [{"key", "title", "help", "fields": [{"key", "type", "label", "help", "required", "max_length",
    #   "min_value", "max_value", "choices"}]}]; keys are made by the builder, never typed by people.
    sections = models.JSONField(default=list)
    frozen = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["call", "-number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="funding_form_version_once")]
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")

    def __str__(self) -> str:
        return f"{self.call} — v{self.number}"

    def fields(self):
        """Every field of the form, in order, with the key of its section."""
        for section in self.sections:
            for field in section["fields"]:
                yield section, field

    def field(self, key: str) -> dict | None:
        return next((field for _section, field in self.fields() if field["key"] == key), None)
