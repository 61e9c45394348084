"""The committee's decisions: approvals within the request, the grant range and the call's budget, with
reasons the applicant reads; only the committee, only while the call is under review; and the officer's
last step, which waits for every decision and then tells each applicant once, in their own language."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.formats import number_format

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.funding.calls.models import Call
from birge.funding.calls.models import Status as CallStatus
from birge.funding.calls.services import call_decide
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.decisions.services import decision_record, decisions_announce, undecided
from birge.funding.events import Verb
from birge.funding.review.models import Assignment
from birge.funding.review.services import assign, declare, pool_set, scores_save
from conftest import make_user

pytestmark = pytest.mark.django_db


REASONS = "Проект отвечает приоритетам программы; бюджет обоснован."
# What GOOD_BUDGET in funding/conftest.py asks for: 2 000 000 + 400 000.
REQUESTED = Decimal("2400000")


def in_review(call: Call) -> Call:
    Call.objects.filter(pk=call.pk).update(status=CallStatus.IN_REVIEW)
    call.refresh_from_db()
    return call


def money(amount: int) -> str:
    """An amount as the service writes it in the active language (Russian groups with a no-break space)."""
    return number_format(Decimal(amount), decimal_pos=0, use_l10n=True, force_grouping=True)


@pytest.fixture
def application(make_application, applicant, applicant_org, open_call):
    submitted = make_application(applicant, applicant_org)
    in_review(open_call)
    submitted.refresh_from_db()
    return submitted


def another(make_application, email: str, *, language: str = "ru"):
    """A second applicant's application, as an initiative group, made while the call is still open."""
    return make_application(make_user(email, display_name=email.split("@")[0], language=language))


def approve(actor, application, amount=REQUESTED, reasons=REASONS):
    return decision_record(
        actor=actor,
        application=application,
        outcome=Outcome.APPROVED,
        amount=Decimal(amount),
        reasons=reasons,
    )


def scored(application, reviewer, officer, values: tuple[int, int, int]) -> Assignment:
    """A submitted review through the services: in the pool, assigned, free of conflict, every criterion
    scored."""
    call = application.call
    pool_set(actor=officer, call=call, members=[(reviewer, [])])
    assignment = declare(
        actor=reviewer,
        assignment=assign(actor=officer, application=application, reviewer=reviewer),
        conflict=False,
    )
    criteria = list(call.criteria.order_by("position", "pk"))
    return scores_save(
        actor=reviewer,
        assignment=assignment,
        scores={criterion.pk: (value, "") for criterion, value in zip(criteria, values, strict=True)},
        submit=True,
    )


# Recording --------------------------------------------------------------------------------------------------


def test_the_committee_approves_an_amount_within_the_request_the_range_and_the_budget(
    application, committee_member
):
    decision = approve(committee_member, application, amount=2_000_000)

    decision.refresh_from_db()
    assert (decision.outcome, decision.amount, decision.reasons) == (
        Outcome.APPROVED,
        Decimal(2_000_000),
        REASONS,
    )
    assert decision.decided_by == committee_member and decision.announced_at is None
    event = Event.objects.get(verb=Verb.DECISION_RECORDED)
    assert event.actor == committee_member and event.new == {"outcome": "approved", "amount": "2000000"}


def test_a_decision_may_change_until_the_call_is_decided_and_the_audit_keeps_the_old_one(
    application, committee_member
):
    approve(committee_member, application)
    decision_record(
        actor=committee_member, application=application, outcome=Outcome.WAITLISTED, reasons=REASONS
    )

    assert Decision.objects.get().outcome == Outcome.WAITLISTED
    last = Event.objects.filter(verb=Verb.DECISION_RECORDED).order_by("-pk").first()
    assert last.old == {"outcome": "approved", "amount": "2400000.00"}


