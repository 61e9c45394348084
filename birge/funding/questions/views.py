"""Questions about a call: asking one from the call's page, and the staff's page of answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.funding.calls.models import Call
from birge.funding.permissions import can_run_calls
from birge.funding.questions import services
from birge.funding.questions.forms import AnswerForm, QuestionForm
from birge.funding.questions.reads import questions_for_staff


def _prefix(question) -> str:
    # One form per question on the page: each needs its own field names and ids.
    return f"q{question.pk}"


@require_POST
@login_required
def call_ask(request: HttpRequest, slug: str) -> HttpResponse:
    call = Call.objects.public().select_related("program").filter(slug=slug).first()
    if call is None:
        raise Http404
    form = QuestionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    else:
        try:
            services.question_ask(actor=request.user, call=call, question=form.cleaned_data["question"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Your question is sent to the program. Its answer will be published on this page.")
            )
    return redirect(f"{call.get_absolute_url()}#questions")


@login_required
def call_questions(request: HttpRequest, slug: str) -> HttpResponse:
    """The staff's page: every question about the call, to answer, reword and publish."""
    call = Call.objects.select_related("program").filter(slug=slug).first()
    # As for a call's settings: whoever may not run the call does not learn the page exists.
    if call is None or not can_run_calls(request.user, call.program):
        raise Http404
    waiting, published = questions_for_staff(call)
    bound = None
    if request.method == "POST":
        chosen = request.POST.get("question")
        question = next((row for row in [*waiting, *published] if str(row.pk) == chosen), None)
        if question is None:
            raise Http404
        bound = AnswerForm(request.POST, prefix=_prefix(question))
        if bound.is_valid():
            try:
                services.question_answer(
                    actor=request.user,
                    question=question,
                    text=bound.cleaned_data["question"],
                    answer=bound.cleaned_data["answer"],
                    published=bound.cleaned_data["published"],
                )
            except ValidationError as error:
                apply_errors(bound, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("funding:call_questions", call.slug)

    def form_for(question) -> AnswerForm:
        if bound is not None and bound.prefix == _prefix(question):
            return bound
        initial = {"question": question.question, "answer": question.answer, "published": True}
        if question.answered_at is not None:
            initial["published"] = question.published
        return AnswerForm(initial=initial, prefix=_prefix(question))

    context = {
        "call": call,
        "waiting": [(question, form_for(question)) for question in waiting],
        "published": [(question, form_for(question)) for question in published],
        "deadline": services.questions_deadline(call),
    }
    return render(request, "funding/questions/staff.html", context)
