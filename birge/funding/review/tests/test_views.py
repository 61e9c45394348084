"""The pages of review, per role: a reviewer sees only their own assignments, and an application's content
only after declaring no conflict; the staff who run a call set its reviewers and assignments; they and,
once the call is under review, the committee read the ranking, as a page and as a spreadsheet. Every
page takes as many queries with many applications as with few."""

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from birge.core.notifications.models import Notification
from birge.core.testing import HTML_BUDGET, assert_same_queries, counted_get, gzipped_size
from birge.funding.applications.models import Application, Partner
from birge.funding.calls.models import Status
from birge.funding.review.models import Assignment, Conflict, PoolMember
from birge.funding.review.services import assign, pool_set
from birge.funding.review.tests.factories import applications, move, reviewed, reviewers
from birge.orgs.tests.factories import OrganizationFactory, with_member

# What the conftest's applicant wrote: none of it may show before the declaration, or after a conflict.
CONTENT = ["Обучить 60 лидеров", "Три тренинга в трёх районах.", "Тренинги", "Акимат"]


def url(name: str, *args) -> str:
    # The English pages: the strings these tests look for are the source strings.
    with translation.override("en"):
        return reverse(f"funding:{name}", args=args)


@pytest.fixture
def call(open_call):
    """The call, open: each test makes its applications, then moves it on."""
    return open_call


@pytest.fixture
def assignment(call, manager, make_application, reviewer):
    """The reviewer on one application of the closed call, not yet declared."""
    application = applications(make_application, 1)[0]
    move(call, Status.CLOSED)
    pool_set(actor=manager, call=call, members=[(reviewer, [])])
    return assign(actor=manager, application=application, reviewer=reviewer)


def page(client, user, address, **params) -> str:
    client.force_login(user)
    response = client.get(address, params)
    assert response.status_code == 200
    return response.content.decode()


# A reviewer's list


def test_a_reviewer_lists_only_their_own_assignments(
    client, call, manager, reviewer, program, make_application
):
    mine, theirs = applications(make_application, 2)
    move(call, Status.CLOSED)
    other = reviewers(program, 1)[0]
    pool_set(actor=manager, call=call, members=[(reviewer, []), (other, [])])
    own = assign(actor=manager, application=mine, reviewer=reviewer)
    not_own = assign(actor=manager, application=theirs, reviewer=other)

    html = page(client, reviewer, url("reviews"))

    assert mine.title in html and url("review", own.pk) in html
    assert "declare a conflict of interest, or none" in html
    assert theirs.title not in html and url("review", not_own.pk) not in html


def test_someone_with_nothing_to_review_sees_an_empty_list(client, outsider):
    assert "No application is assigned to you for review" in page(client, outsider, url("reviews"))


def test_the_reviews_list_needs_a_login(client):
    assert client.get(url("reviews")).status_code == 302


# One review


def test_before_the_declaration_only_the_title_and_the_applicant_show(client, assignment):
    html = page(client, assignment.reviewer, url("review", assignment.pk))

    assert assignment.application.title in html
    assert assignment.application.applicant_name in html
    assert 'name="conflict"' in html
    for text in CONTENT:
        assert text not in html
    assert 'name="score_' not in html


def test_a_declared_conflict_takes_the_reviewer_off_and_never_shows_the_content(client, assignment, call):
    client.force_login(assignment.reviewer)
    address = url("review", assignment.pk)
    response = client.post(address, {"conflict": "declared", "note": "Я в правлении заявителя."})
    assert response.status_code == 302
    assert Assignment.objects.get().conflict == Conflict.DECLARED

    move(call, Status.IN_REVIEW)
    html = page(client, assignment.reviewer, address)
    assert "You declared a conflict of interest" in html
    for text in CONTENT:
        assert text not in html
    # A form left open in another tab changes nothing.
    assert client.post(address, {"conflict": "none"}).status_code == 302
    assert client.post(address, {"save": "1"}).status_code == 302
    assert Assignment.objects.get().conflict == Conflict.DECLARED
    assert not Assignment.objects.get().scores.exists()