def test_more_than_was_requested_is_refused(application, committee_member):
    with pytest.raises(ValidationError) as refused:
        approve(committee_member, application, amount=REQUESTED + 1)

    assert "amount" in refused.value.message_dict
    assert not Decision.objects.exists()


def test_an_amount_outside_the_grant_range_is_refused(application, committee_member):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        approve(committee_member, application, amount=500_000)  # the smallest grant is 1 000 000

    assert refused.value.message_dict["amount"] == ["The amount must be within the call's grant range."]


def test_an_approval_without_an_amount_is_refused(application, committee_member):
    with pytest.raises(ValidationError) as refused:
        decision_record(
            actor=committee_member, application=application, outcome=Outcome.APPROVED, reasons=REASONS
        )

    assert "amount" in refused.value.message_dict


def test_an_approval_beyond_the_budget_says_how_much_is_left(
    make_application, applicant, applicant_org, open_call, committee_member
):
    Call.objects.filter(pk=open_call.pk).update(budget_ceiling=Decimal(4_000_000))
    first = make_application(applicant, applicant_org)
    second = another(make_application, "second@example.org")
    in_review(open_call)
    first.refresh_from_db()
    second.refresh_from_db()
    approve(committee_member, first)

    with pytest.raises(ValidationError) as refused:
        approve(committee_member, second, amount=2_000_000)

    [message] = refused.value.message_dict["amount"]
    assert money(1_600_000) in message and money(4_000_000) in message
    assert Decision.objects.filter(application=second).count() == 0
    # Lowering the first approval makes room, and its old amount is not counted beside its new one.
    approve(committee_member, first, amount=2_000_000)
    approve(committee_member, second, amount=2_000_000)
    assert sorted(Decision.objects.values_list("amount", flat=True)) == [Decimal(2_000_000)] * 2


def test_reasons_are_required(application, committee_member):
    for outcome in Outcome.values:
        with pytest.raises(ValidationError) as refused:
            decision_record(
                actor=committee_member,
                application=application,
                outcome=outcome,
                amount=REQUESTED,
                reasons="  \n ",
            )
        assert "reasons" in refused.value.message_dict
    assert not Decision.objects.exists()


def test_a_rejection_has_no_amount(application, committee_member):
    decision = decision_record(
        actor=committee_member,
        application=application,
        outcome=Outcome.REJECTED,
        amount=REQUESTED,
        reasons=REASONS,
    )

    assert Decision.objects.get(pk=decision.pk).amount is None


def test_only_the_committee_decides(application, manager, officer, reviewer, outsider, applicant):
    for person in (manager, officer, reviewer, outsider, applicant, None):
        with pytest.raises(PermissionDenied):
            approve(person, application)
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "status", [CallStatus.OPEN, CallStatus.CLOSED, CallStatus.DECIDED, CallStatus.ARCHIVED]
)
def test_decisions_are_made_only_while_the_call_is_under_review(application, committee_member, status):
    Call.objects.filter(pk=application.call_id).update(status=status)
    application.call.refresh_from_db()

    with pytest.raises(ValidationError):
        approve(committee_member, application)
    assert not Decision.objects.exists()


def test_a_decision_is_refused_once_the_call_was_decided_after_the_page_read_it(
    application, committee_member
):
    # The officer records the call as decided while a committee member's request still holds the call
    # as it was: what the applicants were told must stay what was decided.
    assert application.call.status == CallStatus.IN_REVIEW
    Call.objects.filter(pk=application.call_id).update(status=CallStatus.DECIDED)

    with pytest.raises(ValidationError):
        approve(committee_member, application)
    assert not Decision.objects.exists()


# The call is decided: every applicant is told ---------------------------------------------------------------


def decision_notices(user):
    """What the call's decision step told `user` (their receipt is of the same kind, sent on submission)."""
    return Notification.objects.filter(
        recipient=user, kind="funding.application", event__verb=Verb.CALL_DECIDED
    )


