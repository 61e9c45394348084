"""The grant pages: who sees the list, an award and the award form (the grantee and the program's
managers, officers and committee; never a reviewer or an outsider, who do not learn the pages exist); the
award form with its errors by what they are about and nothing typed lost; payments recorded once; and pages
that make as many queries for many awards, payments and reports as for few, and stay light."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from birge.core.testing import HTML_BUDGET, assert_same_queries, counted_get, gzipped_size
from birge.funding.applications.models import Application
from birge.funding.awards.models import Award, Indicator, Status, Tranche, TrancheStatus
from birge.funding.awards.tests.factories import REQUESTED, approve, decided, more_awards
from birge.funding.calls.models import Status as CallStatus
from birge.funding.decisions.services import decision_record
from birge.funding.money import money
from birge.funding.monitoring.models import FollowUp, Visit
from birge.funding.reports.models import IndicatorValue, Report
from birge.funding.reports.models import Status as ReportStatus
from birge.funding.review.tests.factories import applications, move
from birge.orgs.members.models import Membership, Role

pytestmark = pytest.mark.django_db

LIST = "/ru/calls/awards/"


def award_url(award) -> str:
    return f"/ru/calls/awards/{award.pk}/"


def new_url(application) -> str:
    return f"/ru/calls/applications/{application.pk}/award/"


def pay_url(award, number: int) -> str:
    return f"/ru/calls/awards/{award.pk}/tranches/{number}/pay/"


def shown(message: str) -> str:
    """`message` as the pages (in Russian) show it."""
    with translation.override("ru"):
        return translation.gettext(message)


# Who sees what ----------------------------------------------------------------------------------------------

FOLLOWERS = ["applicant", "editor", "officer", "manager", "committee_member"]
STRANGERS = ["reviewer", "outsider"]


@pytest.mark.parametrize("who", FOLLOWERS + STRANGERS)
def test_each_role_against_the_list(client, request, award, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(LIST)

    assert response.status_code == 200
    assert [row.pk for row in response.context["rows"]] == ([award.pk] if who in FOLLOWERS else [])
    assert (award_url(award) in response.content.decode()) == (who in FOLLOWERS)


@pytest.mark.parametrize(
    ("who", "status"), [(who, 200) for who in FOLLOWERS] + [(who, 404) for who in STRANGERS]
)
def test_each_role_against_an_awards_page(client, request, award, who, status):
    client.force_login(request.getfixturevalue(who))

    response = client.get(award_url(award))

    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Жастар бірлігі" in page and "Тренинги" in page
        # Only those who run the program record payments.
        assert (pay_url(award, 1) in page) == (who in ("officer", "manager"))


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 200), ("manager", 200)]
    + [(who, 404) for who in ("committee_member", "reviewer", "outsider", "applicant", "editor")],
)
def test_each_role_against_the_award_form(client, request, approved, editor, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get(new_url(approved)).status_code == status


def test_someone_signed_out_is_sent_to_log_in(client, award, approved):
    for url in (LIST, award_url(award), new_url(approved)):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(pay_url(award, 1))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert award.tranches.get(number=1).status == TrancheStatus.PAYABLE


def test_an_award_that_does_not_exist_is_not_found(client, award, officer):
    client.force_login(officer)

    assert client.get(f"/ru/calls/awards/{award.pk + 100}/").status_code == 404
    assert client.post(pay_url(award, 9)).status_code == 404


# The list and the dashboard ---------------------------------------------------------------------------------


def overdue(report: Report, days: int = 3) -> None:
    Report.objects.filter(pk=report.pk).update(due_on=timezone.localdate() - dt.timedelta(days=days))


def test_a_row_shows_the_next_report_due_and_the_payments_payable(client, award, applicant):
    client.force_login(applicant)

    response = client.get(LIST)

    [row] = response.context["rows"]
    assert row.next_due == award.reports.get(number=1).due_on and row.next_report == 1
    assert row.payable == 1
    page = response.content.decode()
    assert f'href="{award_url(award)}reports/1/"' in page and f"{money(2_400_000)} KZT" in page
    assert f"<strong>{shown('overdue')}</strong>" not in page


def test_an_overdue_report_is_flagged_and_filtered(
    client, award, make_application, open_call, committee_member, officer
):
    [other] = more_awards(make_application, open_call, committee_member, officer, 1)
    overdue(award.reports.get(number=1))
    client.force_login(officer)

    response = client.get(LIST, {"overdue": "1"})

    assert [row.pk for row in response.context["rows"]] == [award.pk]
    assert "<strong>" + shown("overdue") + "</strong>" in response.content.decode()
    assert {row.pk for row in client.get(LIST).context["rows"]} == {award.pk, other.pk}


def test_the_list_filters_by_status(client, award, make_application, open_call, committee_member, officer):
    [other] = more_awards(make_application, open_call, committee_member, officer, 1)
    Award.objects.filter(pk=other.pk).update(status=Status.COMPLETED)
    client.force_login(officer)

    def rows(**query):
        return [row.pk for row in client.get(LIST, query).context["rows"]]

    assert rows(status="completed") == [other.pk]
    assert rows(status="active") == [award.pk]
    assert sorted(rows(status="nonsense")) == sorted([award.pk, other.pk])


def test_the_dashboard_counts_and_links_what_waits(client, award, officer):
    overdue(award.reports.get(number=1))
    client.force_login(officer)

    response = client.get(LIST)

    board = response.context["dashboard"]
    assert [(status, count) for status, _label, count in board.by_status] == [
        ("active", 1),
        ("completed", 0),
        ("terminated", 0),
    ]
    assert [report.pk for report in board.overdue] == [award.reports.get(number=1).pk]
    assert board.overdue_count == 1 and board.payable_count == 1
    page = response.content.decode()
    assert f'href="{award_url(award)}reports/1/"' in page
    assert f'href="{award_url(award)}#t1"' in page


def test_the_officer_is_shown_the_approved_applications_waiting_for_their_award(
    client, approved, officer, committee_member
):
    client.force_login(officer)

    response = client.get(LIST)

    assert response.context["dashboard"].to_award == [approved]
    assert f'href="{new_url(approved)}"' in response.content.decode()

    client.force_login(committee_member)
    assert client.get(LIST).context["dashboard"].to_award == []


EMPTY = (
    "You follow no grant yet. A grant appears here once an award is made from an approved application: the "
    "grantee's, and those of the programs you run or decide in."
)


def test_an_empty_list_says_why(client, outsider):
    client.force_login(outsider)

    response = client.get(LIST)

    assert not response.context["rows"]
    assert shown(EMPTY) in response.content.decode()


# Making the award -------------------------------------------------------------------------------------------

TODAY = timezone.localdate


def good_form(**changes) -> dict:
    today = TODAY()
    data = {
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=180)).isoformat(),
        "variance_threshold": "15",
        "t-0-amount": "1 400 000",
        "t-0-due_on": today.isoformat(),
        "t-0-condition": "signing",
        "t-1-amount": "1000000,00",
        "t-1-due_on": (today + dt.timedelta(days=100)).isoformat(),
        "t-1-condition": "report-1",
        "t-2-amount": "",
        "t-2-due_on": "",
        "t-2-condition": "signing",
        "r-0-due_on": (today + dt.timedelta(days=90)).isoformat(),
        "r-1-due_on": (today + dt.timedelta(days=200)).isoformat(),
        "r-2-due_on": "",
        "i-0-title": "Обучено молодых лидеров",
        "i-0-unit": "человек",
        "i-0-baseline": "",
        "i-0-target": "60",
    }
    return {**data, **changes}


def test_the_form_offers_the_whole_amount_on_signing(client, approved, officer):
    client.force_login(officer)

    form = client.get(new_url(approved)).context["form"]

    assert form["t-0-amount"].value() == "2400000" and form["t-0-condition"].value() == "signing"


def test_the_officer_makes_the_award_from_the_form(client, approved, officer):
    client.force_login(officer)

    response = client.post(new_url(approved), good_form())

    award = Award.objects.get(application=approved)
    assert response.status_code == 302 and response["Location"] == award_url(award)
    assert award.variance_threshold == 15
    first, second = award.tranches.order_by("number")
    assert (first.amount, first.status) == (Decimal(1_400_000), TrancheStatus.PAYABLE)
    assert (second.amount, second.after_report.number) == (Decimal(1_000_000), 1)
    assert [(report.number, report.kind) for report in award.reports.all()] == [(1, "interim"), (2, "final")]
    [indicator] = award.indicators.all()
    assert (indicator.title, indicator.unit, indicator.baseline, indicator.target) == (
        "Обучено молодых лидеров",
        "человек",
        Decimal(0),
        Decimal(60),
    )


def test_the_last_report_filled_is_the_final_one(client, approved, officer):
    client.force_login(officer)

    client.post(
        new_url(approved),
        good_form(**{"r-1-due_on": "", "t-1-condition": "report-1"}),
    )

    [report] = Award.objects.get(application=approved).reports.all()
    assert report.kind == "final"


def test_payments_that_do_not_add_up_are_shown_by_the_payments_and_nothing_is_lost(client, approved, officer):
    client.force_login(officer)

    response = client.post(new_url(approved), good_form(**{"t-1-amount": "900 000"}))

    assert response.status_code == 200
    form = response.context["form"]
    [error] = form.group_errors["tranches"]
    assert money(2_300_000) in error and money(2_400_000) in error
    page = response.content.decode()
    assert error in page and 'value="900 000"' in page and 'value="Обучено молодых лидеров"' in page
    assert not Award.objects.exists()


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("t-0-amount", "-1 400 000"),
        ("t-0-amount", "много"),
        ("i-0-target", "шестьдесят"),
        ("i-0-target", "-3"),
    ],
)
def test_an_amount_that_is_not_one_is_refused_by_its_field(client, approved, officer, field, typed):
    client.force_login(officer)

    response = client.post(new_url(approved), good_form(**{field: typed}))

    assert response.status_code == 200
    expected = (
        "An amount cannot be negative."
        if typed.startswith("-")
        else "Write an amount in digits, with at most two decimals, such as 2 400 000."
    )
    assert response.context["form"].errors[field] == [shown(expected)]
    assert f'value="{typed}"' in response.content.decode()
    assert not Award.objects.exists()


def test_a_payment_after_a_report_without_a_date_is_refused_by_its_condition(client, approved, officer):
    client.force_login(officer)

    response = client.post(new_url(approved), good_form(**{"t-1-condition": "report-3"}))

    assert response.status_code == 200 and "t-1-condition" in response.context["form"].errors
    assert not Award.objects.exists()


def test_the_services_errors_land_by_their_fields(client, approved, officer):
    client.force_login(officer)
    today = TODAY()

    response = client.post(
        new_url(approved),
        good_form(
            ends_on=today.isoformat(), **{"r-0-due_on": "", "r-1-due_on": "", "t-1-condition": "signing"}
        ),
    )

    form = response.context["form"]
    assert form.errors["ends_on"] == [shown("The project must end after it starts.")]
    assert form.group_errors["reports"] == [shown("Plan at least one report: the final one.")]
    assert not Award.objects.exists()


def test_a_half_filled_payment_row_asks_for_the_rest(client, approved, officer):
    client.force_login(officer)

    response = client.post(new_url(approved), good_form(**{"t-2-amount": "5"}))

    assert "t-2-due_on" in response.context["form"].errors
    assert not Award.objects.exists()


def test_the_form_of_an_awarded_application_leads_to_its_award(client, award, approved, officer):
    client.force_login(officer)

    response = client.get(new_url(approved))

    assert response.status_code == 302 and response["Location"] == award_url(award)


def test_no_form_for_an_application_not_approved_or_a_call_not_decided(
    client, make_application, applicant, applicant_org, open_call, committee_member, officer
):
    waitlisted, pending = applications(make_application, 2)
    move(open_call, CallStatus.IN_REVIEW)
    approve(Application.objects.get(pk=pending.pk), committee_member, Decimal(1_000_000))
    decision_record(
        actor=committee_member,
        application=Application.objects.get(pk=waitlisted.pk),
        outcome="waitlisted",
        reasons="Бюджет исчерпан.",
    )
    client.force_login(officer)

    assert client.get(new_url(pending)).status_code == 404  # approved, but the call is still in review
    decided([waitlisted, pending])
    assert client.get(new_url(waitlisted)).status_code == 404
    assert client.get(new_url(pending)).status_code == 200


def test_the_decision_page_leads_the_officer_to_the_award_form(client, approved, officer, committee_member):
    url = f"/ru/calls/{approved.call.slug}/decisions/{approved.pk}/"
    client.force_login(officer)
    assert new_url(approved) in client.get(url).content.decode()

    client.force_login(committee_member)
    assert new_url(approved) not in client.get(url).content.decode()


# Payments ---------------------------------------------------------------------------------------------------


def test_the_officer_records_a_payment_once(client, award, officer):
    client.force_login(officer)

    response = client.post(pay_url(award, 1))

    assert response.status_code == 302 and response["Location"] == f"{award_url(award)}#tranches"
    tranche = award.tranches.get(number=1)
    assert (tranche.status, tranche.paid_by) == (TrancheStatus.PAID, officer)

    client.get(award_url(award))  # reads the message of the first payment
    again = client.post(pay_url(award, 1), follow=True)
    [message] = list(again.context["messages"])
    assert message.level_tag == "error"
    assert str(message) == shown("This payment is already recorded as paid.")
    assert award.tranches.get(number=1).paid_on == tranche.paid_on


def test_a_payment_waiting_for_its_report_is_refused_with_a_message(client, award, officer):
    client.force_login(officer)

    response = client.post(pay_url(award, 2), follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        shown("This payment waits for its report to be accepted.")
    ]
    assert award.tranches.get(number=2).status == TrancheStatus.SCHEDULED


@pytest.mark.parametrize(
    ("who", "status"),
    [("committee_member", 403), ("applicant", 403), ("reviewer", 404), ("outsider", 404)],
)
def test_nobody_else_records_payments(client, request, award, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.post(pay_url(award, 1)).status_code == status
    assert award.tranches.get(number=1).status == TrancheStatus.PAYABLE


def test_paying_is_a_post(client, award, officer):
    client.force_login(officer)

    assert client.get(pay_url(award, 1)).status_code == 405


def test_the_award_page_shows_the_latest_reported_value_of_each_indicator(client, award, applicant):
    indicator = award.indicators.get()
    first, final = award.reports.order_by("number")
    Report.objects.filter(pk=first.pk).update(status=ReportStatus.ACCEPTED)
    IndicatorValue.objects.create(report=first, indicator=indicator, value=Decimal(25))
    # A draft's value is still the grantee's: not the latest reported one.
    IndicatorValue.objects.create(report=final, indicator=indicator, value=Decimal(55))
    client.force_login(applicant)

    [row] = client.get(award_url(award)).context["schedule"].indicators

    assert row.latest.value == Decimal(25) and row.latest.report == first


# Queries and weight -----------------------------------------------------------------------------------------


def grow_list(make_application, call, committee_member, officer, grantee, count: int) -> None:
    """`count` more awards, each with an overdue first report, the grantee an editor of each recipient."""
    for award in more_awards(make_application, call, committee_member, officer, count):
        overdue(award.reports.get(number=1))
        Membership.objects.create(organization=award.organization, user=grantee, role=Role.EDITOR)


@pytest.mark.parametrize("who", ["applicant", "officer", "committee_member"])
def test_the_list_takes_as_many_queries_for_eight_awards_as_for_two(
    client, request, award, make_application, open_call, committee_member, officer, applicant, who
):
    client.force_login(request.getfixturevalue(who))
    grow_list(make_application, open_call, committee_member, officer, applicant, 1)
    client.get(LIST)  # the first page of a session fills its caches
    few = counted_get(client, LIST)
    grow_list(make_application, open_call, committee_member, officer, applicant, 6)

    many = counted_get(client, LIST)

    assert len(many.response.context["rows"]) == 8
    assert many.response.context["dashboard"].overdue_count == 7
    # The session, the user, the rows and their count, the counters by status, and the four queues with
    # their counts.
    assert_same_queries(few, many, at_most=14)


def grow_award(award, officer, count: int) -> None:
    """`count` more reports (accepted), payments (paid), indicators (with a value) and monitoring visits
    (each with an open action) on the award."""
    today = timezone.localdate()
    for _n in range(count):
        number = award.reports.count() + 1
        report = Report.objects.create(
            award=award,
            number=number,
            due_on=today + dt.timedelta(days=300 + number),
            status=ReportStatus.ACCEPTED,
            currency=award.currency,
        )
        Tranche.objects.create(
            award=award,
            number=award.tranches.count() + 1,
            amount=Decimal(1000),
            due_on=today,
            after_report=report,
            status=TrancheStatus.PAID,
            paid_on=today,
            paid_by=officer,
        )
        indicator = Indicator.objects.create(award=award, title=f"Indicator {number}", target=Decimal(10))
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(number))
        visit = Visit.objects.create(
            award=award, visited_on=today, officer=officer, findings=f"Visit {number}"
        )
        FollowUp.objects.create(visit=visit, action="Send the photos", owner="The grantee", due_on=today)


@pytest.mark.parametrize("who", ["applicant", "officer", "committee_member"])
def test_an_awards_page_takes_as_many_queries_for_many_payments_and_reports_as_for_few(
    client, request, award, officer, who
):
    client.force_login(request.getfixturevalue(who))
    grow_award(award, officer, 1)
    client.get(award_url(award))
    few = counted_get(client, award_url(award))
    grow_award(award, officer, 6)

    many = counted_get(client, award_url(award))

    assert len(many.response.context["schedule"].tranches) == 9
    assert len(many.response.context["visits"]) == 7
    # The session, the user, the award, the viewer's roles and memberships, payments, reports, indicators
    # and their values, visits with their open actions, the evaluation.
    assert_same_queries(few, many, at_most=13)


def test_the_officers_list_of_twenty_awards_stays_within_the_html_budget(
    client, award, make_application, open_call, committee_member, officer, applicant
):
    grow_list(make_application, open_call, committee_member, officer, applicant, 19)
    # Approved applications waiting for their award fill the third queue.
    move(open_call, CallStatus.OPEN)
    waiting = applications(make_application, 10)
    move(open_call, CallStatus.IN_REVIEW)
    for application in waiting:
        approve(application, committee_member, Decimal(1_000_000))
    decided(waiting)
    client.force_login(officer)

    response = client.get(LIST)

    assert response.status_code == 200 and len(response.context["rows"]) == 20
    board = response.context["dashboard"]
    assert len(board.overdue) == len(board.payable) == len(board.to_award) == 10
    size = gzipped_size(response.content)
    assert size <= HTML_BUDGET, f"{size} B gzipped, budget {HTML_BUDGET}"


def test_the_amounts_of_the_list_are_the_awards(client, award, applicant):
    client.force_login(applicant)

    [row] = client.get(LIST).context["rows"]

    assert row.amount == REQUESTED and row.currency == "KZT"