def test_the_declaration_must_be_chosen(client, assignment):
    client.force_login(assignment.reviewer)
    response = client.post(url("review", assignment.pk), {"note": ""})
    assert response.status_code == 200
    assert Assignment.objects.get().conflict == ""


def test_no_conflict_opens_the_application_then_the_scores_are_saved_and_submitted(client, assignment, call):
    client.force_login(assignment.reviewer)
    address = url("review", assignment.pk)
    assert client.post(address, {"conflict": "none"}).status_code == 302

    html = page(client, assignment.reviewer, address)
    for text in [*CONTENT, "Цель проекта", "Проект", "Бюджет проекта", "2,000,000", "27.3"]:
        assert text in html, text
    assert "Scoring opens when the review of the call starts" in html
    assert 'name="score_' not in html

    move(call, Status.IN_REVIEW)
    relevance, team, budget = call.criteria.all()
    html = page(client, assignment.reviewer, address)
    assert f'name="score_{relevance.pk}"' in html
    assert 'max="5"' in html  # the budget criterion's highest score

    assert client.post(
        address, {f"score_{relevance.pk}": "8", f"comment_{relevance.pk}": "Ясно.", "save": "1"}
    )["Location"].endswith(address)
    assert Assignment.objects.get().scores.get().value == 8

    response = client.post(address, {f"score_{relevance.pk}": "8", "submit": "1"})
    assert response.status_code == 200
    assert "Score this criterion." in response.content.decode()
    assert Assignment.objects.get().submitted_at is None

    response = client.post(address, {f"score_{relevance.pk}": "11", "save": "1"})
    assert response.status_code == 200
    assert Assignment.objects.get().scores.get().value == 8

    scores = {f"score_{relevance.pk}": "8", f"score_{team.pk}": "6", f"score_{budget.pk}": "5", "submit": "1"}
    assert client.post(address, scores).status_code == 302
    assert str(Assignment.objects.get().total) == "78.00"
    html = page(client, assignment.reviewer, address)
    assert "78.00" in html
    assert 'name="score_' not in html


def test_a_withdrawn_application_shows_nothing_to_review(client, assignment):
    client.force_login(assignment.reviewer)
    address = url("review", assignment.pk)
    assert client.post(address, {"conflict": "none"}).status_code == 302
    Application.objects.filter(pk=assignment.application_id).update(status="withdrawn")

    html = page(client, assignment.reviewer, address)

    assert "The applicant has withdrawn this application" in html
    for text in CONTENT:
        assert text not in html


def test_the_staff_read_what_conflict_a_reviewer_declared(client, assignment, manager):
    client.force_login(assignment.reviewer)
    client.post(url("review", assignment.pk), {"conflict": "declared", "note": "Я в правлении заявителя."})

    html = page(client, manager, url("call_reviewers", assignment.application.call.slug))

    assert "conflict of interest: off this application" in html
    assert "Я в правлении заявителя." in html
    assert f'name="assignment" value="{assignment.pk}"' not in html  # a conflict is not taken off


@pytest.mark.parametrize("who", ["outsider", "other reviewer", "manager", "applicant of it"])
def test_only_the_assigned_reviewer_opens_a_review(client, assignment, program, outsider, manager, who):
    people = {
        "outsider": outsider,
        "other reviewer": reviewers(program, 1)[0],
        "manager": manager,
        "applicant of it": assignment.application.owner,
    }
    client.force_login(people[who])
    assert client.get(url("review", assignment.pk)).status_code == 404
    assert client.post(url("review", assignment.pk), {"conflict": "none"}).status_code == 404
    assert Assignment.objects.get().conflict == ""


# The staff's page of reviewers


