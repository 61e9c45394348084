"""Every write to a call: creating it, changing it while a draft and (a little) once announced, its criteria,
each step of its life with who may take it, from where, on which conditions, and what each step leaves
behind (an audit entry, a notification to each of the program's staff), and the hourly work that opens and
closes calls on time."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.core.registry import HOURLY
from birge.funding.calls.models import Call, Criterion, Status
from birge.funding.calls.services import (
    call_archive,
    call_close,
    call_create,
    call_decide,
    call_open,
    call_publish,
    call_start_review,
    call_update,
    calls_move_on_time,
    criteria_set,
)
from birge.funding.conftest import CRITERIA
from birge.funding.events import Verb
from birge.funding.programs.models import Applicant, Currency, Mechanism, Program, ProgramStaff, StaffRole
from conftest import make_user

KIND = "funding.call_status"

# Each step: the service, the one status it starts from, where it leads, its audit verb.
STEPS = [
    (call_publish, Status.DRAFT, Status.PUBLISHED, Verb.CALL_PUBLISHED),
    (call_open, Status.PUBLISHED, Status.OPEN, Verb.CALL_OPENED),
    (call_close, Status.OPEN, Status.CLOSED, Verb.CALL_CLOSED),
    (call_start_review, Status.CLOSED, Status.IN_REVIEW, Verb.CALL_REVIEW_STARTED),
    (call_decide, Status.IN_REVIEW, Status.DECIDED, Verb.CALL_DECIDED),
    (call_archive, Status.DECIDED, Status.ARCHIVED, Verb.CALL_ARCHIVED),
]
STEP_IDS = [step.__name__ for step, *_rest in STEPS]
WRONG_STARTS = [
    pytest.param(step, status, id=f"{step.__name__}-from-{status}")
    for step, start, _end, _verb in STEPS
    for status in Status.values
    if status != start
]


def put(call: Call, status: str) -> Call:
    """`call` in `status`, with its opening and closing passed, so that a person may take any step."""
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(
        status=status,
        opens_at=now - dt.timedelta(days=10),
        closes_at=now - dt.timedelta(days=1),
        published_at=None if status == Status.DRAFT else now - dt.timedelta(days=11),
    )
    call.refresh_from_db()
    return call


def stored_status(call: Call) -> str:
    return Call.objects.values_list("status", flat=True).get(pk=call.pk)


def told(call: Call) -> set[str]:
    """The e-mail addresses of everyone notified of `call`'s status."""
    return set(
        Notification.objects.filter(kind=KIND, about_id=str(call.pk)).values_list(
            "recipient__email", flat=True
        )
    )


@pytest.fixture
def staff(manager, officer, committee_member, reviewer):
    return [manager, officer, committee_member, reviewer]


# Creating and changing a draft ------------------------------------------------------------------------------


def test_an_officer_creates_a_draft_for_the_programs_applicants(program, officer):
    call = call_create(actor=officer, program=program, title="  Малые   гранты ", summary="Кратко.")

    call.refresh_from_db()
    assert call.status == Status.DRAFT and call.title == "Малые гранты" and call.slug
    assert call.applicants == program.applicants
    event = Event.objects.get(verb=Verb.CALL_CREATED)
    assert (
        event.actor == officer and event.target_id == str(call.pk) and event.new == {"title": "Малые гранты"}
    )


@pytest.mark.parametrize("who", ["committee_member", "reviewer", "outsider"])
def test_only_a_manager_or_an_officer_creates_a_call(request, program, who):
    with pytest.raises(PermissionDenied):
        call_create(actor=request.getfixturevalue(who), program=program, title="Малые гранты")
    with pytest.raises(PermissionDenied):
        call_create(actor=AnonymousUser(), program=program, title="Малые гранты")
    assert not Call.objects.exists()


@pytest.mark.parametrize(
    ("field", "fields"),
    [
        ("title", {"title": "  "}),
        ("closes_at", {"opens_at": timezone.now(), "closes_at": timezone.now() - dt.timedelta(days=1)}),
        ("grant_max", {"grant_min": Decimal(5), "grant_max": Decimal(4)}),
        ("grant_max", {"budget_ceiling": Decimal(100), "grant_max": Decimal(101)}),
        ("cofinancing_max", {"cofinancing_min": 30, "cofinancing_max": 10}),
        ("applicants", {"applicants": [Applicant.INDIVIDUAL]}),
    ],
)
def test_a_call_breaking_its_rules_is_not_created(program, manager, field, fields):
    with pytest.raises(ValidationError) as refused:
        call_create(actor=manager, program=program, **{"title": "Малые гранты", **fields})
    assert field in refused.value.message_dict
    assert not Call.objects.exists() and not Event.objects.filter(verb=Verb.CALL_CREATED).exists()


