"""Questions about a call: anyone signed in asks while the call is announced or open and questions are still
taken; the staff who run the call answer, reword and publish; the public page shows only published answers,
never who asked."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from birge.core.audit import Event
from birge.core.notifications.models import Notification
from birge.core.testing import assert_same_queries, counted_get
from birge.funding.calls.models import Status
from birge.funding.events import Verb
from birge.funding.questions.models import CallQuestion
from birge.funding.questions.services import (
    MAX_WAITING,
    QUESTIONS_CLOSE_BEFORE_CLOSING,
    question_answer,
    question_ask,
)

QUESTION = "Можно ли подать заявку от имени общественного фонда «Жастар» из Шымкента?"
ANSWER = "Да: общественные фонды относятся к зарегистрированным организациям."


@pytest.fixture
def call(make_call):
    return make_call("Youth initiatives", status=Status.OPEN)


def ask(client, call, text=QUESTION, **options):
    return client.post(f"/ru/calls/{call.slug}/ask/", {"question": text}, **options)


def answer(client, question, *, text=None, reply=ANSWER, published=True, language="ru"):
    data = {
        "question": question.pk,
        f"q{question.pk}-question": text or question.question,
        f"q{question.pk}-answer": reply,
    }
    if published:
        data[f"q{question.pk}-published"] = "on"
    return client.post(f"/{language}/calls/{question.call.slug}/questions/", data)


# Asking -----------------------------------------------------------------------------------------------------


def test_someone_signed_in_asks_and_the_staff_who_run_the_call_are_told(
    client, call, outsider, manager, officer, reviewer, committee_member
):
    client.force_login(outsider)
    response = ask(client, call)

    assert response.status_code == 302 and response["Location"] == f"/ru/calls/{call.slug}/#questions"
    question = CallQuestion.objects.get()
    assert (question.call, question.asked_by, question.question) == (call, outsider, QUESTION)
    assert not question.published and question.answered_at is None
    assert Event.objects.get(verb=Verb.QUESTION_ASKED).actor == outsider
    notices = Notification.objects.filter(kind="funding.question_asked")
    assert sorted(notices.values_list("recipient__email", flat=True)) == sorted(
        [manager.email, officer.email]
    )
    assert {notice.url for notice in notices} == {f"/ru/calls/{call.slug}/questions/"}
    # The staff read the question, never who asked it.
    assert all(QUESTION in notice.body and outsider.email not in notice.body for notice in notices)


def test_someone_signed_out_is_offered_to_log_in_and_cannot_ask(client, call):
    page = client.get(f"/ru/calls/{call.slug}/").content.decode()
    assert f"/ru/calls/{call.slug}/ask/" not in page and "/ru/accounts/login/?next=" in page

    response = ask(client, call)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CallQuestion.objects.exists()


def test_questions_close_three_days_before_the_call_with_a_clear_message(client, make_call, outsider):
    closes = timezone.now() + QUESTIONS_CLOSE_BEFORE_CLOSING - dt.timedelta(hours=1)
    late = make_call("Closing soon", status=Status.OPEN, closes_at=closes)
    client.force_login(outsider)

    page = client.get(f"/en/calls/{late.slug}/").content.decode()
    assert f"/en/calls/{late.slug}/ask/" not in page
    assert "three days before it closes" in page

    response = client.post(f"/en/calls/{late.slug}/ask/", {"question": QUESTION}, follow=True)
    assert "Questions about this call were taken until" in response.content.decode()
    assert not CallQuestion.objects.exists()
    with pytest.raises(ValidationError) as refused:
        question_ask(actor=outsider, call=late, question=QUESTION)
    assert "three days before it closes" in refused.value.messages[0]


def test_questions_are_taken_until_the_deadline(make_call, outsider):
    closes = timezone.now() + QUESTIONS_CLOSE_BEFORE_CLOSING + dt.timedelta(hours=1)
    soon = make_call("Closing in four days", status=Status.OPEN, closes_at=closes)
    assert question_ask(actor=outsider, call=soon, question=QUESTION).pk


@pytest.mark.parametrize("status", [Status.CLOSED, Status.IN_REVIEW, Status.DECIDED])
def test_no_question_is_taken_once_the_call_is_closed(make_call, outsider, status):
    past = make_call("Past", status=status)
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="only while the call is announced or open"),
    ):
        question_ask(actor=outsider, call=past, question=QUESTION)


def test_nobody_asks_about_a_draft(client, make_call, outsider):
    draft = make_call("Draft", status=Status.DRAFT)
    client.force_login(outsider)
    assert ask(client, draft).status_code == 404
    assert not CallQuestion.objects.exists()


def test_an_empty_question_is_refused(client, call, outsider):
    client.force_login(outsider)
    ask(client, call, text="   ")
    assert not CallQuestion.objects.exists()


def test_one_person_has_a_few_questions_waiting_at_most(call, outsider):
    for n in range(MAX_WAITING):
        question_ask(actor=outsider, call=call, question=f"{QUESTION} {n}")
    with translation.override("en"), pytest.raises(ValidationError, match="waiting for an answer"):
        question_ask(actor=outsider, call=call, question=QUESTION)


# Answering and what the public reads ------------------------------------------------------------------------


def test_a_question_is_hidden_until_answered_and_published(client, call, outsider, officer):
    question = question_ask(actor=outsider, call=call, question=QUESTION)
    public = f"/ru/calls/{call.slug}/"
    assert QUESTION not in client.get(public).content.decode()

    client.force_login(officer)
    assert answer(client, question, published=False).status_code == 302  # an answer kept back
    client.logout()
    assert QUESTION not in client.get(public).content.decode()

    client.force_login(officer)
    answer(client, question)
    client.logout()
    page = client.get(public).content.decode()
    assert QUESTION in page and ANSWER in page


def test_the_asker_is_never_named_on_the_public_page(client, call, outsider, manager):
    question = question_ask(actor=outsider, call=call, question=QUESTION)
    question_answer(actor=manager, question=question, text=QUESTION, answer=ANSWER, published=True)

    page = client.get(f"/ru/calls/{call.slug}/").content.decode()

    assert ANSWER in page
    assert outsider.display_name not in page and outsider.email not in page


def test_the_staff_reword_a_question_and_answers_appear_in_the_order_asked(client, call, outsider, manager):
    first = question_ask(actor=outsider, call=call, question="Первый вопрос от фонда «Жастар»?")
    second = question_ask(actor=outsider, call=call, question="Второй вопрос?")
    question_answer(actor=manager, question=second, text=second.question, answer="Ответ 2", published=True)
    client.force_login(manager)
    answer(client, first, text="Первый вопрос от общественного фонда?", reply="Ответ 1")
    client.logout()

    page = client.get(f"/ru/calls/{call.slug}/").content.decode()

    assert "Жастар" not in page
    assert page.index("Первый вопрос от общественного фонда?") < page.index("Второй вопрос?")
    event = Event.objects.filter(verb=Verb.QUESTION_ANSWERED, target_id=str(first.pk)).get()
    assert event.actor == manager and event.old["question"] == "Первый вопрос от фонда «Жастар»?"


def test_the_asker_is_told_once_when_the_answer_is_published(
    call, outsider, officer, django_capture_on_commit_callbacks
):
    question = question_ask(actor=outsider, call=call, question=QUESTION)
    mail.outbox.clear()

    question_answer(actor=officer, question=question, text=QUESTION, answer=ANSWER, published=False)
    assert not Notification.objects.filter(kind="funding.question_answered").exists()

    with django_capture_on_commit_callbacks(execute=True):
        question_answer(actor=officer, question=question, text=QUESTION, answer=ANSWER, published=True)
    # Corrected later: the asker was told already, and is not told again.
    question_answer(actor=officer, question=question, text=QUESTION, answer=f"{ANSWER} Ещё.", published=True)

    notice = Notification.objects.get(kind="funding.question_answered")
    assert notice.recipient == outsider and notice.url == f"/ru/calls/{call.slug}/"
    assert ANSWER in notice.body
    assert [message.to for message in mail.outbox] == [[outsider.email]]


def test_publishing_without_an_answer_is_refused(call, outsider, officer):
    question = question_ask(actor=outsider, call=call, question=QUESTION)
    with pytest.raises(ValidationError) as refused:
        question_answer(actor=officer, question=question, text=QUESTION, answer=" ", published=True)
    assert "answer" in refused.value.message_dict


# The staff's page -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["outsider", "reviewer", "committee_member"])
def test_people_who_do_not_run_the_call_do_not_find_the_staff_page(client, call, who, request):
    question = question_ask(actor=request.getfixturevalue("outsider"), call=call, question=QUESTION)
    person = request.getfixturevalue(who)
    client.force_login(person)

    assert client.get(f"/ru/calls/{call.slug}/questions/").status_code == 404
    assert answer(client, question).status_code == 404
    question.refresh_from_db()
    assert not question.published and not question.answer
    with pytest.raises(PermissionDenied):
        question_answer(actor=person, question=question, text=QUESTION, answer=ANSWER, published=True)


def test_the_staff_page_asks_to_log_in(client, call):
    response = client.get(f"/ru/calls/{call.slug}/questions/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_staff_page_lists_waiting_questions_without_the_asker(client, call, outsider, officer):
    question_ask(actor=outsider, call=call, question=QUESTION)
    client.force_login(officer)

    page = client.get(f"/ru/calls/{call.slug}/questions/").content.decode()

    assert QUESTION in page
    assert outsider.email not in page and outsider.display_name not in page


def more_questions(call, asker, manager, *, to: int) -> None:
    """`to` questions in all, every other one answered and published."""
    for n in range(CallQuestion.objects.filter(call=call).count(), to):
        question = CallQuestion.objects.create(call=call, asked_by=asker, question=f"Question {n}")
        if n % 2:
            question_answer(
                actor=manager, question=question, text=question.question, answer="Yes.", published=True
            )


@pytest.mark.parametrize("rows", [1, 5])
def test_the_staff_page_takes_as_many_queries_for_many_questions_as_for_one(
    client, call, outsider, manager, rows, django_assert_max_num_queries
):
    client.force_login(manager)
    url = f"/ru/calls/{call.slug}/questions/"
    client.get(url)  # the count of unread notifications in the header is read once, then kept
    more_questions(call, outsider, manager, to=1)
    few = counted_get(client, url)
    more_questions(call, outsider, manager, to=rows)
    # The session, the user, the call with its program, the manager's roles, the questions.
    with django_assert_max_num_queries(5):
        many = counted_get(client, url)
    assert many.response.status_code == 200
    assert len(many.response.context["waiting"]) + len(many.response.context["published"]) == rows
    assert_same_queries(few, many, at_most=5)


@pytest.mark.parametrize("rows", [1, 5])
def test_the_calls_page_takes_as_many_queries_for_many_answers_as_for_one(
    client, call, outsider, manager, rows, django_assert_max_num_queries
):
    url = f"/ru/calls/{call.slug}/"
    more_questions(call, outsider, manager, to=2)
    few = counted_get(client, url)
    more_questions(call, outsider, manager, to=rows * 2)
    # The call and its lists (as the calls' own query test counts them), its form, and the questions.
    with django_assert_max_num_queries(8):
        many = counted_get(client, url)
    assert len(many.response.context["questions"]) == rows
    assert_same_queries(few, many, at_most=8)
