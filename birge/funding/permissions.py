"""Who may do what in a funding program: the operator's editors create programs; a program's staff roles
decide the rest. Predicates take a user (services) and ask the database once per question."""

from __future__ import annotations

from birge.funding.calls.models import Status as CallStatus
from birge.funding.programs.models import Program, StaffRole
from birge.orgs.permissions import can_edit, signed_in
from birge.orgs.profiles.models import Kind

# Organizations that may run programs: the state and donors.
OPERATOR_KINDS = (Kind.GOVERNMENT, Kind.DONOR, Kind.INTERNATIONAL)


def roles_in(user, program: Program) -> set[str]:
    if not signed_in(user):
        return set()
    return set(program.staff.filter(user=user).values_list("role", flat=True))


def can_create_program(user, operator) -> bool:
    return operator.kind in OPERATOR_KINDS and operator.is_published and can_edit(user, operator)


def can_manage_program(user, program: Program) -> bool:
    return StaffRole.MANAGER in roles_in(user, program)


def can_run_calls(user, program: Program) -> bool:
    return bool(roles_in(user, program) & {StaffRole.MANAGER, StaffRole.OFFICER})


def is_staff_of(user, program: Program) -> bool:
    return bool(roles_in(user, program))


def can_review_in(user, program: Program) -> bool:
    return StaffRole.REVIEWER in roles_in(user, program)


def can_decide(user, program: Program) -> bool:
    return StaffRole.COMMITTEE in roles_in(user, program)


def can_see_applications(user, program: Program) -> bool:
    """Who reads every application of a program's calls: those who run them (managers and officers). The
    committee reads them too, but only once a call is under review (see `can_read_application`)."""
    return can_run_calls(user, program)


def can_apply_for(user, organization) -> bool:
    """Only those who may edit an organization's profile speak for it in an application."""
    return can_edit(user, organization)


# The committee reads a call's applications once it is under review, and keeps reading them after.
COMMITTEE_SEES = (CallStatus.IN_REVIEW, CallStatus.DECIDED, CallStatus.ARCHIVED)


def can_see_ranking(user, call) -> bool:
    """Those who run the call at any time; the committee once the call is under review."""
    if can_run_calls(user, call.program):
        return True
    return call.status in COMMITTEE_SEES and can_decide(user, call.program)


def can_read_application(user, application) -> bool:
    """The owner always; the program's managers and officers once it is submitted; the committee once its
    call is under review; a reviewer only through an assignment they declared free of conflict."""
    from birge.funding.applications.models import Status as ApplicationStatus
    from birge.funding.review.models import Conflict

    if not signed_in(user):
        return False
    if application.owner_id == user.pk:
        return True
    if application.status == ApplicationStatus.DRAFT:
        return False
    roles = roles_in(user, application.call.program)
    if roles & {StaffRole.MANAGER, StaffRole.OFFICER}:
        return True
    if StaffRole.COMMITTEE in roles and application.call.status in COMMITTEE_SEES:
        return True
    return (
        StaffRole.REVIEWER in roles
        and application.assignments.filter(reviewer=user, conflict=Conflict.NONE).exists()
    )


# Awards -----------------------------------------------------------------------------------------------------

# Who follows a program's awards besides the grantee: those who run it and its committee (reviewers do not).
AWARD_ROLES = {StaffRole.MANAGER, StaffRole.OFFICER, StaffRole.COMMITTEE}


def can_manage_awards(user, program: Program) -> bool:
    """Make awards, pay tranches, accept reports, visit and evaluate: the program's managers and officers."""
    return can_run_calls(user, program)


def can_report_on(user, award) -> bool:
    """The grantee: who applied, or anyone who may edit the recipient organization's profile (staff change;
    the reports must not stop when the person who applied leaves)."""
    if not signed_in(user):
        return False
    if award.application.owner_id == user.pk:
        return True
    return award.organization_id is not None and can_edit(user, award.organization)


def can_follow_award(user, award) -> bool:
    """Who reads an award's reports, payments and visits: the grantee and the program's staff but
    reviewers. The public reads only what the register shows."""
    if can_report_on(user, award):
        return True
    return bool(roles_in(user, award.application.call.program) & AWARD_ROLES)