def test_a_call_takes_only_its_settings(program, manager):
    with pytest.raises(ValueError):
        call_create(actor=manager, program=program, title="Малые гранты", status=Status.OPEN)


@pytest.mark.parametrize("text", ["Гранты\x0bдля молодёжи", "Гранты\x1bдля молодёжи"], ids=["VT", "ESC"])
def test_a_summary_with_a_control_character_is_refused(program, manager, ready_call, text):
    """A multi-line text of the platform keeps line breaks and tabs and refuses other control characters;
    the summary goes into the Atom feed, where such a character makes the XML invalid."""
    with pytest.raises(ValidationError):
        call_create(actor=manager, program=program, title="Малые гранты", summary=text)
    with pytest.raises(ValidationError):
        call_update(actor=manager, call=ready_call, summary=text)
    assert not Call.objects.filter(summary=text).exists()


def test_a_draft_changes_freely_and_the_audit_keeps_old_and_new(ready_call, officer):
    old_max = ready_call.grant_max
    call_update(
        actor=officer,
        call=ready_call,
        title="Молодёжные инициативы 2028",
        grant_max=Decimal("6000000"),
        verified_only=True,
        applicants=[Applicant.ORGANIZATION],
    )

    ready_call.refresh_from_db()
    assert ready_call.title == "Молодёжные инициативы 2028" and ready_call.grant_max == Decimal("6000000")
    assert ready_call.verified_only and ready_call.applicants == [Applicant.ORGANIZATION]
    event = Event.objects.filter(verb=Verb.CALL_UPDATED, actor=officer).get()
    assert (
        event.old["title"] == "Молодёжные инициативы 2027"
        and event.new["title"] == "Молодёжные инициативы 2028"
    )
    assert Decimal(event.old["grant_max"]) == old_max and Decimal(event.new["grant_max"]) == Decimal(
        "6000000"
    )
    assert event.old["verified_only"] is False and event.new["verified_only"] is True


def test_saving_a_draft_unchanged_writes_no_audit_entry(ready_call, manager):
    before = Event.objects.count()
    call_update(actor=manager, call=ready_call, title=ready_call.title, summary=ready_call.summary)
    assert Event.objects.count() == before


def test_a_change_breaking_the_rules_leaves_the_draft_as_it_was(ready_call, manager):
    closes_at = ready_call.closes_at
    with pytest.raises(ValidationError) as refused:
        call_update(actor=manager, call=ready_call, closes_at=ready_call.opens_at - dt.timedelta(hours=1))
    assert "closes_at" in refused.value.message_dict
    assert Call.objects.get(pk=ready_call.pk).closes_at == closes_at
    assert not Event.objects.filter(verb=Verb.CALL_UPDATED, new__has_key="closes_at").exists()


@pytest.mark.parametrize("who", ["committee_member", "reviewer", "outsider"])
def test_only_a_manager_or_an_officer_changes_a_call(request, ready_call, who):
    with pytest.raises(PermissionDenied):
        call_update(actor=request.getfixturevalue(who), call=ready_call, summary="Иначе.")
    assert Call.objects.get(pk=ready_call.pk).summary != "Иначе."


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.OPEN])
def test_an_announced_call_changes_only_its_summary_and_a_later_closing(ready_call, manager, status):
    call = put(ready_call, status)
    later = call.closes_at + dt.timedelta(days=7)

    call_update(actor=manager, call=call, summary="Сроки продлены.", closes_at=later)

    call.refresh_from_db()
    assert call.summary == "Сроки продлены." and call.closes_at == later and call.status == status
    event = Event.objects.filter(verb=Verb.CALL_UPDATED).latest("id")
    assert set(event.new) == {"summary", "closes_at"}


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.OPEN])
@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Другое название"},
        {"grant_max": Decimal("9000000")},
        {"budget_ceiling": Decimal("90000000")},
        {"opens_at": timezone.now() - dt.timedelta(days=20)},
        {"applicants": [Applicant.ORGANIZATION]},
        {"verified_only": True},
        {"summary": "Кратко.", "max_applications": 3},
    ],
    ids=lambda fields: "+".join(fields),
)
def test_an_announced_call_keeps_its_rules(ready_call, manager, status, fields):
    call = put(ready_call, status)
    before = Call.objects.values().get(pk=call.pk)
    with pytest.raises(ValidationError):
        call_update(actor=manager, call=call, **fields)
    assert Call.objects.values().get(pk=call.pk) == before


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.OPEN])
def test_an_announced_call_never_closes_earlier(ready_call, manager, status):
    call = put(ready_call, status)
    closes_at = call.closes_at
    with pytest.raises(ValidationError) as refused:
        call_update(actor=manager, call=call, closes_at=closes_at - dt.timedelta(minutes=1))
    assert "closes_at" in refused.value.message_dict
    assert Call.objects.get(pk=call.pk).closes_at == closes_at