@pytest.mark.parametrize(
    "who,status", [("manager", 200), ("officer", 200), ("reviewer", 404), ("committee", 404)]
)
def test_only_those_who_run_calls_open_the_reviewers_page(
    client, call, manager, officer, reviewer, committee_member, outsider, who, status
):
    people = {"manager": manager, "officer": officer, "reviewer": reviewer, "committee": committee_member}
    client.force_login(people[who])
    assert client.get(url("call_reviewers", call.slug)).status_code == status
    client.force_login(outsider)
    assert client.get(url("call_reviewers", call.slug)).status_code == 404


def test_staff_set_the_pool_assign_take_off_and_remind_through_the_page(
    client, call, officer, program, make_application
):
    made = applications(make_application, 2)
    move(call, Status.CLOSED)
    people = reviewers(program, 3)
    client.force_login(officer)
    address = url("call_reviewers", call.slug)
    html = page(client, officer, address)
    assert "Қазақша" in html and str(people[0]) in html

    pool = {f"member_{user.pk}": "on" for user in people[:2]} | {f"languages_{people[0].pk}": ["kk", "ru"]}
    assert client.post(address, {"action": "pool", **pool}).status_code == 302
    assert dict(PoolMember.objects.values_list("user_id", "languages")) == {
        people[0].pk: ["kk", "ru"],
        people[1].pk: [],
    }

    response = client.post(address, {"action": "auto"}, follow=True)
    html = response.content.decode()
    assert "4 assignments made." in html
    # The call asks for three reviewers each; the pool holds two.
    assert "2 applications are short of reviewers" in html and made[0].title in html
    assert Assignment.objects.count() == 4

    taken = Assignment.objects.filter(reviewer=people[0]).first()
    assert client.post(address, {"action": "unassign", "assignment": taken.pk}).status_code == 302
    assert not Assignment.objects.filter(pk=taken.pk).exists()

    data = {"action": "assign", "application": taken.application_id, "reviewer": people[0].pk}
    assert client.post(address, data).status_code == 302
    assert Assignment.objects.filter(application=taken.application, reviewer=people[0]).exists()
    # The same again: the service's refusal shows on the form.
    response = client.post(address, data)
    assert response.status_code == 200
    assert "already on this application" in response.content.decode()

    move(call, Status.IN_REVIEW)
    html = client.post(address, {"action": "remind"}, follow=True).content.decode()
    assert "2 reviewers reminded." in html
    with translation.override("ru"):  # the reviewers' language
        reminder = translation.gettext("A reminder: reviews are waiting")
    assert Notification.objects.filter(kind="funding.review", title=reminder).count() == 2


def test_the_reviewers_page_shows_each_reviewers_workload(client, call, manager, program, make_application):
    first, second = applications(make_application, 2)
    move(call, Status.IN_REVIEW)
    busy, idle = reviewers(program, 2)
    pool_set(actor=manager, call=call, members=[(busy, ["ru"]), (idle, [])])
    reviewed(first, busy, "70")
    Assignment.objects.create(application=second, reviewer=busy, conflict=Conflict.DECLARED)

    html = page(client, manager, url("call_reviewers", call.slug))

    assert f'<th scope="row">{busy}</th><td>Русский</td><td>1</td><td>1</td><td>1</td>' in html
    assert f'<th scope="row">{idle}</th><td>any language</td><td>0</td><td>0</td><td>0</td>' in html


def test_an_unknown_action_is_not_found(client, call, manager):
    client.force_login(manager)
    assert client.post(url("call_reviewers", call.slug), {"action": "drop"}).status_code == 404


# The ranking


def ranked(call, make_application, program, count: int, *, status=Status.IN_REVIEW):
    """`count` applications, each reviewed by two reviewers; every third one with totals far apart."""
    made = applications(make_application, count)
    move(call, status)
    first, second = reviewers(program, 2)
    for number, application in enumerate(made):
        reviewed(application, first, "80")
        reviewed(application, second, "30" if number % 3 == 0 else "75")
    return made


