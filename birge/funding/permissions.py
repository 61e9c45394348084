"""Who may do what in a funding program: the operator's editors create programs; a program's staff roles
decide the rest. Predicates take a user (services) and ask the database once per question."""

from __future__ import annotations

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
