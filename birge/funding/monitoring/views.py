"""The pages of monitoring visits: recording one (officers), reading one with its photos and follow-up
actions (whoever follows the award), a photo, and marking an action done."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.core.uploads import KINDS
from birge.funding.awards.models import Award
from birge.funding.monitoring import services
from birge.funding.monitoring.forms import PhotoForm, VisitForm
from birge.funding.monitoring.models import FollowUp, Photo
from birge.funding.permissions import can_follow_award, can_manage_awards


def _award(request: HttpRequest, pk: int) -> Award:
    """The award, for those who follow it; nobody else learns it exists."""
    award = Award.objects.select_related("application__call__program", "organization").filter(pk=pk).first()
    if award is None or not can_follow_award(request.user, award):
        raise Http404
    return award


@login_required
def visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award(request, pk)
    if not can_manage_awards(request.user, award.application.call.program):
        raise Http404
    form = VisitForm(request.POST or None, initial={"visited_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_record(
                actor=request.user,
                award=award,
                visited_on=form.cleaned_data["visited_on"],
                findings=form.cleaned_data["findings"],
                follow_ups=form.follow_ups(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The visit is recorded; the grantee is told."))
            return redirect("funding:visit", award.pk, visit.pk)
    return render(request, "funding/monitoring/new.html", {"award": award, "form": form})


@login_required
def visit(request: HttpRequest, pk: int, visit_pk: int) -> HttpResponse:
    award = _award(request, pk)
    found = (
        award.visits.select_related("officer")
        .prefetch_related("photos", "follow_ups")
        .filter(pk=visit_pk)
        .first()
    )
    if found is None:
        raise Http404
    manages = can_manage_awards(request.user, award.application.call.program)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not manages:
            raise Http404
        if form.is_valid():
            try:
                services.photo_add(
                    actor=request.user,
                    visit=found,
                    uploaded=form.cleaned_data["photo"],
                    caption=form.cleaned_data["caption"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The photo is added, without its metadata and location."))
                return redirect("funding:visit", award.pk, found.pk)
    context = {
        "award": award,
        "visit": found,
        "manages": manages,
        "form": form,
        "today": timezone.localdate(),
    }
    return render(request, "funding/monitoring/visit.html", context)


@login_required
def photo(request: HttpRequest, pk: int, visit_pk: int, photo_pk: int) -> HttpResponse:
    award = _award(request, pk)
    item = Photo.objects.filter(pk=photo_pk, visit_id=visit_pk, visit__award=award).first()
    if item is None:
        raise Http404
    response = FileResponse(item.file.open("rb"), content_type=KINDS[item.kind].content_type)
    response["Content-Disposition"] = (
        f'inline; filename="visit-{visit_pk}-{item.pk}{KINDS[item.kind].extension}"'
    )
    return response


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int, visit_pk: int, action_pk: int) -> HttpResponse:
    award = _award(request, pk)
    item = (
        FollowUp.objects.select_related("visit__award")
        .filter(pk=action_pk, visit_id=visit_pk, visit__award=award)
        .first()
    )
    if item is None:
        raise Http404
    try:
        services.follow_up_done(actor=request.user, follow_up=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The action is marked done."))
    return redirect("funding:visit", award.pk, visit_pk)
