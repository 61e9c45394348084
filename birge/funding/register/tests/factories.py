"""A decided call with what the register shows and what it must not: an award to an organization, an
award to a person (an initiative group), a rejected and a waitlisted application."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from birge.core.models import Region
from birge.funding.applications.models import Application
from birge.funding.awards.models import Award
from birge.funding.calls.models import Status
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.review.tests.factories import applications, move
from conftest import make_user


def decide(application, outcome: str, amount: str | None = None) -> Decision:
    return Decision.objects.create(
        application=application,
        outcome=outcome,
        amount=Decimal(amount) if amount else None,
        reasons="Reasons.",
        announced_at=timezone.now(),
    )


def award_for(application, amount: str) -> Award:
    """An award as award_make leaves it (the service has its own tests)."""
    organization = application.organization
    return Award.objects.create(
        application=application,
        title=application.title,
        amount=Decimal(amount),
        currency="KZT",
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 12, 1),
        signed_on=dt.date(2027, 2, 1),
        organization=organization,
        recipient_name=organization.name if organization else application.applicant_name,
        country=organization.country if organization else application.country,
        region=organization.region if organization else application.region,
    )


def decided_call(make_application) -> dict:
    """Four applications to one call: approved with an award, approved by a person (an initiative group)
    with an award, rejected, waitlisted; the call decided."""
    approved, rejected, waitlisted = applications(make_application, 3)
    Application.objects.filter(pk=rejected.pk).update(title="Rejected project Zeta")
    Application.objects.filter(pk=waitlisted.pk).update(title="Waitlisted project Eta")
    person = make_user("gulnora@example.org", display_name="Gulnora Rahimova")
    group = make_application(person)
    Application.objects.filter(pk=group.pk).update(
        title="Sewing workshop of Gulnora", region=Region.objects.filter(country__code="KZ").first()
    )
    group.refresh_from_db()
    decide(approved, Outcome.APPROVED, "2000000")
    decide(group, Outcome.APPROVED, "1500000")
    decide(rejected, Outcome.REJECTED)
    decide(waitlisted, Outcome.WAITLISTED)
    move(approved.call, Status.DECIDED)
    return {
        "organization": award_for(approved, "2000000"),
        "person": award_for(group, "1500000"),
        "call": approved.call,
    }