@pytest.mark.parametrize(
    "who,closed,in_review",
    [("manager", 200, 200), ("officer", 200, 200), ("committee", 404, 200), ("reviewer", 404, 404)],
)
def test_the_ranking_is_for_those_who_run_calls_and_for_the_committee_once_under_review(
    client, call, manager, officer, committee_member, reviewer, outsider, who, closed, in_review
):
    people = {"manager": manager, "officer": officer, "committee": committee_member, "reviewer": reviewer}
    for status, expected in ((Status.CLOSED, closed), (Status.IN_REVIEW, in_review)):
        move(call, status)
        for name in ("call_ranking", "call_ranking_xlsx"):
            client.force_login(people[who])
            assert client.get(url(name, call.slug)).status_code == expected, (status, name)
            client.force_login(outsider)
            assert client.get(url(name, call.slug)).status_code == 404


def test_the_ranking_shows_ranks_and_names_a_disagreement_in_words(
    client, call, committee_member, make_application, program
):
    made = ranked(call, make_application, program, 3)

    html = page(client, committee_member, url("call_ranking", call.slug))

    assert html.count("⚠ disagreement") == 1
    assert html.index(made[1].title) < html.index(made[2].title) < html.index(made[0].title)
    assert url("call_ranking_xlsx", call.slug) in html

    html = page(client, committee_member, url("call_ranking", call.slug), disagreement="1")
    assert made[0].title in html and made[1].title not in html
    assert f"{url('call_ranking_xlsx', call.slug)}?disagreement=1" in html


def test_a_long_ranking_comes_in_pages_ranked_over_the_whole_call(
    client, call, committee_member, make_application, program, monkeypatch
):
    monkeypatch.setattr("birge.funding.review.views.RANKING_PAGE", 2)
    made = ranked(call, make_application, program, 3)

    first = page(client, committee_member, url("call_ranking", call.slug))
    second = page(client, committee_member, url("call_ranking", call.slug), page="2")

    assert made[1].title in first and made[0].title not in first
    assert made[0].title in second and "<td>3</td>" in second  # the third of the call, on page two
    assert 'rel="next"' in first and "3 " in first.split('role="status">')[1][:20]


def test_the_spreadsheet_has_a_header_and_a_row_per_application_with_formulas_kept_as_text(
    client, call, manager, make_application, program
):
    made = ranked(call, make_application, program, 3)
    Application.objects.filter(pk=made[1].pk).update(title='=HYPERLINK("http://evil.example","x")')
    client.force_login(manager)

    response = client.get(url("call_ranking_xlsx", call.slug))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"{call.slug}-ranking.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "Rank",
        "Applicant",
        "Project title",
        "Requested, KZT",
        "Reviews submitted",
        "Reviewers assigned",
    )
    assert rows[0][-4:] == ("Mean", "Spread", "Disagreement", "Decision")
    assert len(rows) == 4
    best = rows[1]
    assert best[0] == 1
    assert best[2] == '\'=HYPERLINK("http://evil.example","x")'
    assert best[3] == 2400000
    assert best[4:6] == (2, 2)
    # One column per reviewer the call asks for (three), in no particular order.
    assert sorted(best[6:8]) == [75, 80] and best[8] is None
    assert best[-4:] == (77.5, 5, "no", None)
    assert rows[3][-2] == "yes"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# Query counts and weight


def test_the_reviews_list_takes_as_many_queries_for_many_assignments_as_for_few(
    client, call, reviewer, make_application
):
    made = applications(make_application, 12)
    move(call, Status.IN_REVIEW)
    client.force_login(reviewer)
    for application in made[:3]:
        reviewed(application, reviewer, None)
    client.get(url("reviews"))  # the header's count of notices is read once, then kept
    few = counted_get(client, url("reviews"))
    for number, application in enumerate(made[3:]):
        reviewed(application, reviewer, "60" if number % 2 else None)
    many = counted_get(client, url("reviews"))

    assert len(many.response.context["rows"]) == 12
    # The session, the user; the count for the pager and the page with calls and applicants.
    assert_same_queries(few, many, at_most=4)


