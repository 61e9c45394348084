"""The committee's pages: who sees them (the committee, and read-only those who run the call; nobody else
learns they exist), the decision form with its errors in place and nothing typed lost, a decided call read
only, and pages that make as many queries for twelve applications as for three and stay light for thirty."""

from decimal import Decimal

import pytest
from django.utils import translation

from birge.core.testing import HTML_BUDGET, assert_same_queries, counted_get, gzipped_size
from birge.funding.calls.models import Call
from birge.funding.calls.models import Status as CallStatus
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.decisions.services import decision_record
from birge.funding.decisions.tests.test_services import REASONS, REQUESTED, in_review, money, scored
from conftest import make_user

pytestmark = pytest.mark.django_db


def list_url(call) -> str:
    return f"/ru/calls/{call.slug}/decisions/"


def page_url(application) -> str:
    return f"/ru/calls/{application.call.slug}/decisions/{application.pk}/"


@pytest.fixture
def application(make_application, applicant, applicant_org, open_call, officer, reviewer):
    """Aigerim's application, under review, scored by the reviewer."""
    submitted = make_application(applicant, applicant_org)
    in_review(open_call)
    submitted.refresh_from_db()
    scored(submitted, reviewer, officer, (8, 7, 4))
    return submitted


def reopen(call, **fields) -> None:
    """Back to open for a few more applications (the review then starts again with `in_review`)."""
    Call.objects.filter(pk=call.pk).update(status=CallStatus.OPEN, **fields)
    call.refresh_from_db()


def decide(client, application, **data):
    return client.post(page_url(application), {"outcome": "approved", "amount": "", "reasons": "", **data})


# Who sees what ----------------------------------------------------------------------------------------------

ROLES = [
    ("committee_member", 200),
    ("officer", 200),
    ("manager", 200),
    ("reviewer", 404),  # even the one who reviewed it
    ("outsider", 404),
    ("applicant", 404),  # even the owner of the application
]