def test_an_announced_call_cannot_drop_its_closing(ready_call, manager):
    """Removing the closing moment (an emptied date field) is refused like any earlier closing: a clear
    ValidationError, not a crash comparing nothing with a date."""
    call = put(ready_call, Status.OPEN)
    with pytest.raises(ValidationError):
        call_update(actor=manager, call=call, closes_at=None)
    assert Call.objects.get(pk=call.pk).closes_at is not None


@pytest.mark.parametrize("status", [Status.CLOSED, Status.IN_REVIEW, Status.DECIDED, Status.ARCHIVED])
def test_after_closing_not_even_the_summary_changes(ready_call, manager, status):
    call = put(ready_call, status)
    with pytest.raises(ValidationError):
        call_update(actor=manager, call=call, summary="Поздно.")
    assert Call.objects.get(pk=call.pk).summary != "Поздно."


# Criteria ---------------------------------------------------------------------------------------------------


def test_criteria_are_replaced_as_a_whole(ready_call, officer):
    criteria_set(actor=officer, call=ready_call, criteria=[("Impact", 70, 10), ("Cost", 30, 5)])
    assert list(ready_call.criteria.values_list("title", "weight", "max_score", "position")) == [
        ("Impact", 70, 10, 0),
        ("Cost", 30, 5, 1),
    ]
    assert Event.objects.filter(verb=Verb.CALL_UPDATED, actor=officer).get().new == {
        "criteria": ["Impact", "Cost"]
    }


@pytest.mark.parametrize("weights", [[40, 50], [60, 50], []])
def test_criteria_weights_add_up_to_100(ready_call, manager, weights):
    with pytest.raises(ValidationError):
        criteria_set(
            actor=manager, call=ready_call, criteria=[(f"C{n}", w, 10) for n, w in enumerate(weights)]
        )
    assert list(ready_call.criteria.values_list("title", "weight", "max_score")) == CRITERIA


def test_a_criterion_weighs_at_least_one_percent(ready_call, manager):
    """A criterion of weight 0 would be scored for nothing: the model allows 1 to 100, and so must the
    service, even when the weights add up to 100."""
    with pytest.raises(ValidationError):
        criteria_set(actor=manager, call=ready_call, criteria=[("Impact", 100, 10), ("Decoration", 0, 10)])
    assert list(ready_call.criteria.values_list("title", "weight", "max_score")) == CRITERIA


def test_criteria_are_set_before_the_call_is_announced(ready_call, manager):
    call = put(ready_call, Status.PUBLISHED)
    with pytest.raises(ValidationError):
        criteria_set(actor=manager, call=call, criteria=[("Impact", 100, 10)])
    assert call.criteria.count() == len(CRITERIA)


@pytest.mark.parametrize("who", ["committee_member", "reviewer", "outsider"])
def test_only_a_manager_or_an_officer_sets_criteria(request, ready_call, who):
    with pytest.raises(PermissionDenied):
        criteria_set(actor=request.getfixturevalue(who), call=ready_call, criteria=[("Impact", 100, 10)])
    assert ready_call.criteria.count() == len(CRITERIA)


# The life cycle: who, from where, on which conditions -------------------------------------------------------


