"""Questions about a call and the program's answers: asking one, and answering (and publishing) it.

What one applicant asks may matter to all of them, so an answer is published on the call's page for
everyone, without the asker's name: the same information for every applicant, and nobody is known to the
program by their questions before applying.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from birge.core.audit import changed_fields, record_event
from birge.core.notifications.services import notify
from birge.core.validators import validate_multi_line
from birge.funding.calls.models import Call, Status
from birge.funding.events import Verb
from birge.funding.permissions import can_run_calls
from birge.funding.programs.models import StaffRole
from birge.funding.questions.models import CallQuestion
from birge.orgs.permissions import signed_in

# Questions close three days before the call does: the staff need the last days to answer what was asked,
# and every applicant needs time to read each answer before submitting. One rule for every call (not a
# setting of each) keeps it fair and easy to state on every call's page.
QUESTIONS_CLOSE_BEFORE_CLOSING = dt.timedelta(days=3)
# Questions are taken while a call is announced or open; before, it is a draft nobody sees; after, too late.
ASKING_STATUSES = (Status.PUBLISHED, Status.OPEN)
MAX_LENGTH = 2000
# One person's questions on one call still waiting for an answer: a bound on flooding the staff.
MAX_WAITING = 5


def questions_deadline(call: Call) -> dt.datetime | None:
    """The moment questions about `call` stop being taken (None while it has no closing moment)."""
    return call.closes_at - QUESTIONS_CLOSE_BEFORE_CLOSING if call.closes_at else None


def asking_closed_because(call: Call, now: dt.datetime | None = None) -> str | None:
    """Why no question about `call` may be asked now, in plain words; None while one may."""
    if call.status not in ASKING_STATUSES:
        return _("Questions are taken only while the call is announced or open.")
    deadline = questions_deadline(call)
    if deadline is not None and (now or timezone.now()) >= deadline:
        local = timezone.localtime(deadline, zoneinfo.ZoneInfo(call.time_zone))
        return _(
            "Questions about this call were taken until %(deadline)s (%(zone)s), three days before it closes."
        ) % {"deadline": date_format(local, "j E Y, H:i"), "zone": call.time_zone}
    return None


def _text(value: str, *, field: str, required_message: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: [required_message]})
    if len(value) > MAX_LENGTH:
        raise ValidationError({field: [_("Keep it under %(count)d characters.") % {"count": MAX_LENGTH}]})
    validate_multi_line(value)
    return value


def question_ask(*, actor, call: Call, question: str) -> CallQuestion:
    if not signed_in(actor):
        raise PermissionDenied
    if not call.is_public:
        raise PermissionDenied
    closed = asking_closed_because(call)
    if closed:
        raise ValidationError(closed)
    text = _text(question, field="question", required_message=_("Write your question."))
    waiting = CallQuestion.objects.filter(call=call, asked_by=actor, answered_at__isnull=True).count()
    if waiting >= MAX_WAITING:
        raise ValidationError(
            ngettext(
                "You have %(count)d question about this call waiting for an answer; ask more once it is "
                "answered.",
                "You have %(count)d questions about this call waiting for an answer; ask more once they "
                "are answered.",
                waiting,
            )
            % {"count": waiting}
        )
    with transaction.atomic():
        asked = CallQuestion.objects.create(call=call, asked_by=actor, question=text)
        event = record_event(actor, Verb.QUESTION_ASKED, asked, new={"call": call.slug})
        runners = call.program.staff.filter(role__in=[StaffRole.MANAGER, StaffRole.OFFICER])
        notify(
            [member.user for member in runners.select_related("user")],
            kind="funding.question_asked",
            about=asked,
            event=event,
            subject=format_lazy(gettext_lazy("A question about “{call}”"), call=call.title),
            template="funding/questions/email/asked.txt",
            # The question, never who asked it: the staff answer everyone alike.
            context={"call": call, "question": text},
            link=("funding:call_questions", (call.slug,)),
        )
    return asked


def question_answer(
    *, actor, question: CallQuestion, text: str, answer: str, published: bool
) -> CallQuestion:
    """Answer `question`, rewording it where it would tell who asked, and publish it on the call's page
    (`published`) or keep it back. The asker is told the first time it is published."""
    call = question.call
    if not can_run_calls(actor, call.program):
        raise PermissionDenied
    text = _text(text, field="question", required_message=_("The question cannot be empty."))
    answer = answer.strip()
    if answer:
        answer = _text(answer, field="answer", required_message="")
    elif published:
        raise ValidationError({"answer": [_("Write the answer before publishing it.")]})
    fields = ["question", "answer", "published"]
    before = {name: getattr(question, name) for name in fields}
    question.question, question.answer, question.published = text, answer, published
    old, new = changed_fields(question, before, fields)
    if not new:
        return question
    first_published = published and question.answered_at is None
    if "answer" in new or first_published:
        question.answered_by = actor
        fields.append("answered_by")
    if first_published:
        question.answered_at = timezone.now()
        fields.append("answered_at")
    with transaction.atomic():
        question.save(update_fields=fields)
        event = record_event(actor, Verb.QUESTION_ANSWERED, question, old, new)
        if first_published and question.asked_by_id:
            notify(
                [question.asked_by],
                kind="funding.question_answered",
                about=question,
                event=event,
                subject=format_lazy(
                    gettext_lazy("Your question about “{call}” is answered"), call=call.title
                ),
                template="funding/questions/email/answered.txt",
                context={"call": call, "question": question},
                link=("funding:call", (call.slug,)),
            )
    return question
