"""What the pages of questions read: the published answers of a call, and the staff's list."""

from __future__ import annotations

from django.db.models import QuerySet

from birge.funding.calls.models import Call
from birge.funding.questions.models import CallQuestion


def published_questions(call: Call) -> QuerySet[CallQuestion]:
    """What anyone reads on the call's page: answered and published, in the order asked; never who asked."""
    return (
        CallQuestion.objects.filter(call=call, published=True, answered_at__isnull=False)
        .exclude(answer="")
        .only("pk", "question", "answer", "answered_at")
        .order_by("created_at", "id")
    )


def questions_for_staff(call: Call) -> tuple[list[CallQuestion], list[CallQuestion]]:
    """The call's questions for its staff: (not yet published, oldest first; published, in the public order).
    The asker is not read: the staff answer the question, not the person."""
    rows = list(CallQuestion.objects.filter(call=call).defer("asked_by").order_by("created_at", "id"))
    return [row for row in rows if not row.published], [row for row in rows if row.published]
