"""Creating funding programs and giving people roles in them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from birge.core.audit import record_event
from birge.core.validators import validate_single_line
from birge.funding.events import Verb
from birge.funding.permissions import can_create_program, can_manage_program
from birge.funding.programs.models import Applicant, Currency, Mechanism, Program, ProgramStaff, StaffRole
from birge.orgs.profiles.models import Kind
from birge.orgs.profiles.slugs import unique_slug


def program_create(
    *,
    actor,
    operator,
    title: str,
    mechanism: str,
    currency: str,
    applicants: list[str],
    organization_kinds: list[str] = (),
    description: str = "",
) -> Program:
    """A new program of `operator`; its creator becomes its manager."""
    if not can_create_program(actor, operator):
        raise PermissionDenied
    title = " ".join(title.split())
    errors = {}
    if not title:
        errors["title"] = [_("Give the program a title.")]
    if mechanism not in Mechanism.values:
        errors["mechanism"] = [_("Choose a mechanism.")]
    if currency not in Currency.values:
        errors["currency"] = [_("Choose a currency.")]
    if not applicants or set(applicants) - set(Applicant.values):
        errors["applicants"] = [_("Say who may apply.")]
    if set(organization_kinds) - set(Kind.values):
        errors["organization_kinds"] = [_("Unknown kind of organization.")]
    if errors:
        raise ValidationError(errors)
    validate_single_line(title)
    with transaction.atomic():
        program = Program.objects.create(
            operator=operator,
            slug=unique_slug(title, Program.objects.all(), fallback="program"),
            title=title,
            description=description.strip(),
            mechanism=mechanism,
            currency=currency,
            applicants=sorted(set(applicants)),
            organization_kinds=sorted(set(organization_kinds)),
        )
        ProgramStaff.objects.create(program=program, user=actor, role=StaffRole.MANAGER)
        record_event(actor, Verb.PROGRAM_CREATED, program, new={"title": title, "mechanism": mechanism})
    return program


def staff_add(*, actor, program: Program, user, role: str) -> ProgramStaff:
    if not can_manage_program(actor, program):
        raise PermissionDenied
    if role not in StaffRole.values:
        raise ValidationError({"role": [_("Choose a role.")]})
    try:
        with transaction.atomic():
            member = ProgramStaff.objects.create(program=program, user=user, role=role)
            record_event(actor, Verb.STAFF_ADDED, program, new={"user": user.email, "role": role})
    except IntegrityError:
        raise ValidationError(_("This person already has this role in the program.")) from None
    return member


def staff_remove(*, actor, program: Program, user, role: str) -> None:
    if not can_manage_program(actor, program):
        raise PermissionDenied
    if (
        role == StaffRole.MANAGER
        and program.staff.filter(role=StaffRole.MANAGER).exclude(user=user).count() == 0
    ):
        raise ValidationError(_("A program keeps at least one manager."))
    with transaction.atomic():
        deleted, _rows = ProgramStaff.objects.filter(program=program, user=user, role=role).delete()
        if deleted:
            record_event(actor, Verb.STAFF_REMOVED, program, old={"user": user.email, "role": role})
