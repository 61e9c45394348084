"""The states review tests start from, built one way: more applicants with their submitted applications,
more reviewers of the program, a call moved on in its life, and reviews already given."""

import itertools
from decimal import Decimal

from django.utils import timezone

from birge.funding.applications.models import Application
from birge.funding.calls.models import Call
from birge.funding.programs.models import ProgramStaff, StaffRole
from birge.funding.review.models import Assignment, Conflict
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user

_numbers = itertools.count(1)


def move(call: Call, status: str) -> Call:
    """Put the call in `status` straight in the database (its steps are the calls feature's, tested there)."""
    Call.objects.filter(pk=call.pk).update(status=status)
    call.refresh_from_db()
    return call


def applications(make_application, count: int, *, language: str = "ru") -> list[Application]:
    """`count` submitted applications to the open call, each from its own organization and its owner, each
    with its own title."""
    made = []
    for _n in range(count):
        number = next(_numbers)
        owner = make_user(f"applicant{number}@example.org", display_name=f"Applicant {number}")
        organization = with_member(OrganizationFactory(name=f"Organization {number}"), owner)
        application = make_application(owner, organization, language=language)
        Application.objects.filter(pk=application.pk).update(title=f"Project {number}")
        # Read afresh, without the call as it was when submitted: tests move the call on after this.
        made.append(Application.objects.get(pk=application.pk))
    return made


def reviewers(program, count: int) -> list:
    """`count` more reviewers of the program."""
    made = []
    for _n in range(count):
        number = next(_numbers)
        user = make_user(f"reviewer{number}@example.org", display_name=f"Reviewer {number}")
        ProgramStaff.objects.create(program=program, user=user, role=StaffRole.REVIEWER)
        made.append(user)
    return made


def reviewed(application: Application, reviewer, total: str | None) -> Assignment:
    """`reviewer` on `application`, declared free of conflict; with `total`, their review is submitted."""
    return Assignment.objects.create(
        application=application,
        reviewer=reviewer,
        conflict=Conflict.NONE,
        declared_at=timezone.now(),
        total=Decimal(total) if total is not None else None,
        submitted_at=timezone.now() if total is not None else None,
    )