@pytest.mark.parametrize(("who", "status"), ROLES)
def test_each_role_against_the_list(client, request, application, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get(list_url(application.call)).status_code == status


@pytest.mark.parametrize(("who", "status"), ROLES)
def test_each_role_against_an_applications_page(client, request, application, who, status):
    client.force_login(request.getfixturevalue(who))

    response = client.get(page_url(application))

    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Цель проекта" in page and "Обучить 60 лидеров" in page  # the answers, with their labels
        assert "Rustam" in page  # the staff read who reviewed it
        # Only the committee gets the form.
        assert ('name="reasons"' in page) == (who == "committee_member")


def test_someone_signed_out_is_sent_to_log_in(client, application):
    for url in (list_url(application.call), page_url(application)):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_neither_page_exists_before_the_review(
    client, make_application, applicant, applicant_org, committee_member
):
    submitted = make_application(applicant, applicant_org)  # the call is still open
    client.force_login(committee_member)

    assert client.get(list_url(submitted.call)).status_code == 404
    assert client.get(page_url(submitted)).status_code == 404


def test_an_application_of_another_call_or_none_is_not_found(
    client, application, committee_member, make_call
):
    client.force_login(committee_member)
    other = make_call("Another call", status=CallStatus.IN_REVIEW)

    assert client.get(f"/ru/calls/{other.slug}/decisions/{application.pk}/").status_code == 404
    assert (
        client.get(f"/ru/calls/{application.call.slug}/decisions/{application.pk + 1000}/").status_code == 404
    )


# The list ---------------------------------------------------------------------------------------------------


def test_the_list_shows_the_budget_the_ranking_and_each_decision(
    client, application, make_application, open_call, committee_member, officer, reviewer
):
    reopen(open_call, budget_ceiling=Decimal(10_000_000))
    second = make_application(make_user("second@example.org", display_name="Second"))
    in_review(open_call)
    second.refresh_from_db()
    scored(second, reviewer, officer, (10, 10, 5))
    decision_record(
        actor=committee_member,
        application=application,
        outcome=Outcome.APPROVED,
        amount=REQUESTED,
        reasons=REASONS,
    )
    client.force_login(committee_member)

    response = client.get(list_url(open_call))

    rows = response.context["rows"]
    assert [row.application for row in rows] == [second, application]  # 100.00 before 76.50
    assert [row.rank for row in rows] == [1, 2]
    page = response.content.decode()
    # Ceiling, approved so far and left, grouped as Russian groups them, in the program's currency.
    for amount in (10_000_000, 2_400_000, 7_600_000):
        assert f"{money(amount)} KZT" in page
    assert REASONS in page and "76,50" in page and "Группа Second" in page
    assert f'href="{page_url(application)}"' in page


def test_the_list_filters_by_decision(client, application, make_application, open_call, committee_member):
    reopen(open_call)
    second = make_application(make_user("second@example.org", display_name="Second"))
    in_review(open_call)
    decision_record(
        actor=committee_member, application=application, outcome=Outcome.REJECTED, reasons=REASONS
    )
    client.force_login(committee_member)

    def shown(**query):
        return [row.application.pk for row in client.get(list_url(open_call), query).context["rows"]]

    assert shown(outcome="rejected") == [application.pk]
    assert shown(outcome="none") == [second.pk]
    assert shown(outcome="approved") == []
    assert sorted(shown(outcome="nonsense")) == sorted([application.pk, second.pk])


def test_the_officer_reads_what_is_left_to_decide(client, application, officer):
    client.force_login(officer)

    page = client.get(list_url(application.call)).content.decode()

    with translation.override("ru"):
        waiting = translation.ngettext(
            "%(count)s submitted application still waits for a decision.",
            "%(count)s submitted applications still wait for a decision.",
            1,
        ) % {"count": 1}
    assert waiting in page
    assert f"/ru/calls/{application.call.slug}/edit/" in page


# Deciding ---------------------------------------------------------------------------------------------------


def test_the_form_offers_the_amount_requested(client, application, committee_member):
    client.force_login(committee_member)

    form = client.get(page_url(application)).context["form"]

    assert form["amount"].value() == "2400000"


def test_the_committee_approves_from_the_page(client, application, committee_member):
    client.force_login(committee_member)

    response = decide(client, application, amount="2 000 000", reasons=REASONS)

    assert response.status_code == 302
    assert response["Location"] == f"{list_url(application.call)}#a{application.pk}"
    decision = Decision.objects.get(application=application)
    assert (decision.outcome, decision.amount, decision.reasons) == (
        Outcome.APPROVED,
        Decimal(2_000_000),
        REASONS,
    )
    assert decision.decided_by == committee_member


def test_a_rejection_ignores_what_is_left_in_the_amount(client, application, committee_member):
    client.force_login(committee_member)

    response = decide(client, application, outcome="rejected", amount="не знаю", reasons=REASONS)

    assert response.status_code == 302
    assert Decision.objects.get(application=application).amount is None


def test_going_over_the_budget_says_what_is_left_and_keeps_what_was_typed(
    client, application, make_application, open_call, committee_member
):
    reopen(open_call, budget_ceiling=Decimal(3_000_000))
    second = make_application(make_user("second@example.org", display_name="Second"))
    in_review(open_call)
    second.refresh_from_db()
    decision_record(
        actor=committee_member,
        application=second,
        outcome=Outcome.APPROVED,
        amount=REQUESTED,
        reasons=REASONS,
    )
    client.force_login(committee_member)
    typed = "Сильная команда,\nно бюджет завышен."

    response = decide(client, application, amount="1 000 000", reasons=typed)

    assert response.status_code == 200
    form = response.context["form"]
    [error] = form.errors["amount"]
    assert money(600_000) in error
    page = response.content.decode()
    assert typed in page and 'value="1 000 000"' in page
    assert not Decision.objects.filter(application=application).exists()


def test_missing_reasons_are_asked_for_in_place(client, application, committee_member):
    client.force_login(committee_member)

    response = decide(client, application, amount="2 000 000")

    assert response.status_code == 200
    with translation.override("ru"):
        asked = translation.gettext("Give the reasons: the applicant reads them.")
    assert response.context["form"].errors["reasons"] == [asked]
    assert 'value="2 000 000"' in response.content.decode()
    assert not Decision.objects.exists()


def test_an_amount_that_is_not_a_number_is_asked_for_again(client, application, committee_member):
    client.force_login(committee_member)

    response = decide(client, application, amount="два миллиона", reasons=REASONS)

    assert response.status_code == 200
    assert "amount" in response.context["form"].errors
    assert REASONS in response.content.decode()
    assert not Decision.objects.exists()


def test_those_who_run_the_call_cannot_decide(client, application, officer, manager):
    for person in (officer, manager):
        client.force_login(person)
        assert decide(client, application, amount="2 000 000", reasons=REASONS).status_code == 403
    assert not Decision.objects.exists()


def test_a_decided_call_is_read_only(client, application, committee_member, officer):
    decision_record(
        actor=committee_member, application=application, outcome=Outcome.REJECTED, reasons=REASONS
    )
    Call.objects.filter(pk=application.call_id).update(status=CallStatus.DECIDED)
    client.force_login(committee_member)

    response = client.get(page_url(application))
    page = response.content.decode()
    assert response.context["form"] is None and 'name="reasons"' not in page
    assert REASONS in page

    response = decide(client, application, amount="2 000 000", reasons="Передумали.")
    assert response.status_code == 302
    assert Decision.objects.get(application=application).outcome == Outcome.REJECTED


# Queries and weight -----------------------------------------------------------------------------------------


def more_applications(make_application, call, committee_member, officer, reviewer, *, to: int):
    """Bring the call to `to` submitted applications, each reviewed and decided, back under review."""
    have = call.applications.count()
    reopen(call)
    made = [
        make_application(make_user(f"applicant{n}@example.org", display_name=f"Applicant {n}"))
        for n in range(have, to)
    ]
    in_review(call)
    outcomes = [Outcome.APPROVED, Outcome.REJECTED, Outcome.WAITLISTED]
    for n, application in enumerate(made):
        application.refresh_from_db()
        scored(application, reviewer, officer, (n % 11, 10 - n % 11, n % 6))
        outcome = outcomes[n % 3]
        decision_record(
            actor=committee_member,
            application=application,
            outcome=outcome,
            amount=Decimal(1_000_000) if outcome == Outcome.APPROVED else None,
            reasons=f"{REASONS} Команда знает район; мероприятия описаны подробно, смета проверена ({n}).",
        )


@pytest.mark.parametrize("who", ["committee_member", "officer"])
def test_the_list_takes_as_many_queries_for_twelve_applications_as_for_three(
    client, request, make_application, open_call, committee_member, officer, reviewer, who
):
    client.force_login(request.getfixturevalue(who))
    more_applications(make_application, open_call, committee_member, officer, reviewer, to=3)
    client.get(list_url(open_call))  # the first page of a session fills its caches
    few = counted_get(client, list_url(open_call))
    more_applications(make_application, open_call, committee_member, officer, reviewer, to=12)

    many = counted_get(client, list_url(open_call))

    assert len(many.response.context["rows"]) == 12
    # The session, the user, the call, the viewer's roles (asked twice: deciding, running the call), the
    # approved sum, the applications, their reviews, and for the officer the count still undecided.
    assert_same_queries(few, many, at_most=9)


def test_an_applications_page_takes_as_many_queries_for_twelve_applications_as_for_three(
    client, make_application, open_call, committee_member, officer, reviewer
):
    client.force_login(committee_member)
    more_applications(make_application, open_call, committee_member, officer, reviewer, to=3)
    first = open_call.applications.order_by("pk").first()
    client.get(page_url(first))  # the first page of a session fills its caches
    few = counted_get(client, page_url(first))
    more_applications(make_application, open_call, committee_member, officer, reviewer, to=12)

    many = counted_get(client, page_url(first))

    assert many.response.status_code == 200
    # As the list, less the undecided count, plus the application, its files, partners and reviewers.
    assert_same_queries(few, many, at_most=12)


def test_the_list_of_thirty_applications_stays_within_the_html_budget(
    client, make_application, open_call, committee_member, officer, reviewer
):
    more_applications(make_application, open_call, committee_member, officer, reviewer, to=30)
    client.force_login(committee_member)

    response = client.get(list_url(open_call))

    assert response.status_code == 200 and len(response.context["rows"]) == 30
    size = gzipped_size(response.content)
    assert size <= HTML_BUDGET, f"{size} B gzipped, budget {HTML_BUDGET}"
