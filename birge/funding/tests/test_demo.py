"""The funding demo: four operators' programs, with calls in the states a visitor meets (open, announced,
decided), made by the programs' staff through the services; the Kazakh centre's decided competition with its
sixty applications, reviews and decisions, and its open call with drafts in progress; loading it again
changes nothing."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from birge.accounts.models import User
from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.core.reference import load_reference_data
from birge.funding import demo as funding_demo
from birge.funding.applications.checks import submission_problems
from birge.funding.applications.models import Application
from birge.funding.applications.models import Status as ApplicationStatus
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.events import Verb
from birge.funding.models import Call, Criterion, Lot, Program, ProgramStaff, Status
from birge.funding.programs.models import StaffRole
from birge.funding.review.models import Assignment, Conflict, Score
from birge.funding.review.ranking import ranking
from birge.orgs import demo as orgs_demo
from birge.orgs.members.models import Membership
from birge.orgs.profiles.models import Organization


def _load() -> None:
    orgs_demo.load(StringIO())
    funding_demo.load(StringIO())


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for the whole module (it takes seconds) inside a transaction that is rolled
    back at the end; each test runs in a savepoint of it (the `db` fixture), so none sees another's
    changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference_data()
        _load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    pass


def _call(operator: str, status: str) -> Call:
    return Call.objects.get(program__operator__slug=operator, status=status)


def _competition() -> Call:
    return _call("kz-cisc", Status.DECIDED)


def test_each_operator_runs_its_program(demo):
    programs = {
        program.operator.slug: (program.mechanism, program.currency, sorted(program.applicants))
        for program in Program.objects.select_related("operator")
    }
    assert programs == {
        "kz-cisc": ("state_grant", "KZT", ["organization"]),
        "kg-youth-agency": ("state_grant", "KGS", ["organization"]),
        "tj-committee-women-family": ("state_grant", "TJS", ["individual", "initiative_group"]),
        "shymkent-akimat": ("social_contract", "KZT", ["organization"]),
    }


def test_the_calls_are_in_the_states_the_demo_shows(demo):
    statuses = sorted(Call.objects.values_list("program__operator__slug", "status"))
    assert statuses == [
        ("kg-youth-agency", Status.OPEN),
        ("kz-cisc", Status.DECIDED),
        ("kz-cisc", Status.OPEN),
        ("shymkent-akimat", Status.OPEN),
        ("tj-committee-women-family", Status.PUBLISHED),
    ]
    decided = _competition()
    walked = Event.objects.filter(target_id=str(decided.pk), verb__startswith="funding.call_")
    assert set(walked.values_list("verb", flat=True)) >= {
        Verb.CALL_PUBLISHED,
        Verb.CALL_OPENED,
        Verb.CALL_CLOSED,
        Verb.CALL_REVIEW_STARTED,
        Verb.CALL_DECIDED,
    }


def test_each_call_keeps_the_rules_of_its_program(demo):
    now = timezone.now()
    open_grants = _call("kz-cisc", Status.OPEN)
    assert open_grants.opens_at < now
    assert timedelta(days=20) < open_grants.closes_at - now < timedelta(days=22)
    assert open_grants.grant_min < open_grants.grant_max <= open_grants.budget_ceiling
    assert _competition().closes_at < now

    youth = _call("kg-youth-agency", Status.OPEN)
    assert (youth.cofinancing_min, youth.cofinancing_max) == (20, 40)

    women = _call("tj-committee-women-family", Status.PUBLISHED)
    assert sorted(women.applicants) == ["individual", "initiative_group"]
    assert women.opens_at > now

    home_care = _call("shymkent-akimat", Status.OPEN)
    assert home_care.service_specification
    ceilings = [lot.price_ceiling for lot in home_care.lots.all()]
    assert len(ceilings) == 2 and sum(ceilings) == home_care.price_ceiling

    for call in Call.objects.all():
        assert sum(call.criteria.values_list("weight", flat=True)) == 100
        assert call.published_at < now


def test_the_list_of_calls_shows_the_current_ones(demo, client):
    response = client.get("/ru/calls/")
    assert response.status_code == 200
    page = response.content.decode()
    for call in Call.objects.filter(status__in=[Status.PUBLISHED, Status.OPEN]):
        assert call.title in page
    assert _competition().title not in page


def test_sixty_kazakh_organizations_applied_while_the_competition_was_open(demo):
    call = _competition()
    applications = call.applications.select_related("organization__country")
    assert 55 <= applications.count() <= 65
    assert all(application.status == ApplicationStatus.SUBMITTED for application in applications)
    assert len({application.organization_id for application in applications}) == applications.count()
    for application in applications:
        organization = application.organization
        assert organization.country.code == "KZ" and organization.is_published
        assert organization.memberships.filter(user=application.owner).exists()
        assert call.opens_at < application.created_at <= application.submitted_at < call.closes_at
        assert call.grant_min <= application.requested_amount <= call.grant_max
        assert application.receipt_sha256
    # Written in the applicants' languages, on more than one theme.
    assert set(applications.values_list("language", flat=True)) == {"kk", "ru"}
    assert len(set(applications.values_list("title", flat=True))) == applications.count()


def test_three_reviewers_scored_each_application_besides_declared_conflicts(demo):
    call = _competition()
    staff = set(call.program.staff.filter(role=StaffRole.REVIEWER).values_list("user__email", flat=True))
    assert staff == {f"reviewer{number}@birge.demo" for number in range(1, 6)}
    assignments = Assignment.objects.filter(application__call=call)
    conflicts = assignments.filter(conflict=Conflict.DECLARED)
    assert 1 <= conflicts.count() <= 2
    assert all(conflict.conflict_note and conflict.submitted_at is None for conflict in conflicts)
    reviews = assignments.exclude(conflict=Conflict.DECLARED)
    assert not reviews.exclude(conflict=Conflict.NONE).exists()
    assert not reviews.filter(submitted_at=None).exists()
    per_application = Counter(reviews.values_list("application_id", flat=True))
    assert set(per_application.values()) == {3}
    assert len(per_application) == call.applications.count()
    # Every criterion scored in every review; the reviewers' loads differ by little.
    assert Score.objects.filter(assignment__in=reviews).count() == reviews.count() * call.criteria.count()
    loads = Counter(reviews.values_list("reviewer_id", flat=True)).values()
    assert max(loads) - min(loads) <= 3
    # No reviewer read an application in a language they do not read.
    for assignment in reviews.select_related("application"):
        assert assignment.application.language in call.pool.get(user=assignment.reviewer_id).languages


def test_the_scores_vary_and_reviewers_disagree_on_a_couple(demo):
    rows = ranking(_competition())
    means = [row.mean for row in rows]
    assert max(means) - min(means) > 40
    assert 1 <= sum(row.disagreement for row in rows) <= 3


def test_the_committee_approved_eight_within_the_budget_and_decided_every_application(demo):
    call = _competition()
    assert call.program.staff.filter(role=StaffRole.COMMITTEE, user__email="committee@birge.demo").exists()
    decisions = Decision.objects.filter(application__call=call).select_related("application")
    assert not call.applications.filter(status=ApplicationStatus.SUBMITTED, decision=None).exists()
    assert Counter(decisions.values_list("outcome", flat=True)) == {
        Outcome.APPROVED: 8,
        Outcome.WAITLISTED: 4,
        Outcome.REJECTED: call.applications.count() - 12,
    }
    approved = decisions.filter(outcome=Outcome.APPROVED)
    for decision in approved:
        assert call.grant_min <= decision.amount <= min(call.grant_max, decision.application.requested_amount)
    assert approved.aggregate(total=Sum("amount"))["total"] <= call.budget_ceiling
    assert all(decision.reasons and decision.announced_at for decision in decisions)
    assert not decisions.exclude(outcome=Outcome.APPROVED).exclude(amount=None).exists()
    # The committee followed the ranking.
    best = [row.application.pk for row in ranking(call)[:8]]
    assert set(approved.values_list("application_id", flat=True)) == set(best)


def test_the_competition_happened_months_ago(demo):
    call = _competition()
    now = timezone.now()
    moments = Assignment.objects.filter(application__call=call).aggregate(
        first=Count("pk", filter=Q(assigned_at__lt=call.closes_at)),
        late=Count("pk", filter=Q(submitted_at__gt=now - timedelta(days=100))),
    )
    assert moments == {"first": 0, "late": 0}
    assert not Decision.objects.filter(
        application__call=call, decided_at__gt=now - timedelta(days=100)
    ).exists()


def test_the_member_sees_the_decision_on_their_organizations_application(demo):
    application = Application.objects.get(
        call=_competition(), owner__email="member@birge.demo", organization__slug="dostyq-uyi-shymkent"
    )
    assert application.decision.outcome == Outcome.APPROVED
    assert Notification.objects.filter(
        recipient=application.owner, about_id=str(application.pk), kind="funding.application"
    ).exists()


def test_the_open_call_has_drafts_in_progress_and_two_applications_in(demo):
    call = _call("kz-cisc", Status.OPEN)
    statuses = Counter(call.applications.values_list("status", flat=True))
    assert statuses == {ApplicationStatus.DRAFT: 3, ApplicationStatus.SUBMITTED: 2}
    for application in call.applications.filter(status=ApplicationStatus.SUBMITTED):
        assert application.submitted_at < timezone.now()
    # A visitor signs in as aigerim@birge.demo and finds «Арго»'s draft nearly done: one answer is missing.
    draft = call.applications.get(owner__email="aigerim@birge.demo")
    assert draft.status == ApplicationStatus.DRAFT and draft.organization.slug == "argo-almaty"
    assert draft.answers and draft.budget
    assert len(submission_problems(draft)) == 1


def test_the_tajik_call_is_not_open_yet_and_has_no_applications(demo):
    # The Tajik committee's call is announced and opens later: nobody can have applied to it yet.
    assert not _call("tj-committee-women-family", Status.PUBLISHED).applications.exists()


def _snapshot() -> dict:
    counted = (
        Program,
        ProgramStaff,
        Call,
        Criterion,
        Lot,
        Application,
        Assignment,
        Score,
        Decision,
        Event,
        Notification,
        User,
        Membership,
        Organization,
    )
    return {
        "counts": {model.__name__: model.objects.count() for model in counted},
        "calls": sorted(Call.objects.values_list("slug", "status", "opens_at", "closes_at", "published_at")),
        "applications": sorted(Application.objects.values_list("pk", "status", "revision", "updated_at")),
    }


def test_loading_again_changes_nothing(demo):
    before = _snapshot()
    _load()
    assert _snapshot() == before


def test_the_eight_grants_are_under_way_with_every_story_of_monitoring(demo):
    from birge.funding.awards.models import Award, TrancheStatus
    from birge.funding.awards.models import Status as AwardStatus
    from birge.funding.monitoring.models import Visit
    from birge.funding.reports.models import Report
    from birge.funding.reports.models import Status as ReportStatus

    call = _competition()
    awards = Award.objects.filter(application__call=call)
    approved = Decision.objects.filter(application__call=call, outcome=Outcome.APPROVED)
    assert awards.count() == 8
    assert awards.aggregate(total=Sum("amount"))["total"] == approved.aggregate(total=Sum("amount"))["total"]
    today = timezone.localdate()
    assert all(award.signed_on < today - timedelta(days=90) for award in awards)
    interim = Report.objects.filter(award__in=awards, number=1, kind="interim")
    assert interim.filter(status=ReportStatus.ACCEPTED).count() == 1
    assert interim.filter(status=ReportStatus.CHANGES_REQUESTED).exclude(officer_comment="").count() == 1
    assert interim.filter(status=ReportStatus.DUE, due_on__lt=today).count() == 1  # not sent at all
    finished = awards.get(status=AwardStatus.COMPLETED)
    assert finished.evaluation.lessons and finished.visits.exists()
    assert not finished.tranches.exclude(status=TrancheStatus.PAID).exists()
    # The accepted interim report made its award's second payment payable.
    accepted = interim.get(status=ReportStatus.ACCEPTED).award
    assert accepted.tranches.get(number=2).status == TrancheStatus.PAYABLE
    assert Visit.objects.filter(award=accepted).get().follow_ups.count() == 2
