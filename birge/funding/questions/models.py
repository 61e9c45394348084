"""Questions about a call and the program's answers, published on the call's page without the asker's name."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from birge.funding.calls.models import Call


class CallQuestion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    # Kept only to tell the asker of the answer; never shown on the public page.
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["call", "created_at", "id"]
        indexes = [models.Index(fields=["call", "published"], name="funding_question_call_pub")]
        verbose_name = _("question about a call")
        verbose_name_plural = _("questions about calls")

    def __str__(self) -> str:
        return self.question[:80]
