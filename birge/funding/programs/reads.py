"""What the staff pages of programs read."""

from __future__ import annotations

from birge.funding.calls.models import Call
from birge.funding.permissions import OPERATOR_KINDS
from birge.funding.programs.models import Program, ProgramStaff
from birge.orgs.members.models import Membership, Role
from birge.orgs.profiles.models import Organization


def programs_of(user):
    """The programs `user` has a role in, with their operator."""
    return Program.objects.filter(staff__user=user).select_related("operator").distinct().order_by("title")


def operators_for(user):
    """Published state bodies and donors whose profile `user` may edit: where they may start a program."""
    editable = Membership.objects.filter(user=user, role__in=[Role.OWNER, Role.EDITOR]).values(
        "organization_id"
    )
    return Organization.objects.published().filter(pk__in=editable, kind__in=OPERATOR_KINDS).order_by("name")


def staff_of(program: Program):
    return ProgramStaff.objects.filter(program=program).select_related("user").order_by("role", "user__email")


def calls_of(program: Program):
    """Every call of the program, drafts included (for its staff)."""
    return Call.objects.filter(program=program).order_by("-created_at", "-id")


def program_by_slug(slug: str) -> Program | None:
    return Program.objects.select_related("operator").filter(slug=slug).first()
