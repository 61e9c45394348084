"""The staff's pages: their programs, a new program, and one program with its calls and its people."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from birge.core.forms import apply_errors
from birge.funding.permissions import roles_in
from birge.funding.programs import reads
from birge.funding.programs.forms import ProgramForm, StaffForm
from birge.funding.programs.models import StaffRole
from birge.funding.programs.services import program_create, staff_add, staff_remove


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    context = {
        "programs": reads.programs_of(request.user),
        "may_create": reads.operators_for(request.user).exists(),
        "applies": request.user.funding_applications.exists(),
        "reviews": request.user.review_assignments.exists(),
    }
    return render(request, "funding/programs/manage.html", context)


@login_required
def program_new(request: HttpRequest) -> HttpResponse:
    operators = reads.operators_for(request.user)
    if not operators.exists():
        raise Http404
    form = ProgramForm(request.POST or None, operators=operators)
    if request.method == "POST" and form.is_valid():
        try:
            program = program_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The program is created; you are its manager."))
            return redirect("funding:program", program.slug)
    return render(request, "funding/programs/new.html", {"form": form})


def _staff_program(request: HttpRequest, slug: str):
    """The program at `slug` and the person's roles in it; 404 for anyone without a role (its drafts and
    people are not public)."""
    program = reads.program_by_slug(slug)
    roles = roles_in(request.user, program) if program else set()
    if not roles:
        raise Http404
    return program, roles


@login_required
def program(request: HttpRequest, slug: str) -> HttpResponse:
    program, roles = _staff_program(request, slug)
    manager = StaffRole.MANAGER in roles
    form = StaffForm(request.POST or None) if manager else None
    if request.method == "POST":
        if not manager:
            raise Http404
        if "remove" in request.POST:
            user_id, _sep, role = request.POST["remove"].partition(":")
            person = get_user_model().objects.filter(pk=user_id if user_id.isdigit() else 0).first()
            try:
                if person is not None:
                    staff_remove(actor=request.user, program=program, user=person, role=role)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("funding:program", program.slug)
        if form.is_valid():
            person = (
                get_user_model()
                .objects.filter(email__iexact=form.cleaned_data["email"], is_active=True)
                .first()
            )
            if person is None:
                form.add_error("email", _("There is no account with this address."))
            else:
                try:
                    staff_add(
                        actor=request.user, program=program, user=person, role=form.cleaned_data["role"]
                    )
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    messages.success(request, _("Added."))
                    return redirect("funding:program", program.slug)
    context = {
        "program": program,
        "roles": roles,
        "manager": manager,
        "runs_calls": bool(roles & {StaffRole.MANAGER, StaffRole.OFFICER}),
        "decides": StaffRole.COMMITTEE in roles,
        "calls": reads.calls_of(program),
        "staff": reads.staff_of(program),
        "form": form,
    }
    return render(request, "funding/programs/program.html", context)
