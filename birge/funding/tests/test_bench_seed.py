"""`birge seed-bench --funding`: a call under review at scale, the same on every run, that the ranking and
auto-assignment work on; removed whole by --reset."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from birge.accounts.models import User
from birge.funding import bench_seed
from birge.funding.applications.budget import totals
from birge.funding.applications.models import Application, Partner
from birge.funding.applications.services import canonical_content, receipt_hash
from birge.funding.calls.models import Call, Status
from birge.funding.programs.models import ProgramStaff, StaffRole
from birge.funding.review.models import Assignment, Conflict, PoolMember, Score
from birge.funding.review.ranking import ranking
from birge.funding.review.services import auto_assign, weighted_total
from birge.orgs.members.models import Membership
from birge.orgs.profiles.models import Organization

APPLICATIONS, REVIEWS = 12, 3


def seed(**options) -> None:
    options = {"applications": APPLICATIONS, "reviews": REVIEWS, **options}
    call_command("seed_bench", funding=True, stdout=StringIO(), **options)


def bench_call() -> Call:
    return Call.objects.select_related("program").get(slug=bench_seed.CALL_SLUG)


def snapshot() -> list[tuple]:
    return list(
        Application.objects.filter(call__slug=bench_seed.CALL_SLUG)
        .order_by("organization__slug")
        .values_list("organization__slug", "title", "language", "requested_amount", "receipt_sha256")
    ) + list(
        Assignment.objects.filter(application__call__slug=bench_seed.CALL_SLUG)
        .order_by("application__organization__slug", "reviewer__email")
        .values_list("application__organization__slug", "reviewer__email", "total")
    )


def test_seed_builds_a_call_under_review_with_its_staff_pool_applications_and_reviews(db):
    seed()
    call = bench_call()
    assert call.status == Status.IN_REVIEW and call.reviews_per_application == REVIEWS
    assert call.program.operator.kind == "government"
    criteria = list(call.criteria.all())
    assert len(criteria) == 5 and sum(criterion.weight for criterion in criteria) == 100
    roles = list(ProgramStaff.objects.filter(program=call.program).values_list("role", flat=True))
    assert sorted(set(roles)) == sorted(StaffRole.values)
    assert roles.count(StaffRole.REVIEWER) == bench_seed.REVIEWERS
    assert [roles.count(role) for role in ("manager", "officer", "committee")] == [1, 1, 1]
    pool = dict(PoolMember.objects.filter(call=call).values_list("user_id", "languages"))
    assert len(pool) == bench_seed.REVIEWERS and all(
        "ru" in read and len(read) >= 2 for read in pool.values()
    )

    applications = list(call.applications.select_related("organization", "call", "form"))
    assert len(applications) == APPLICATIONS
    assert len({application.organization_id for application in applications}) == APPLICATIONS
    assert all(application.organization.slug.startswith("bench-0") for application in applications)
    for application in applications:
        assert application.status == "submitted" and application.submitted_at
        assert application.language in {"ru", "kk", "ky", "tg"}
        assert set(application.answers) == {"f-goal", "f-summary", "f-group", "f-people", "f-start"}
        assert application.budget and application.requested_amount == totals(application.budget).requested
        # The receipt is the one submission gives.
        assert application.submitted_content == canonical_content(application)
        assert application.receipt_sha256 == receipt_hash(canonical_content(application))
    assert Partner.objects.filter(application__call=call).exists()

    assignments = list(Assignment.objects.filter(application__call=call).select_related("application"))
    assert len(assignments) == APPLICATIONS * REVIEWS
    assert Score.objects.filter(assignment__application__call=call).count() == APPLICATIONS * REVIEWS * 5
    # No reviewer reviews an organization they belong to, as applicant or as partner.
    named = {application.pk: {application.organization_id} for application in applications}
    for application, organization in Partner.objects.filter(application__call=call).values_list(
        "application_id", "organization_id"
    ):
        named[application].add(organization)
    belongs = set(Membership.objects.filter(user__in=pool).values_list("user_id", "organization_id"))
    assert belongs, "some reviewers belong to applicants, as conflicts of interest come"
    for assignment in assignments:
        assert assignment.conflict == Conflict.NONE and assignment.submitted_at and assignment.declared_at
        values = dict(assignment.scores.values_list("criterion_id", "value"))
        assert assignment.total == weighted_total(values, criteria)
        assert assignment.application.language in pool[assignment.reviewer_id]
        assert not any((assignment.reviewer_id, tied) in belongs for tied in named[assignment.application_id])


def test_seed_refuses_to_seed_twice_and_seeds_the_same_again_after_reset(db):
    seed()
    first = snapshot()
    with pytest.raises(CommandError):
        seed()
    seed(reset=True)
    assert len(first) == APPLICATIONS * (1 + REVIEWS) and snapshot() == first
    assert Application.objects.filter(call__slug=bench_seed.CALL_SLUG).count() == APPLICATIONS
    assert User.objects.filter(email__startswith=bench_seed.PREFIX).count() == 3 + 40 + APPLICATIONS


def test_reset_without_applications_removes_the_funding_bench_but_not_the_directory(db):
    seed()
    directory = Organization.objects.filter(slug__startswith="bench-0").count()
    seed(reset=True, applications=0)
    assert not Call.objects.filter(slug=bench_seed.CALL_SLUG).exists()
    assert not User.objects.filter(email__startswith=bench_seed.PREFIX).exists()
    assert not Organization.objects.filter(slug=bench_seed.OPERATOR_SLUG).exists()
    assert Organization.objects.filter(slug__startswith="bench-0").count() == directory == APPLICATIONS


def test_the_directory_seed_says_what_to_do_while_the_funding_bench_holds_its_organizations(db):
    seed()
    with pytest.raises(CommandError, match="--funding --reset"):
        call_command("seed_bench", orgs=20, reset=True, stdout=StringIO())


def test_ranking_orders_every_seeded_application_by_its_mean(db):
    seed()
    rows = ranking(bench_call())
    assert len(rows) == APPLICATIONS
    assert [row.rank for row in rows] == list(range(1, APPLICATIONS + 1))
    assert all(len(row.totals) == row.assigned == REVIEWS for row in rows)
    means = [row.mean for row in rows]
    assert means == sorted(means, reverse=True)


def test_auto_assignment_gives_every_seeded_application_its_reviewers(db):
    seed(reviews=0)
    call = bench_call()
    assert call.reviews_per_application == bench_seed.DEFAULT_REVIEWS_PER_APPLICATION
    officer = User.objects.get(email=bench_seed.OFFICER_EMAIL)
    result = auto_assign(actor=officer, call=call)
    assert result.created == APPLICATIONS * bench_seed.DEFAULT_REVIEWS_PER_APPLICATION and result.short == []