def test_the_reviewers_page_takes_as_many_queries_for_many_applications_as_for_few(
    client, call, manager, program, make_application
):
    made = applications(make_application, 12)
    move(call, Status.IN_REVIEW)
    people = reviewers(program, 4)
    pool_set(actor=manager, call=call, members=[(user, ["ru"]) for user in people])
    client.force_login(manager)

    def review_up_to(count: int) -> None:
        Application.objects.filter(pk__in=[item.pk for item in made[count:]]).update(status="withdrawn")
        Application.objects.filter(pk__in=[item.pk for item in made[:count]]).update(status="submitted")
        for application in made[:count]:
            for user in people[:3]:
                if not Assignment.objects.filter(application=application, reviewer=user).exists():
                    reviewed(application, user, "50")

    review_up_to(3)
    client.get(url("call_reviewers", call.slug))  # the header's count of notices is read once, then kept
    few = counted_get(client, url("call_reviewers", call.slug))
    review_up_to(12)
    many = counted_get(client, url("call_reviewers", call.slug))

    assert len(many.response.context["applications"]) == 12
    # The session, the user, the call, the actor's roles; reviewers, pool, applications, assignments.
    assert_same_queries(few, many, at_most=8)


def test_the_ranking_takes_as_many_queries_for_many_applications_as_for_few(
    client, call, committee_member, make_application, program
):
    made = ranked(call, make_application, program, 12)
    client.force_login(committee_member)
    Application.objects.filter(pk__in=[item.pk for item in made[3:]]).update(status="withdrawn")
    client.get(url("call_ranking", call.slug))  # the header's count of notices is read once, then kept
    few = counted_get(client, url("call_ranking", call.slug))
    Application.objects.filter(pk__in=[item.pk for item in made]).update(status="submitted")
    many = counted_get(client, url("call_ranking", call.slug))
    xlsx = counted_get(client, url("call_ranking_xlsx", call.slug))

    assert len(many.response.context["rows"]) == 12
    # The session, the user, the call; the roles asked twice (to run calls? on the committee?) and once
    # more for the link to the reviewers page; applications with their decisions, and the reviews.
    assert_same_queries(few, many, at_most=8)
    assert len(xlsx.queries) <= len(many.queries)


def test_a_review_takes_as_many_queries_with_many_partners_and_scores_as_with_none(client, assignment, call):
    client.force_login(assignment.reviewer)
    address = url("review", assignment.pk)
    client.post(address, {"conflict": "none"})
    move(call, Status.IN_REVIEW)
    client.get(address)
    few = counted_get(client, address)
    for _n in range(3):
        Partner.objects.create(
            application=assignment.application, organization=OrganizationFactory(), role=""
        )
    client.post(address, {f"score_{criterion.pk}": "3" for criterion in call.criteria.all()} | {"save": "1"})
    many = counted_get(client, address)

    assert len(many.response.context["content"].partners) == 3
    # The session, the user, the assignment; the reviewer's roles, asked twice, and their assignment; the
    # scores, the criteria, the files, the partners.
    assert_same_queries(few, many, at_most=10)


def test_the_ranking_of_thirty_applications_fits_the_page_budget(
    client, call, manager, make_application, program
):
    ranked(call, make_application, program, 30)

    client.force_login(manager)
    response = client.get(url("call_ranking", call.slug))

    assert response.status_code == 200
    assert len(response.context["rows"]) == 30
    assert gzipped_size(response.content) <= HTML_BUDGET


def test_a_reviewer_of_the_applicants_own_organization_is_named_short_on_the_page(
    client, call, manager, program, applicant, applicant_org, make_application
):
    own = make_application(applicant, applicant_org)
    move(call, Status.CLOSED)
    member = reviewers(program, 1)[0]
    with_member(applicant_org, member)
    pool_set(actor=manager, call=call, members=[(member, [])])
    client.force_login(manager)

    html = client.post(url("call_reviewers", call.slug), {"action": "auto"}, follow=True).content.decode()

    assert "0 assignments made." in html
    assert "1 application is short of reviewers" in html and own.title in html
    assert not Assignment.objects.exists()