@pytest.mark.parametrize(("step", "start", "end", "verb"), STEPS, ids=STEP_IDS)
@pytest.mark.parametrize("who", ["manager", "officer"])
def test_a_manager_or_an_officer_takes_each_step_with_an_audit_entry_and_the_staff_told(
    request, ready_call, staff, outsider, step, start, end, verb, who
):
    actor = request.getfixturevalue(who)
    call = put(ready_call, start)

    returned = step(actor=actor, call=call)

    assert returned.status == end and stored_status(call) == end
    event = Event.objects.get(verb=verb)
    assert event.actor == actor and event.target_id == str(call.pk)
    assert event.old == {"status": start} and event.new == {"status": end}
    assert told(call) == {person.email for person in staff}
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert set(Notification.objects.filter(kind=KIND).values_list("event", flat=True)) == {event.pk}


def test_publishing_stamps_the_moment_of_the_announcement(ready_call, manager):
    before = timezone.now()
    call_publish(actor=manager, call=ready_call)
    published_at = Call.objects.get(pk=ready_call.pk).published_at
    assert published_at is not None and before <= published_at <= timezone.now()


@pytest.mark.parametrize(("step", "start", "end", "verb"), STEPS, ids=STEP_IDS)
@pytest.mark.parametrize("who", ["committee_member", "reviewer", "outsider"])
def test_the_committee_reviewers_and_outsiders_take_no_step(
    request, ready_call, staff, step, start, end, verb, who
):
    call = put(ready_call, start)
    with pytest.raises(PermissionDenied):
        step(actor=request.getfixturevalue(who), call=call)
    with pytest.raises(PermissionDenied):
        step(actor=AnonymousUser(), call=call)
    assert stored_status(call) == start
    assert not Event.objects.filter(verb=verb).exists() and not Notification.objects.exists()


@pytest.mark.parametrize(("step", "status"), WRONG_STARTS)
def test_a_step_from_the_wrong_status_is_refused_naming_the_status(ready_call, manager, step, status):
    call = put(ready_call, status)
    with pytest.raises(ValidationError) as refused:
        step(actor=manager, call=call)
    assert str(Status(status).label) in " ".join(refused.value.messages)
    assert stored_status(call) == status
    assert not Event.objects.filter(verb__in=[verb for *_rest, verb in STEPS]).exists()
    assert not Notification.objects.exists()


def test_a_person_does_not_open_a_call_before_its_opening(ready_call, manager):
    call_publish(actor=manager, call=ready_call)  # opens in a week
    with pytest.raises(ValidationError) as refused:
        call_open(actor=manager, call=ready_call)
    assert refused.value.messages == [_("The call opens on its date, not before.")]
    assert stored_status(ready_call) == Status.PUBLISHED


