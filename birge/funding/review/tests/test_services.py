"""Review's rules: the pool is the program's reviewers; assignment, by hand or automatic, never puts a
reviewer on an application tied to their organization, in a language they do not read, or where they
declared a conflict, and shares the work evenly; scores are whole numbers within each criterion's range,
all of them on submission; the ranking flags reviewers who disagree; reminders go to the unfinished."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.audit import Event
from birge.core.notifications.models import Notification
from birge.funding.applications.models import Application, Partner
from birge.funding.applications.models import Status as ApplicationStatus
from birge.funding.calls.models import Call, Criterion, Status
from birge.funding.events import Verb
from birge.funding.review.models import Assignment, Conflict
from birge.funding.review.ranking import RankingFilters, ranking
from birge.funding.review.services import (
    assign,
    auto_assign,
    declare,
    pool_set,
    remind,
    scores_save,
    unassign,
    weighted_total,
)
from birge.funding.review.tests.factories import applications, move, reviewed, reviewers
from birge.orgs.tests.factories import OrganizationFactory, with_member

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def call(open_call):
    """The call, open: each test makes its applications, then closes it (`move`)."""
    return open_call


def in_pool(manager, call, people, languages=()):
    pool_set(actor=manager, call=call, members=[(user, list(languages)) for user in people])


def loads(call) -> Counter:
    return Counter(Assignment.objects.filter(application__call=call).values_list("reviewer_id", flat=True))


# The pool


def test_only_the_programs_reviewers_join_a_calls_pool(call, manager, reviewer, committee_member):
    with pytest.raises(ValidationError):
        in_pool(manager, call, [reviewer, committee_member])
    in_pool(manager, call, [reviewer], ["ru", "kk"])
    assert list(call.pool.values_list("user_id", "languages")) == [(reviewer.pk, ["kk", "ru"])]


def test_only_those_who_run_calls_set_the_pool(call, reviewer, committee_member):
    with pytest.raises(PermissionDenied):
        in_pool(committee_member, call, [reviewer])


# Automatic assignment


def test_auto_assign_gives_every_application_its_number_of_reviewers_balanced_within_one(
    call, manager, make_application, program
):
    made = applications(make_application, 7)
    move(call, Status.CLOSED)
    people = reviewers(program, 5)
    in_pool(manager, call, people)

    result = auto_assign(actor=manager, call=call)

    assert result.created == 7 * call.reviews_per_application
    assert result.short == []
    per_application = Counter(Assignment.objects.values_list("application_id", flat=True))
    assert per_application == {application.pk: call.reviews_per_application for application in made}
    load = loads(call)
    assert set(load) == {user.pk for user in people}
    assert max(load.values()) - min(load.values()) <= 1
    assert Event.objects.filter(verb=Verb.REVIEW_ASSIGNED).count() == 1
    # Each reviewer is told once, of all their new applications together.
    assert Notification.objects.filter(kind="funding.review").count() == 5


def test_auto_assign_runs_again_only_to_fill_what_is_missing(call, manager, make_application, program):
    applications(make_application, 2)
    move(call, Status.CLOSED)
    people = reviewers(program, 3)
    in_pool(manager, call, people)
    auto_assign(actor=manager, call=call)

    assert auto_assign(actor=manager, call=call).created == 0
    assert Assignment.objects.count() == 6


def test_auto_assign_never_picks_a_member_of_the_applicant_or_of_a_partner(
    call, manager, make_application, program, applicant, applicant_org
):
    own = make_application(applicant, applicant_org)
    partnered = applications(make_application, 1)[0]
    move(call, Status.CLOSED)
    member, partner_member, free = reviewers(program, 3)
    with_member(applicant_org, member)
    partner = with_member(OrganizationFactory(name="Partner"), partner_member)
    Partner.objects.create(application=partnered, organization=partner)
    in_pool(manager, call, [member, partner_member, free])
    call.reviews_per_application = 2
    call.save(update_fields=["reviews_per_application"])

    result = auto_assign(actor=manager, call=call)

    on = {
        application: set(
            Assignment.objects.filter(application=application).values_list("reviewer_id", flat=True)
        )
        for application in (own, partnered)
    }
    assert on[own] == {partner_member.pk, free.pk}
    assert on[partnered] == {member.pk, free.pk}
    assert result.short == []
    with pytest.raises(ValidationError, match="belongs to the applicant"):
        assign(actor=manager, application=Application.objects.get(pk=own.pk), reviewer=member)


def test_auto_assign_leaves_an_application_short_rather_than_break_a_rule(
    call, manager, make_application, program, applicant, applicant_org
):
    own = make_application(applicant, applicant_org)
    move(call, Status.CLOSED)
    member, *others = reviewers(program, 3)
    with_member(applicant_org, member)
    in_pool(manager, call, [member, *others])

    result = auto_assign(actor=manager, call=call)

    assert result.short == [own.pk]
    assert result.created == 2


def test_auto_assign_gives_an_application_only_to_reviewers_who_read_its_language(
    call, manager, make_application, program
):
    kazakh = applications(make_application, 1, language="kk")[0]
    russian = applications(make_application, 1, language="ru")[0]
    move(call, Status.CLOSED)
    reads_russian, reads_both, reads_any = reviewers(program, 3)
    pool_set(
        actor=manager,
        call=call,
        members=[(reads_russian, ["ru"]), (reads_both, ["kk", "ru"]), (reads_any, [])],
    )

    result = auto_assign(actor=manager, call=call)

    on_kazakh = set(Assignment.objects.filter(application=kazakh).values_list("reviewer_id", flat=True))
    assert on_kazakh == {reads_both.pk, reads_any.pk}
    assert Assignment.objects.filter(application=russian).count() == 3
    assert result.short == [kazakh.pk]


def test_a_declared_conflict_is_never_reassigned(call, manager, make_application, program):
    application = applications(make_application, 1)[0]
    move(call, Status.CLOSED)
    people = reviewers(program, 4)
    in_pool(manager, call, people)
    call.reviews_per_application = 1
    call.save(update_fields=["reviews_per_application"])
    auto_assign(actor=manager, call=call)
    first = Assignment.objects.get()
    declare(actor=first.reviewer, assignment=first, conflict=True, note="Я член правления заявителя.")

    for _round in range(3):
        auto_assign(actor=manager, call=call)

    active = Assignment.objects.exclude(conflict=Conflict.DECLARED)
    assert active.count() == 1
    assert active.get().reviewer_id != first.reviewer_id
    assert Assignment.objects.filter(reviewer=first.reviewer).count() == 1
    with pytest.raises(ValidationError, match="declared a conflict"):
        assign(actor=manager, application=application, reviewer=first.reviewer)
    # Taking the conflict off would let the next automatic round put them back on it.
    with pytest.raises(ValidationError, match="stays on record"):
        unassign(actor=manager, assignment=first)


def test_assignment_waits_for_the_call_to_close(open_call, manager, make_application, reviewer):
    application = applications(make_application, 1)[0]
    in_pool(manager, open_call, [reviewer])
    with pytest.raises(ValidationError):
        auto_assign(actor=manager, call=open_call)
    with pytest.raises(ValidationError):
        assign(actor=manager, application=application, reviewer=reviewer)


# The declaration


def test_the_declaration_is_made_once_by_the_reviewer_alone(
    call, manager, make_application, reviewer, officer
):
    application = applications(make_application, 1)[0]
    move(call, Status.CLOSED)
    in_pool(manager, call, [reviewer])
    assignment = assign(actor=manager, application=application, reviewer=reviewer)
    with pytest.raises(PermissionDenied):
        declare(actor=officer, assignment=assignment, conflict=False)

    declare(actor=reviewer, assignment=assignment, conflict=False, note="ignored without a conflict")

    assignment.refresh_from_db()
    assert (assignment.conflict, assignment.conflict_note) == (Conflict.NONE, "")
    with pytest.raises(ValidationError):
        declare(actor=reviewer, assignment=assignment, conflict=True)


# Scores


def test_weighted_total_is_each_score_as_a_share_of_its_maximum_times_its_weight():
    criteria = [
        Criterion(pk=1, weight=40, max_score=10),
        Criterion(pk=2, weight=35, max_score=10),
        Criterion(pk=3, weight=25, max_score=5),
    ]
    assert weighted_total({1: 10, 2: 10, 3: 5}, criteria) == Decimal("100.00")
    assert weighted_total({1: 0, 2: 0, 3: 0}, criteria) == Decimal("0.00")
    # 40·10/10 + 35·5/10 + 25·5/5 = 40 + 17.5 + 25
    assert weighted_total({1: 10, 2: 5, 3: 5}, criteria) == Decimal("82.50")
    # 100·1/3 rounds half up to hundredths.
    assert weighted_total({1: 1}, [Criterion(pk=1, weight=100, max_score=3)]) == Decimal("33.33")
    assert weighted_total({1: 2}, [Criterion(pk=1, weight=100, max_score=3)]) == Decimal("66.67")


@pytest.fixture
def declared(call, manager, make_application, reviewer):
    """The reviewer on one application, free of conflict, the call under review."""
    application = applications(make_application, 1)[0]
    move(call, Status.CLOSED)
    in_pool(manager, call, [reviewer])
    assignment = assign(actor=manager, application=application, reviewer=reviewer)
    declare(actor=reviewer, assignment=assignment, conflict=False)
    move(call, Status.IN_REVIEW)
    assignment.refresh_from_db()
    return assignment


def criteria_of(assignment):
    return list(assignment.application.call.criteria.all())


def test_scores_are_saved_in_part_and_submitted_whole(declared, reviewer):
    relevance, team, budget = criteria_of(declared)

    scores_save(actor=reviewer, assignment=declared, scores={relevance.pk: (8, "Сильная связь с политикой.")})
    assert list(declared.scores.values_list("criterion_id", "value", "comment")) == [
        (relevance.pk, 8, "Сильная связь с политикой.")
    ]
    assert declared.total is None

    with pytest.raises(ValidationError) as missing:
        scores_save(actor=reviewer, assignment=declared, scores={relevance.pk: (8, "")}, submit=True)
    assert set(missing.value.message_dict) == {f"score_{team.pk}", f"score_{budget.pk}"}

    scores_save(
        actor=reviewer,
        assignment=declared,
        scores={relevance.pk: (8, ""), team.pk: ("6", ""), budget.pk: (5, "")},
        submit=True,
    )
    declared.refresh_from_db()
    # 40·8/10 + 35·6/10 + 25·5/5 = 32 + 21 + 25
    assert declared.total == Decimal("78.00")
    assert declared.submitted_at is not None
    assert Event.objects.filter(verb=Verb.REVIEW_SUBMITTED).count() == 1
    with pytest.raises(ValidationError):
        scores_save(actor=reviewer, assignment=declared, scores={relevance.pk: (1, "")})


@pytest.mark.parametrize("value", [-1, 11, "7.5", "seven"])
def test_a_score_outside_its_criterions_range_is_refused(declared, reviewer, value):
    relevance = criteria_of(declared)[0]
    with pytest.raises(ValidationError) as refused:
        scores_save(actor=reviewer, assignment=declared, scores={relevance.pk: (value, "")})
    assert list(refused.value.message_dict) == [f"score_{relevance.pk}"]
    assert not declared.scores.exists()


def test_a_criterion_scores_up_to_its_own_maximum(declared, reviewer):
    budget = criteria_of(declared)[2]  # highest score 5
    with pytest.raises(ValidationError):
        scores_save(actor=reviewer, assignment=declared, scores={budget.pk: (6, "")})
    scores_save(actor=reviewer, assignment=declared, scores={budget.pk: (5, "")})


def test_scores_need_a_declaration_of_no_conflict_the_review_stage_and_the_reviewer(
    call, manager, make_application, reviewer, officer
):
    application = applications(make_application, 1)[0]
    move(call, Status.CLOSED)
    in_pool(manager, call, [reviewer])
    assignment = assign(actor=manager, application=application, reviewer=reviewer)
    move(call, Status.IN_REVIEW)
    assignment.refresh_from_db()
    with pytest.raises(ValidationError):
        scores_save(actor=reviewer, assignment=assignment, scores={})
    declare(actor=reviewer, assignment=assignment, conflict=False)
    with pytest.raises(PermissionDenied):
        scores_save(actor=officer, assignment=assignment, scores={})
    Call.objects.filter(pk=call.pk).update(status=Status.DECIDED)
    assignment.application.call.refresh_from_db()
    with pytest.raises(ValidationError):
        scores_save(actor=reviewer, assignment=assignment, scores={})


# The ranking


def test_the_ranking_flags_totals_further_apart_than_the_threshold(call, make_application, program):
    agreed, split, edge, unread = applications(make_application, 4)
    move(call, Status.CLOSED)
    first, second = reviewers(program, 2)
    for application, totals in ((agreed, ("80", "84")), (split, ("50", "80")), (edge, ("50", "75"))):
        reviewed(application, first, totals[0])
        reviewed(application, second, totals[1])
    reviewed(unread, first, None)
    call.refresh_from_db()
    assert call.disagreement_threshold == 25

    rows = {row.application: row for row in ranking(call)}

    assert (rows[split].spread, rows[split].disagreement) == (Decimal("30"), True)
    # A spread equal to the threshold is not above it.
    assert (rows[edge].spread, rows[edge].disagreement) == (Decimal("25"), False)
    assert rows[agreed].disagreement is False
    assert rows[unread].mean is None and rows[unread].disagreement is False
    assert [row.application for row in ranking(call)] == [agreed, split, edge, unread]
    assert [row.rank for row in ranking(call)] == [1, 2, 3, None]

    Call.objects.filter(pk=call.pk).update(disagreement_threshold=20)
    call.refresh_from_db()
    assert [row.application for row in ranking(call, RankingFilters(disagreement_only=True))] == [split, edge]
    assert [row.application for row in ranking(call, RankingFilters(unreviewed_only=True))] == [unread]


# Reminders


def test_remind_tells_each_reviewer_with_unfinished_reviews_once(call, manager, make_application, program):
    one, two, three, withdrawn = applications(make_application, 4)
    move(call, Status.CLOSED)
    waiting, done, conflicted, idle = reviewers(program, 4)
    reviewed(one, waiting, None)
    reviewed(two, waiting, None)
    reviewed(one, done, "70")
    Assignment.objects.create(application=three, reviewer=conflicted, conflict=Conflict.DECLARED)
    Assignment.objects.create(application=withdrawn, reviewer=idle)  # not even declared yet
    type(withdrawn).objects.filter(pk=withdrawn.pk).update(status=ApplicationStatus.WITHDRAWN)
    move(call, Status.IN_REVIEW)

    assert remind(actor=manager, call=call) == 1

    told = Notification.objects.filter(kind="funding.review")
    assert list(told.values_list("recipient_id", flat=True)) == [waiting.pk]
    assert "2" in told.get().body
    assert Assignment.objects.exclude(reminded_at=None).count() == 2
    assert Event.objects.filter(verb=Verb.REVIEW_REMINDED).count() == 1


def test_only_those_who_run_calls_remind(call, reviewer, committee_member):
    with pytest.raises(PermissionDenied):
        remind(actor=committee_member, call=call)
