"""The public pages of calls: the list with its filters, each call's page, and an Atom feed."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from birge.core.choices import reference_choices
from birge.core.pagination import paginate
from birge.funding.alerts.services import alert_values
from birge.funding.applications.reads import own_applications
from birge.funding.builder.services import current_form
from birge.funding.calls.models import Status
from birge.funding.calls.reads import CallFilters, public_call_or_none, public_calls
from birge.funding.permissions import can_run_calls
from birge.funding.programs.models import Applicant, Mechanism
from birge.funding.questions.forms import QuestionForm
from birge.funding.questions.reads import published_questions
from birge.funding.questions.services import asking_closed_because, questions_deadline

FEED_SIZE = 50


def calls(request: HttpRequest) -> HttpResponse:
    filters = CallFilters.from_query(request.GET)
    reference = reference_choices()
    context = {
        "links": paginate(request, public_calls(filters)),
        "filters": filters,
        "filtered": filters != CallFilters(),
        "countries": [(code, name) for code, name, is_home in reference.countries if is_home],
        "themes": [(slug, name) for slug, name, parent in reference.areas if parent is None],
        "mechanisms": Mechanism.choices,
        "applicant_choices": Applicant.choices,
        # The search as it would be saved as an e-mail alert.
        "alert_fields": alert_values(filters).items(),
    }
    return render(request, "funding/calls/list.html", context)


def call(request: HttpRequest, slug: str) -> HttpResponse:
    found = public_call_or_none(slug)
    if found is None:
        raise Http404
    labels = dict(Applicant.choices)
    context = {
        "call": found,
        "is_open": found.status == Status.OPEN,
        "applicants": [labels.get(value, value) for value in found.applicants],
        "questions": published_questions(found),
        "asking_closed": asking_closed_because(found),
        "questions_deadline": questions_deadline(found),
        "question_form": QuestionForm(),
        # The questions applicants answer are part of the call's promise: shown before anyone applies.
        "form": current_form(found),
        "mine": list(own_applications(request.user).filter(call=found))
        if request.user.is_authenticated
        else [],
        "runs_it": can_run_calls(request.user, found.program),
    }
    return render(request, "funding/calls/detail.html", context)


def feed(request: HttpRequest) -> HttpResponse:
    """The newest announced calls as Atom, for feed readers and other sites."""
    items = list(public_calls(CallFilters(include_past=True)).order_by("-published_at", "-id")[:FEED_SIZE])
    body = render_to_string(
        "funding/calls/feed.xml",
        {
            "calls": items,
            "site_url": settings.BIRGE_SITE_URL,
            "updated": items[0].published_at if items else timezone.now(),
        },
        request,
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
