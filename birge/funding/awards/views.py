"""The grant pages: the list of awards a person follows (the grantee's, and the operator's dashboard for
those who run or decide a program), the officer's form that makes an award from an approved application,
and one award with its payments, reports and indicators. Anyone who may not follow an award does not learn
that its page exists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.pagination import paginate
from birge.funding.applications.models import Application
from birge.funding.awards import reads, services
from birge.funding.awards.forms import AwardForm
from birge.funding.awards.models import Award, Status, Tranche
from birge.funding.decisions.models import Outcome
from birge.funding.evaluation.models import Evaluation
from birge.funding.permissions import can_manage_awards


@login_required
def awards(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = reads.AwardFilters.from_query(request.GET)
    links = paginate(request, reads.award_rows(request.user, filters, today))
    context = {
        "links": links,
        "rows": links.page.object_list,
        "filters": filters,
        "filtered": filters != reads.AwardFilters(),
        "statuses": Status.choices,
        "dashboard": reads.dashboard(request.user, today),
        "today": today,
    }
    return render(request, "funding/awards/list.html", context)


@login_required
def award_new(request: HttpRequest, pk: int) -> HttpResponse:
    application = (
        Application.objects.select_related("call__program", "organization", "owner", "decision")
        .filter(pk=pk)
        .first()
    )
    if application is None or not can_manage_awards(request.user, application.call.program):
        raise Http404
    made = Award.objects.filter(application=application).only("pk").first()
    if made is not None:
        return redirect("funding:award", made.pk)
    decision = getattr(application, "decision", None)
    if (
        application.call.status not in services.AWARDED_FROM
        or decision is None
        or decision.outcome != Outcome.APPROVED
    ):
        raise Http404
    form = AwardForm(request.POST if request.method == "POST" else None, amount=decision.amount)
    if request.method == "POST" and form.is_valid():
        try:
            award = services.award_make(actor=request.user, application=application, **form.plans())
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, _("The award is made; the grantee is told."))
            return redirect("funding:award", award.pk)
    context = {
        "application": application,
        "call": application.call,
        "decision": decision,
        "currency": application.call.program.currency,
        "budget": services.planned_budget(application, decision.amount),
        "form": form,
    }
    return render(request, "funding/awards/new.html", context)


def _followed(request: HttpRequest, pk: int) -> tuple[Award, reads.AwardAccess]:
    """The award and the viewer's standing on it; 404 for anyone who may not follow it (a reviewer, an
    outsider)."""
    award = reads.award_or_none(pk)
    if award is None:
        raise Http404
    access = reads.award_access(request.user, award)
    if not access.follows:
        raise Http404
    return award, access


@login_required
def award(request: HttpRequest, pk: int) -> HttpResponse:
    found, access = _followed(request, pk)
    context = {
        "award": found,
        "call": found.application.call,
        "schedule": reads.schedule(found),
        "visits": reads.visits_of(found),
        "evaluation": Evaluation.objects.filter(award=found).first(),
        "manages": access.manages,
        "today": timezone.localdate(),
    }
    return render(request, "funding/awards/award.html", context)


@login_required
@require_POST
def tranche_pay(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found, _access = _followed(request, pk)
    tranche = Tranche.objects.filter(award=found, number=number).first()
    if tranche is None:
        raise Http404
    tranche.award = found
    try:
        services.tranche_pay(actor=request.user, tranche=tranche)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Payment %(number)s is recorded as paid.") % {"number": number})
    return redirect(f"{found.get_absolute_url()}#tranches")
