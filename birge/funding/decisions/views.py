"""The committee's pages of a call: the applications in ranking order with the budget left, and one
application with its reviews and the decision form. Those who run the call read both, without the form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from birge.core.forms import apply_errors
from birge.core.pagination import paginate
from birge.funding.applications.content import application_content
from birge.funding.applications.models import Status as ApplicationStatus
from birge.funding.calls.models import Call
from birge.funding.calls.models import Status as CallStatus
from birge.funding.decisions import services
from birge.funding.decisions.forms import DecisionForm
from birge.funding.decisions.models import Outcome
from birge.funding.decisions.reads import budget_summary, reviews_of
from birge.funding.permissions import COMMITTEE_SEES, can_decide, can_read_application, can_run_calls
from birge.funding.review.ranking import RANKING_PAGE, RankingFilters, ranking

# The committee's work starts with the review; what it decided stays readable afterwards.


def _call_for_committee(request: HttpRequest, slug: str) -> tuple[Call, bool]:
    """The call and whether the viewer decides on it. Anyone who neither decides nor runs the call (an
    applicant, a reviewer, an outsider) does not learn that the page exists."""
    call = Call.objects.select_related("program").filter(slug=slug, status__in=COMMITTEE_SEES).first()
    if call is None:
        raise Http404
    decides = can_decide(request.user, call.program)
    if not decides and not can_run_calls(request.user, call.program):
        raise Http404
    return call, decides


@login_required
def call_decisions(request: HttpRequest, slug: str) -> HttpResponse:
    call, decides = _call_for_committee(request, slug)
    filters = RankingFilters.from_query(request.GET)
    runs = not decides or can_run_calls(request.user, call.program)
    links = paginate(request, ranking(call, filters), per_page=RANKING_PAGE)
    context = {
        "call": call,
        "currency": call.program.currency,
        "budget": budget_summary(call),
        "links": links,
        "rows": links.page.object_list,
        "filters": filters,
        "filtered": filters != RankingFilters(),
        "outcomes": Outcome.choices,
        "decides": decides,
        # Those who run the call close the committee's work from the call's settings page.
        "undecided": services.undecided(call) if runs and call.status == CallStatus.IN_REVIEW else [],
        "runs": runs,
    }
    return render(request, "funding/decisions/list.html", context)


@login_required
def application_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    call, decides = _call_for_committee(request, slug)
    application = (
        call.applications.filter(pk=pk, status=ApplicationStatus.SUBMITTED)
        .select_related("organization", "owner", "form", "country", "region", "lot", "decision__decided_by")
        .first()
    )
    if application is None:
        raise Http404
    application.call = call  # loaded already, with its program: the permission check reads it
    if not can_read_application(request.user, application):
        raise Http404
    decision = getattr(application, "decision", None)
    editable = decides and call.status == CallStatus.IN_REVIEW
    if request.method == "POST" and not decides:
        raise PermissionDenied
    form = DecisionForm(
        request.POST if request.method == "POST" else None, application=application, decision=decision
    )
    if request.method == "POST":
        if not editable:
            messages.error(request, _("The call is decided: its decisions can no longer change."))
            return redirect("funding:application_decide", call.slug, application.pk)
        if form.is_valid():
            try:
                services.decision_record(actor=request.user, application=application, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The decision is saved."))
                return redirect(f"{reverse('funding:call_decisions', args=[call.slug])}#a{application.pk}")
    row = next((row for row in ranking(call) if row.application.pk == application.pk), None)
    context = {
        "call": call,
        "application": application,
        "currency": call.program.currency,
        "content": application_content(application),
        "reviews": reviews_of(application),
        "row": row,
        "decision": decision,
        "form": form if editable else None,
        "budget": budget_summary(call),
        # Once the call is decided, those who run it make the award of an approved application.
        "makes_award": call.status != CallStatus.IN_REVIEW
        and (not decides or can_run_calls(request.user, call.program)),
    }
    return render(request, "funding/decisions/decide.html", context)
