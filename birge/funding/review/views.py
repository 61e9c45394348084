"""The pages of review: a reviewer's list of their assignments and the page of one (declaration first, then
the application and the scores); the staff's page of a call's reviewers; and the ranking, as a page and as
a spreadsheet."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from birge.core.forms import apply_errors
from birge.core.pagination import paginate
from birge.funding.applications.content import application_content
from birge.funding.applications.models import Application
from birge.funding.applications.models import Status as ApplicationStatus
from birge.funding.calls.models import Call
from birge.funding.calls.models import Status as CallStatus
from birge.funding.decisions.models import Outcome
from birge.funding.permissions import (
    can_read_application,
    can_review_in,
    can_run_calls,
    can_see_ranking,
)
from birge.funding.programs.models import StaffRole
from birge.funding.review import services
from birge.funding.review.forms import AssignForm, DeclarationForm, PoolForm, ScoreForm
from birge.funding.review.models import Assignment, Conflict
from birge.funding.review.ranking import RANKING_PAGE, RankingFilters, ranking
from birge.funding.review.xlsx import CONTENT_TYPE, ranking_workbook

# The committee reads the ranking once the call is under review, as it reads the applications then.
# How many applications a message names when auto-assignment leaves some short of reviewers.
SHORT_NAMED = 10


def state_of(assignment: Assignment) -> str:
    """Where a reviewer is with one application: "declare", "score", "submitted" or "conflict"."""
    if assignment.conflict == Conflict.DECLARED:
        return "conflict"
    if not assignment.conflict:
        return "declare"
    return "submitted" if assignment.submitted_at else "score"


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    """The signed-in reviewer's own assignments in every call: unfinished first."""
    mine = (
        Assignment.objects.filter(reviewer=request.user)
        .select_related("application__call", "application__organization", "application__owner")
        .order_by(F("submitted_at").asc(nulls_first=True), "-assigned_at", "-pk")
    )
    links = paginate(request, mine)
    rows = [(assignment, state_of(assignment)) for assignment in links.page.object_list]
    return render(request, "funding/review/list.html", {"links": links, "rows": rows})


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """One assignment: the declaration first, showing nothing of the application but its title and
    applicant; then, free of conflict, the application and the scores; with a conflict, nothing more."""
    assignment = (
        Assignment.objects.select_related(
            "application__call__program",
            "application__form",
            "application__organization",
            "application__owner",
        )
        .filter(pk=pk, reviewer=request.user)
        .first()
    )
    # Someone no longer a reviewer of the program keeps no way in, as anyone else who is not assigned.
    if assignment is None or not can_review_in(request.user, assignment.application.call.program):
        raise Http404
    context = {
        "assignment": assignment,
        "application": assignment.application,
        "call": assignment.application.call,
        "state": state_of(assignment),
        "withdrawn": assignment.application.status != ApplicationStatus.SUBMITTED,
    }
    open_to_review = not context["withdrawn"]
    if open_to_review and context["state"] == "declare":
        declaration = DeclarationForm(request.POST if request.method == "POST" else None)
        if declaration.is_bound and _declared(request, assignment, declaration):
            messages.success(request, _("Your declaration is recorded."))
            return redirect("funding:review", assignment.pk)
        context["declaration"] = declaration
    # The application itself only to a reviewer free of conflict (and whom the rule still lets in).
    elif (
        open_to_review
        and context["state"] in ("score", "submitted")
        and can_read_application(request.user, assignment.application)
    ):
        scores = {score.criterion_id: (score.value, score.comment) for score in assignment.scores.all()}
        criteria = list(assignment.application.call.criteria.all())
        context["content"] = application_content(assignment.application)
        context["given"] = [(criterion, *scores.get(criterion.pk, (None, ""))) for criterion in criteria]
        if context["state"] == "score" and context["call"].status == CallStatus.IN_REVIEW:
            form = ScoreForm(
                request.POST if request.method == "POST" else None, criteria=criteria, scores=scores
            )
            if form.is_bound and _scored(request, assignment, form):
                return redirect("funding:review", assignment.pk)
            context["score_form"] = form
    if request.method == "POST" and "declaration" not in context and "score_form" not in context:
        # A second click after the declaration or the submission, or a form left open in another tab: the
        # page as it now is.
        return redirect("funding:review", assignment.pk)
    return render(request, "funding/review/review.html", context)


