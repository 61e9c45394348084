"""E-mail alerts of new calls: a saved search of the public calls list, sent when a matching call is
announced."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CallAlert(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_alerts")
    # The fields of `calls.reads.CallFilters`, each as the string the list's query takes; empty ones are
    # left out.
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("call alert")
        verbose_name_plural = _("call alerts")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.filters}"