def test_a_person_does_not_close_a_call_before_the_announced_moment(ready_call, manager):
    call = put(ready_call, Status.OPEN)
    call_update(actor=manager, call=call, closes_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        call_close(actor=manager, call=call)
    assert refused.value.messages == [_("The call closes at the announced moment, not earlier.")]
    assert stored_status(call) == Status.OPEN


# What announcing needs --------------------------------------------------------------------------------------

SUMMARY = "Write a summary: it is what people read first."
DATES = "Set when the call opens and closes."
CRITERIA_WEIGHTS = "Set the criteria reviewers score, with weights adding up to 100."
CLOSES_AFTER = "A call closes after it opens."
GRANT_WITHIN_BUDGET = "A grant cannot exceed the budget of the call."
GRANT_RANGE = "The largest grant cannot be smaller than the smallest."
SPECIFICATION = "A social contract needs the specification of the service."


def break_it(call: Call, how: str) -> None:
    """Make `call` fail exactly one condition of announcing (the services refuse to save most of them, so
    they are written straight to the database, as an older rule might have left them)."""
    if how == SUMMARY:
        Call.objects.filter(pk=call.pk).update(summary="  \n")
    elif how == DATES:
        Call.objects.filter(pk=call.pk).update(opens_at=None)
    elif how == CRITERIA_WEIGHTS:
        Criterion.objects.filter(call=call, position=0).update(weight=10)
    elif how == CLOSES_AFTER:
        Call.objects.filter(pk=call.pk).update(closes_at=call.opens_at - dt.timedelta(days=1))
    elif how == GRANT_WITHIN_BUDGET:
        Call.objects.filter(pk=call.pk).update(grant_max=call.budget_ceiling + 1)
    elif how == SPECIFICATION:
        Program.objects.filter(pk=call.program_id).update(mechanism=Mechanism.SOCIAL_CONTRACT)


@pytest.mark.parametrize(
    "problem", [SUMMARY, DATES, CRITERIA_WEIGHTS, CLOSES_AFTER, GRANT_WITHIN_BUDGET, SPECIFICATION]
)
def test_publishing_names_the_one_unmet_condition(ready_call, manager, staff, problem):
    break_it(ready_call, problem)
    call = Call.objects.select_related("program").get(pk=ready_call.pk)
    with pytest.raises(ValidationError) as refused:
        call_publish(actor=manager, call=call)
    assert refused.value.messages == [_(problem)]
    assert stored_status(call) == Status.DRAFT and Call.objects.get(pk=call.pk).published_at is None
    assert not Event.objects.filter(verb=Verb.CALL_PUBLISHED).exists() and not Notification.objects.exists()


def test_publishing_names_every_unmet_condition_at_once(ready_call, manager):
    for problem in (SUMMARY, DATES, CRITERIA_WEIGHTS, GRANT_WITHIN_BUDGET, SPECIFICATION):
        break_it(ready_call, problem)
    call = Call.objects.select_related("program").get(pk=ready_call.pk)
    with pytest.raises(ValidationError) as refused:
        call_publish(actor=manager, call=call)
    assert sorted(refused.value.messages) == sorted(
        _(problem) for problem in (SUMMARY, DATES, CRITERIA_WEIGHTS, GRANT_WITHIN_BUDGET, SPECIFICATION)
    )
    assert stored_status(call) == Status.DRAFT


def test_publishing_without_any_criteria_is_refused(ready_call, manager):
    ready_call.criteria.all().delete()
    with pytest.raises(ValidationError) as refused:
        call_publish(actor=manager, call=ready_call)
    assert refused.value.messages == [_(CRITERIA_WEIGHTS)]


def test_two_broken_rules_of_the_grant_are_both_named(ready_call, manager):
    """The smallest grant above the largest, and the largest above the budget: two unmet conditions, both
    named (neither hides the other)."""
    Call.objects.filter(pk=ready_call.pk).update(
        budget_ceiling=Decimal(100), grant_min=Decimal(300), grant_max=Decimal(200)
    )
    ready_call.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        call_publish(actor=manager, call=ready_call)
    assert sorted(refused.value.messages) == sorted([_(GRANT_RANGE), _(GRANT_WITHIN_BUDGET)])


def test_a_social_contract_with_its_specification_is_announced(ready_call, manager):
    break_it(ready_call, SPECIFICATION)
    call = Call.objects.select_related("program").get(pk=ready_call.pk)
    call_update(actor=manager, call=call, service_specification="Уход на дому за пожилыми людьми.")
    assert call_publish(actor=manager, call=call).status == Status.PUBLISHED


# Who is told ------------------------------------------------------------------------------------------------


def test_each_staff_member_is_told_once_and_by_e_mail_others_are_not(
    ready_call, staff, manager, outsider, django_capture_on_commit_callbacks
):
    ProgramStaff.objects.create(program=ready_call.program, user=manager, role=StaffRole.REVIEWER)
    other_program_staff = make_user("elsewhere@example.org")
    other_program = Program.objects.create(
        operator=ready_call.program.operator,
        slug="awards",
        title="Awards",
        mechanism=Mechanism.AWARD,
        currency=Currency.KZT,
        applicants=[Applicant.INDIVIDUAL],
    )
    ProgramStaff.objects.create(program=other_program, user=other_program_staff, role=StaffRole.MANAGER)

    with django_capture_on_commit_callbacks(execute=True):
        call_publish(actor=manager, call=ready_call)

    notices = Notification.objects.filter(kind=KIND)
    assert sorted(notices.values_list("recipient__email", flat=True)) == sorted(
        person.email for person in staff
    )
    assert {notice.url for notice in notices} == {f"/ru/calls/{ready_call.slug}/"}
    assert all(ready_call.title in notice.title for notice in notices)
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        person.email for person in staff
    )
    assert outsider.email not in told(ready_call) and other_program_staff.email not in told(ready_call)


def test_a_step_that_rolls_back_tells_nobody(ready_call, manager, staff):
    break_it(ready_call, SUMMARY)
    ready_call.refresh_from_db()
    with pytest.raises(ValidationError):
        call_publish(actor=manager, call=ready_call)
    assert not Notification.objects.exists() and not mail.outbox