def _declared(request: HttpRequest, assignment: Assignment, form: DeclarationForm) -> bool:
    if not form.is_valid():
        return False
    try:
        services.declare(
            actor=request.user,
            assignment=assignment,
            conflict=form.cleaned_data["conflict"] == "declared",
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        apply_errors(form, error)
        return False
    return True


def _scored(request: HttpRequest, assignment: Assignment, form: ScoreForm) -> bool:
    if not form.is_valid():
        return False
    submit = "submit" in request.POST
    try:
        services.scores_save(actor=request.user, assignment=assignment, scores=form.scores(), submit=submit)
    except ValidationError as error:
        apply_errors(form, error)
        return False
    messages.success(request, _("Your review is submitted. Thank you.") if submit else _("Saved."))
    return True


def _staff_call(request: HttpRequest, slug: str) -> Call:
    call = Call.objects.select_related("program").filter(slug=slug).first()
    # As for a call's settings: whoever may not run the call does not learn the page exists.
    if call is None or not can_run_calls(request.user, call.program):
        raise Http404
    return call


@dataclass
class ReviewersPage:
    """What the reviewers page reads, once, whatever it then does: each query a constant, not per row."""

    call: Call
    reviewers: list  # the program's reviewers
    pool: dict[int, list[str]]  # user id -> languages read, of the call's pool
    applications: list[Application]  # the submitted ones
    assignments: list[Assignment]  # on the submitted applications

    @classmethod
    def read(cls, call: Call) -> ReviewersPage:
        staff = call.program.staff.filter(role=StaffRole.REVIEWER).select_related("user")
        return cls(
            call=call,
            reviewers=[row.user for row in staff.order_by("user__display_name", "user__email")],
            pool=dict(call.pool.values_list("user_id", "languages")),
            applications=list(
                call.applications.filter(status=ApplicationStatus.SUBMITTED)
                .select_related("organization", "owner")
                .order_by("pk")
            ),
            assignments=list(
                Assignment.objects.filter(
                    application__call=call, application__status=ApplicationStatus.SUBMITTED
                )
                .select_related("reviewer")
                .order_by("application_id", "pk")
            ),
        )

    @property
    def in_pool(self) -> list:
        return [user for user in self.reviewers if user.pk in self.pool]


ACTIONS = ("pool", "assign", "auto", "unassign", "remind")


@login_required
def call_reviewers(request: HttpRequest, slug: str) -> HttpResponse:
    """The pool, assignments (automatic and by hand), each reviewer's workload, and reminders."""
    page = ReviewersPage.read(_staff_call(request, slug))
    action = request.POST.get("action", "") if request.method == "POST" else ""
    pool_form = PoolForm(request.POST if action == "pool" else None, reviewers=page.reviewers, pool=page.pool)
    assign_form = AssignForm(
        request.POST if action == "assign" else None, applications=page.applications, reviewers=page.in_pool
    )
    if request.method == "POST":
        if action not in ACTIONS:
            raise Http404
        form = {"pool": pool_form, "assign": assign_form}.get(action)
        if form is None or form.is_valid():
            try:
                _act(request, page, action, form)
            except ValidationError as error:
                if form is None:
                    for message in error.messages:
                        messages.error(request, message)
                    return redirect("funding:call_reviewers", page.call.slug)
                apply_errors(form, error)
            else:
                return redirect("funding:call_reviewers", page.call.slug)
    return render(request, "funding/review/reviewers.html", _reviewers_context(page, pool_form, assign_form))


def _act(request: HttpRequest, page: ReviewersPage, action: str, form) -> None:
    """Run the one service the button asks for, and say what it did."""
    actor, call = request.user, page.call
    if action == "pool":
        services.pool_set(actor=actor, call=call, members=form.members())
        messages.success(request, _("Saved."))
    elif action == "assign":
        services.assign(
            actor=actor,
            application=next(
                item for item in page.applications if item.pk == form.cleaned_data["application"]
            ),
            reviewer=next(user for user in page.in_pool if user.pk == form.cleaned_data["reviewer"]),
        )
        messages.success(request, _("The reviewer is assigned."))
    elif action == "unassign":
        chosen = next(
            (item for item in page.assignments if str(item.pk) == request.POST.get("assignment")), None
        )
        if chosen is None:
            raise Http404
        services.unassign(actor=actor, assignment=chosen)
        messages.success(request, _("The reviewer is taken off the application."))
    elif action == "remind":
        messages.success(request, services.reminded_text(services.remind(actor=actor, call=call)))
    else:
        _auto_assign(request, page)


def _auto_assign(request: HttpRequest, page: ReviewersPage) -> None:
    result = services.auto_assign(actor=request.user, call=page.call)
    messages.success(
        request,
        ngettext("%(count)s assignment made.", "%(count)s assignments made.", result.created)
        % {"count": result.created},
    )
    if result.short:
        titles = {application.pk: application.title for application in page.applications}
        named = [titles.get(pk, str(pk)) for pk in result.short[:SHORT_NAMED]]
        more = len(result.short) - len(named)
        text = ngettext(
            "%(count)s application is short of reviewers (conflicts of interest or languages leave too "
            "few): %(titles)s.",
            "%(count)s applications are short of reviewers (conflicts of interest or languages leave too "
            "few): %(titles)s.",
            len(result.short),
        ) % {"count": len(result.short), "titles": "; ".join(named) + (f"; … (+{more})" if more else "")}
        messages.warning(request, text)


def _reviewers_context(page: ReviewersPage, pool_form: PoolForm, assign_form: AssignForm) -> dict:
    call = page.call
    by_application: dict[int, list[Assignment]] = defaultdict(list)
    assigned: Counter[int] = Counter()
    conflicts: Counter[int] = Counter()
    submitted: Counter[int] = Counter()
    for assignment in page.assignments:
        by_application[assignment.application_id].append(assignment)
        if assignment.conflict == Conflict.DECLARED:
            conflicts[assignment.reviewer_id] += 1
            continue
        assigned[assignment.reviewer_id] += 1
        if assignment.submitted_at:
            submitted[assignment.reviewer_id] += 1
    # Every reviewer of the pool, and anyone still holding assignments who has since left it.
    people = {user.pk: user for user in page.in_pool}
    for assignment in page.assignments:
        people.setdefault(assignment.reviewer_id, assignment.reviewer)
    languages = dict(settings.LANGUAGES)
    return {
        "call": call,
        "pool_form": pool_form,
        "assign_form": assign_form,
        "assigning": call.status in services.ASSIGNING,
        "can_remind": call.status == CallStatus.IN_REVIEW,
        "applications": [
            (
                application,
                [(item, state_of(item)) for item in by_application[application.pk]],
                sum(1 for item in by_application[application.pk] if item.is_active)
                < call.reviews_per_application,
            )
            for application in page.applications
        ],
        "workload": [
            (
                user,
                assigned[pk],
                conflicts[pk],
                submitted[pk],
                [languages.get(code, code) for code in page.pool.get(pk, [])],
            )
            for pk, user in sorted(people.items(), key=lambda item: str(item[1]).lower())
        ],
    }


def _ranked_call(request: HttpRequest, slug: str) -> Call:
    call = Call.objects.select_related("program").filter(slug=slug).first()
    if call is None or not can_see_ranking(request.user, call):
        raise Http404
    return call


@login_required
def call_ranking(request: HttpRequest, slug: str) -> HttpResponse:
    call = _ranked_call(request, slug)
    filters = RankingFilters.from_query(request.GET)
    # Ranked over the whole call, shown a page at a time (the spreadsheet has every row).
    links = paginate(request, ranking(call, filters), per_page=RANKING_PAGE)
    context = {
        "call": call,
        "links": links,
        "rows": links.page.object_list,
        "filters": filters,
        "filtered": filters != RankingFilters(),
        "outcomes": [*Outcome.choices, ("none", _("not decided yet"))],
        "query": request.GET.urlencode(),
        "runs": can_run_calls(request.user, call.program),
    }
    return render(request, "funding/review/ranking.html", context)


@login_required
def call_ranking_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    call = _ranked_call(request, slug)
    rows = ranking(call, RankingFilters.from_query(request.GET))
    response = HttpResponse(ranking_workbook(call, rows), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{call.slug}-ranking.xlsx"'
    return response
