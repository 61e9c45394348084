"""A report's page: the grantee writes it (saved as often as they like, with files of evidence) and submits
it; the program's managers and officers read what was sent and accept it or ask for changes; the committee
reads it. Anyone who may not follow the award does not learn that the page exists."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from birge.core.forms import apply_errors
from birge.core.uploads import KINDS
from birge.funding.awards.reads import award_access
from birge.funding.permissions import can_follow_award
from birge.funding.reports import reads, services
from birge.funding.reports.forms import DecideForm, ReportForm
from birge.funding.reports.models import OPEN_TO_GRANTEE, Report, ReportFile, Status

# The staff read a report once it is sent: a draft, or one sent back and being reworked, is the grantee's.
SENT = (Status.SUBMITTED, Status.ACCEPTED)


def _report(request: HttpRequest, pk: int, number: int) -> tuple[Report, bool, bool]:
    """The report, whether the viewer reports on its award (the grantee) and whether they manage it; 404
    for anyone who may not follow the award."""
    report = reads.report_or_none(pk, number)
    if report is None:
        raise Http404
    access = award_access(request.user, report.award)
    if not access.follows:
        raise Http404
    return report, access.grantee, access.manages


def _form(report: Report, contents: reads.Contents, data=None, files=None) -> ReportForm:
    return ReportForm(
        data,
        files,
        report=report,
        lines=contents.lines,
        indicators=contents.indicators,
        values=contents.values,
    )


def _page(
    request: HttpRequest,
    report: Report,
    grantee: bool,
    manages: bool,
    *,
    form: ReportForm | None = None,
    decide_form: DecideForm | None = None,
    problems: Sequence[str] = (),
    file_errors: Sequence[str] = (),
    stale: Report | None = None,
    unsaved: Sequence[tuple[str, str]] = (),
) -> HttpResponse:
    award = report.award
    contents = reads.contents(report)
    editable = grantee and report.status in OPEN_TO_GRANTEE
    if editable and form is None:
        form = _form(report, contents)
    context = {
        "report": report,
        "award": award,
        "contents": contents,
        "form": form if editable else None,
        # Those who manage the award decide on a sent report; the committee reads it.
        "decide_form": (decide_form or DecideForm())
        if manages and report.status == Status.SUBMITTED
        else None,
        "shows_content": grantee or report.status in SENT,
        "problems": problems,
        "file_errors": file_errors,
        "stale": stale,
        "unsaved": unsaved,
        "stale_contents": reads.contents(stale) if stale is not None else None,
        "received": services.received(award),
        "overdue": report.is_overdue(timezone.localdate()),
        "max_files": services.MAX_FILES,
    }
    return render(request, "funding/reports/report.html", context)


@login_required
def report(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found, grantee, manages = _report(request, pk, number)
    if request.method != "POST":
        return _page(request, found, grantee, manages)
    if not grantee:
        raise PermissionDenied
    if found.status not in OPEN_TO_GRANTEE:
        return _not_open(request, found, grantee, manages)
    award = found.award
    form = _form(found, reads.contents(found), request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, found, grantee, manages, form=form)
    try:
        saved = services.report_save(
            actor=request.user, report=found, revision=form.cleaned_data["revision"], data=form.report_input()
        )
    except services.StaleReport as error:
        # What this tab typed stays in the form, on the stored revision: saving again is then a choice made
        # with both in sight.
        stored = error.report
        stored.award = award
        if stored.status not in OPEN_TO_GRANTEE:
            return _not_open(request, stored, grantee, manages)
        data = request.POST.copy()
        data["revision"] = str(stored.revision)
        form = _form(stored, reads.contents(stored), data)
        form.is_valid()
        if form.cleaned_data.get("file") or request.FILES.get("file"):
            form.add_error("file", _("The file was not attached: choose it again, then save."))
        return _page(request, stored, grantee, manages, form=form, stale=stored)
    except ValidationError as error:
        found.refresh_from_db(fields=["status"])
        if found.status not in OPEN_TO_GRANTEE:
            return _not_open(request, found, grantee, manages)
        form.apply_service_errors(error)
        return _page(request, found, grantee, manages, form=form)
    saved.award = award
    file_errors: list[str] = []
    uploaded = form.cleaned_data.get("file")
    if uploaded:
        try:
            services.report_file_add(actor=request.user, report=saved, uploaded=uploaded)
        except ValidationError as error:
            file_errors = error.messages
    problems: list[str] = []
    if "submit" in request.POST and not file_errors:
        try:
            services.report_submit(actor=request.user, report=saved)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("The report is submitted: the officer is told."))
            return redirect(found)
    if not problems and not file_errors:
        messages.success(request, _("Saved."))
        return redirect(found)
    # Everything that could be kept is saved: the page shows the report as stored, and what stops it.
    if not problems:
        messages.success(request, _("Saved."))
    return _page(request, saved, grantee, manages, problems=problems, file_errors=file_errors)


def _not_open(request: HttpRequest, report: Report, grantee: bool, manages: bool) -> HttpResponse:
    """A save that came after the report was sent (a second press of "Submit", a tab left open): nothing is
    written, and what this tab typed that differs from the report as sent is shown, to copy from."""
    unsaved = _form(report, reads.contents(report), request.POST).unsaved()
    messages.error(request, _("This report is with the officer: it cannot change now."))
    if not unsaved:
        return redirect(report)
    return _page(request, report, grantee, manages, unsaved=unsaved)


@login_required
@require_POST
def report_decide(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found, grantee, manages = _report(request, pk, number)
    if not manages:
        raise PermissionDenied
    form = DecideForm(request.POST)
    action = request.POST.get("action")
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if action == "accept":
                services.report_accept(actor=request.user, report=found, comment=comment)
                messages.success(request, _("The report is accepted; the grantee is told."))
            elif action == "changes":
                services.report_request_changes(actor=request.user, report=found, comment=comment)
                messages.success(request, _("The report is sent back to the grantee with your comments."))
            else:
                raise ValidationError({"comment": [_("Accept the report, or ask for changes.")]})
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # Decided meanwhile (a second press, another officer): the page shows how.
                messages.error(request, " ".join(error.messages))
                return redirect(found)
            apply_errors(form, error)
        else:
            return redirect(found)
    return _page(request, found, grantee, manages, decide_form=form)


@login_required
def report_file(request: HttpRequest, pk: int, number: int, file_pk: int) -> HttpResponse:
    """A file of a report, for those who follow the award; always as a download, with the type read from
    its content when it was stored (never the one the upload claimed)."""
    item = (
        ReportFile.objects.select_related("report__award__application__call__program", "report__award")
        .filter(pk=file_pk, report__award_id=pk, report__number=number)
        .first()
    )
    if item is None or not can_follow_award(request.user, item.report.award):
        raise Http404
    kind = KINDS[item.kind]
    response = FileResponse(item.file.open("rb"), content_type=kind.content_type)
    response["Content-Disposition"] = f'attachment; filename="report-{pk}-{number}-{item.pk}{kind.extension}"'
    return response