def test_each_staff_member_reads_the_new_status_in_their_own_language(ready_call, manager, officer):
    """The subject is a lazy translation read in each recipient's language, the status included: the one
    who took the step (or the scheduler's default language) must not fix it for everyone."""
    english = make_user("english@example.org", display_name="Emma", language="en")
    ProgramStaff.objects.create(program=ready_call.program, user=english, role=StaffRole.OFFICER)
    call = put(ready_call, Status.OPEN)

    with translation.override("ru"):
        call_close(actor=manager, call=call)

    with translation.override("en"):
        expected = f"{call.title}: {Status.CLOSED.label}"
    assert Notification.objects.get(recipient=english).title == expected


# On time ----------------------------------------------------------------------------------------------------


def test_the_hourly_work_moves_calls_on_time():
    assert HOURLY["calls"] is calls_move_on_time


def test_calls_open_and_close_on_time_by_nobody_in_particular(program, make_call, staff):
    now = timezone.now()
    due_to_open = make_call(
        "Due to open", status=Status.PUBLISHED, criteria=4, opens_at=now - dt.timedelta(hours=1)
    )
    not_yet = make_call("Not yet", status=Status.PUBLISHED, criteria=4, opens_at=now + dt.timedelta(hours=1))
    due_to_close = make_call(
        "Due to close", status=Status.OPEN, criteria=4, closes_at=now - dt.timedelta(minutes=1)
    )
    still_open = make_call(
        "Still open", status=Status.OPEN, criteria=4, closes_at=now + dt.timedelta(hours=1)
    )

    assert calls_move_on_time(now) == (1, 1)

    assert stored_status(due_to_open) == Status.OPEN and stored_status(due_to_close) == Status.CLOSED
    assert stored_status(not_yet) == Status.PUBLISHED and stored_status(still_open) == Status.OPEN
    opened, closed = Event.objects.get(verb=Verb.CALL_OPENED), Event.objects.get(verb=Verb.CALL_CLOSED)
    assert opened.actor is None and opened.target_id == str(due_to_open.pk)
    assert (opened.old, opened.new) == ({"status": Status.PUBLISHED}, {"status": Status.OPEN})
    assert closed.actor is None and closed.target_id == str(due_to_close.pk)
    assert (closed.old, closed.new) == ({"status": Status.OPEN}, {"status": Status.CLOSED})
    assert told(due_to_open) == told(due_to_close) == {person.email for person in staff}
    assert told(not_yet) == told(still_open) == set()
    # A second run finds nothing left to do.
    assert calls_move_on_time(now) == (0, 0)


def test_an_incomplete_call_is_skipped_and_the_others_still_open(program, make_call):
    earlier = timezone.now() - dt.timedelta(hours=1)
    without_criteria = make_call("Without criteria", status=Status.PUBLISHED, opens_at=earlier)
    without_summary = make_call(
        "Without summary", status=Status.PUBLISHED, criteria=2, summary="", opens_at=earlier
    )
    complete = make_call("Complete", status=Status.PUBLISHED, criteria=2, opens_at=earlier)

    assert calls_move_on_time() == (1, 0)

    assert stored_status(complete) == Status.OPEN
    assert stored_status(without_criteria) == stored_status(without_summary) == Status.PUBLISHED
    assert Event.objects.filter(verb=Verb.CALL_OPENED).count() == 1


def test_drafts_are_never_opened_on_time(program, make_call):
    draft = make_call(
        "Draft", status=Status.DRAFT, criteria=2, opens_at=timezone.now() - dt.timedelta(days=1)
    )
    assert calls_move_on_time() == (0, 0)
    assert stored_status(draft) == Status.DRAFT


def test_calls_move_at_the_moment_they_are_given(program, make_call):
    """`calls_move_on_time(now)` decides by the `now` it is given (a catch-up run, a test), for opening as
    for closing: a call is not found due by `now` and then refused by the wall clock."""
    soon = timezone.now() + dt.timedelta(hours=1)
    to_open = make_call(
        "To open", status=Status.PUBLISHED, criteria=2, opens_at=soon, closes_at=soon + dt.timedelta(days=9)
    )
    to_close = make_call("To close", status=Status.OPEN, criteria=2, closes_at=soon)

    assert calls_move_on_time(soon + dt.timedelta(minutes=1)) == (1, 1)
    assert stored_status(to_open) == Status.OPEN and stored_status(to_close) == Status.CLOSED
