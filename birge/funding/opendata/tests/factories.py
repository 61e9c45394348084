"""Awards as the exports find them, built one way: a submitted application written straight to the
database, the committee's decision, and the signed award copying its recipient as the award service does
(submission, decisions and that service are tested in their own features)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from birge.core.models import Country, Region
from birge.funding.applications.models import Application
from birge.funding.applications.models import Status as ApplicationStatus
from birge.funding.awards.models import Award
from birge.funding.calls.models import Call, Lot
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.programs.models import Applicant
from conftest import make_user

numbers = itertools.count(1)


def application(
    call: Call,
    title: str,
    *,
    organization=None,
    owner=None,
    kind: str = "",
    group_name: str = "",
    region: Region | None = None,
    lot: Lot | None = None,
    requested: str = "1000000",
) -> Application:
    """A submitted application, written straight to the database (submission is tested elsewhere)."""
    number = next(numbers)
    owner = owner or make_user(f"owner{number}@example.org", display_name=f"Owner {number}")
    return Application.objects.create(
        call=call,
        form=call.form_versions.order_by("number").first(),
        owner=owner,
        applicant_kind=kind or (Applicant.ORGANIZATION if organization else Applicant.INDIVIDUAL),
        organization=organization,
        group_name=group_name,
        country=None if organization else Country.objects.get(code="KZ"),
        region=region,
        lot=lot,
        title=title,
        language="ru",
        requested_amount=Decimal(requested),
        status=ApplicationStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )


def decide(application: Application, outcome: str, amount: str | None = None) -> Decision:
    return Decision.objects.create(
        application=application,
        outcome=outcome,
        amount=Decimal(amount) if amount else None,
        reasons="The committee's reasons.",
    )


def award(application: Application, amount: str, *, signed_on: dt.date | None = None) -> Award:
    """The committee approves `amount` and the agreement is signed, copying the recipient as the award
    service does (that service is tested in awards/)."""
    decide(application, Outcome.APPROVED, amount)
    organization = application.organization
    signed_on = signed_on or dt.date(2026, 3, 2)
    return Award.objects.create(
        application=application,
        title=application.title,
        amount=Decimal(amount),
        currency=application.call.program.currency,
        starts_on=signed_on + dt.timedelta(days=14),
        ends_on=signed_on + dt.timedelta(days=270),
        signed_on=signed_on,
        organization=organization,
        recipient_name=organization.name if organization else application.applicant_name,
        country=organization.country if organization else application.country,
        region=organization.region if organization else application.region,
    )