def test_the_call_cannot_be_decided_while_an_application_waits_for_a_decision(
    make_application, applicant, applicant_org, open_call, committee_member, officer
):
    first = make_application(applicant, applicant_org)
    second = another(make_application, "second@example.org")
    call = in_review(open_call)
    first.refresh_from_db()
    approve(committee_member, first)

    assert undecided(call)
    with pytest.raises(ValidationError) as refused:
        call_decide(actor=officer, call=call)

    assert "1" in refused.value.messages[0]
    assert Call.objects.get(pk=call.pk).status == CallStatus.IN_REVIEW
    assert not decision_notices(applicant).exists() and not decision_notices(second.owner).exists()


def test_once_all_are_decided_each_applicant_is_told_once_in_their_own_language(
    make_application, applicant, applicant_org, open_call, committee_member, officer
):
    kyrgyz = make_user("kanykei@example.org", display_name="Kanykei", language="ky")
    first = make_application(applicant, applicant_org)
    second = make_application(kyrgyz)
    call = in_review(open_call)
    first.refresh_from_db()
    second.refresh_from_db()
    approve(committee_member, first)
    rejection = "Проект не отвечает условиям конкурса: нет софинансирования."
    decision_record(actor=committee_member, application=second, outcome=Outcome.REJECTED, reasons=rejection)

    call_decide(actor=officer, call=call)

    assert Call.objects.get(pk=call.pk).status == CallStatus.DECIDED
    [to_kyrgyz] = decision_notices(kyrgyz)
    [to_russian] = decision_notices(applicant)
    # The title is in the applicant's language, whatever the officer's (the Kyrgyz catalog may not have
    # it yet: then the English source is what a Kyrgyz reader gets).
    with translation.override("ky"):
        assert to_kyrgyz.title == translation.gettext("The decision on your application")
    with translation.override("ru"):
        assert to_russian.title == translation.gettext("The decision on your application")
    assert rejection in to_kyrgyz.body and REASONS in to_russian.body
    assert money(2_400_000) in to_russian.body
    # Each link opens the page in the reader's language.
    assert to_kyrgyz.url.startswith("/ky/") and to_russian.url.startswith("/ru/")
    assert not Decision.objects.filter(application__call=call, announced_at=None).exists()
    # Told once: announcing again tells no one.
    assert decisions_announce(call) == 0
    assert decision_notices(applicant).count() == 1


def test_a_call_that_publishes_scores_tells_each_applicant_their_mean(
    make_application, open_call, committee_member, officer, reviewer
):
    english = make_user("ainur@example.org", display_name="Ainur", language="en")
    other = make_user("dana@example.org", display_name="Dana", language="en")
    told, untold = make_application(english), make_application(other)
    call = in_review(open_call)
    told.refresh_from_db()
    untold.refresh_from_db()
    scored(told, reviewer, officer, (8, 7, 4))  # 8/10·40 + 7/10·35 + 4/5·25 = 76.50
    approve(committee_member, told)
    approve(committee_member, untold, amount=1_000_000)

    Call.objects.filter(pk=call.pk).update(publish_scores=True)
    call.refresh_from_db()
    call_decide(actor=officer, call=call)

    [notice] = decision_notices(english)
    assert "Reviewers' mean score, out of 100: 76.50" in notice.body
    [unscored] = decision_notices(other)
    assert "mean score" not in unscored.body


def test_scores_stay_with_the_committee_unless_the_call_publishes_them(
    make_application, open_call, committee_member, officer, reviewer
):
    english = make_user("ainur@example.org", display_name="Ainur", language="en")
    application = make_application(english)
    call = in_review(open_call)
    application.refresh_from_db()
    scored(application, reviewer, officer, (8, 7, 4))
    approve(committee_member, application)

    call_decide(actor=officer, call=call)

    [notice] = decision_notices(english)
    assert "mean score" not in notice.body and "76.50" not in notice.body
