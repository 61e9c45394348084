"""The evaluation page of an award: the form for its managers and officers until the project is evaluated,
then the evaluation for everyone who follows the award."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from birge.core.forms import apply_errors
from birge.funding.awards.models import Award
from birge.funding.evaluation import services
from birge.funding.evaluation.forms import EvaluationForm
from birge.funding.evaluation.models import Evaluation
from birge.funding.permissions import can_follow_award, can_manage_awards


@login_required
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    award = Award.objects.select_related("application__call__program", "organization").filter(pk=pk).first()
    if award is None or not can_follow_award(request.user, award):
        raise Http404
    done = Evaluation.objects.select_related("evaluated_by").filter(award=award).first()
    manages = can_manage_awards(request.user, award.application.call.program)
    form = None
    if done is None and manages:
        form = EvaluationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.evaluation_record(
                    actor=request.user,
                    award=award,
                    ratings=form.ratings(),
                    lessons=form.cleaned_data["lessons"],
                    closing=form.cleaned_data["closing"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The project is evaluated and closed; the grantee is told."))
                return redirect("funding:evaluation", award.pk)
    elif request.method == "POST":
        raise Http404
    context = {"award": award, "evaluation": done, "form": form}
    return render(request, "funding/evaluation/evaluation.html", context)
