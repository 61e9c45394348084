"""The public register: what it shows of calls and awards, what it never shows (anything undecided, a
person's name), that its figures reconcile with the database at a real competition's scale, and that its
pages are cacheable, within budget and take a constant number of queries."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.funding import bench_seed
from birge.funding.applications.models import Application
from birge.funding.awards.models import Award, anonymous_recipient
from birge.funding.calls.models import Status
from birge.funding.decisions.models import Outcome
from birge.funding.register.reads import RegisterFilters, calls
from birge.funding.register.tests.factories import award_for, decide, decided_call
from birge.funding.review.tests.factories import applications, move

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def decided(make_application):
    return decided_call(make_application)


def texts_of(client, query: dict | None = None) -> str:
    """Everything the register publishes: its pages and both formats of its downloads."""
    parts = []
    for name in ("register:register", "register:awards"):
        parts.append(client.get(reverse(name), query or {}).content.decode())
    for what in ("calls", "awards"):
        parts.append(client.get(reverse("register:download", args=[what, "csv"])).content.decode("utf-8-sig"))
        workbook = load_workbook(
            io.BytesIO(client.get(reverse("register:download", args=[what, "xlsx"])).content)
        )
        parts.extend(str(cell) for row in workbook.active.iter_rows(values_only=True) for cell in row)
    for award in Award.objects.all():
        parts.append(client.get(reverse("register:award", args=[award.pk])).content.decode())
    return "\n".join(parts)


def test_the_register_shows_each_award_and_the_calls_figures(client, decided):
    award = decided["organization"]
    page = client.get(reverse("register:register"))
    assert_within_budget(page)
    html = page.content.decode()
    assert award.title in html and award.recipient_name in html
    [row] = calls(RegisterFilters())
    assert (row.received, row.eligible, row.funded) == (4, 4, 2)
    assert row.awarded == Decimal("3500000")
    assert row.requested == sum(Application.objects.values_list("requested_amount", flat=True), Decimal(0))


def test_nothing_undecided_rejected_or_waitlisted_is_published(client, decided):
    everything = texts_of(client)
    assert "Rejected project Zeta" not in everything
    assert "Waitlisted project Eta" not in everything


def test_an_undecided_calls_approvals_are_not_counted(client, decided):
    """A decision recorded while the call is under review is not yet told to the applicants: the register
    neither counts nor lists it."""
    move(decided["call"], Status.IN_REVIEW)
    [row] = calls(RegisterFilters())
    assert not row.decided
    page = client.get(reverse("register:register")).content.decode()
    assert "not decided yet" in page


def test_a_person_appears_by_an_anonymous_number_and_region_only(client, decided):
    award = decided["person"]
    everything = texts_of(client)
    assert anonymous_recipient(award.pk) in everything
    for personal in ("Gulnora", "Rahimova", "gulnora@example.org", "Sewing workshop"):
        assert personal not in everything
    assert str(award.region) in client.get(reverse("register:award", args=[award.pk])).content.decode()


def test_filters_narrow_the_awards_and_the_figures(client, decided):
    other_year = decided["person"]
    Award.objects.filter(pk=other_year.pk).update(signed_on=dt.date(2026, 5, 1))
    html = client.get(reverse("register:awards"), {"year": "2027"}).content.decode()
    assert decided["organization"].title in html
    assert anonymous_recipient(other_year.pk) not in html
    body = client.get(reverse("register:download", args=["awards", "csv"]), {"year": "2026"}).content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][0] == anonymous_recipient(other_year.pk)
    assert client.get(reverse("register:register"), {"operator": "nobody"}).status_code == 200


def test_bad_filters_are_ignored(client, decided):
    for query in ({"year": "abc"}, {"year": "99999"}, {"country": "K\x00Z"}, {"theme": "' OR 1=1"}):
        response = client.get(reverse("register:awards"), query)
        assert response.status_code == 200


def test_a_visitor_gets_a_cacheable_page_without_a_cookie(client, decided, outsider):
    response = client.get(reverse("register:register"))
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    client.force_login(outsider)
    assert "private" in client.get(reverse("register:register"))["Cache-Control"]


@pytest.fixture(params=["anonymous", "signed in"])
def visitor(request, client, outsider):
    if request.param == "signed in":
        client.force_login(outsider)
    return client


@pytest.mark.parametrize("page", ["register:register", "register:awards"])
def test_register_pages_take_the_same_queries_with_more_awards(visitor, make_application, open_call, page):
    def grow(count):
        move(open_call, Status.OPEN)  # to take the new applications
        for application in applications(make_application, count):
            decide(application, Outcome.APPROVED, "1000000")
            award_for(application, "1000000")
        move(open_call, Status.DECIDED)

    grow(1)
    visitor.get(reverse(page))  # the reference data the filters offer is cached by the first request
    few = counted_get(visitor, reverse(page))
    grow(5)
    many = counted_get(visitor, reverse(page))
    assert Award.objects.count() == 6
    assert_same_queries(few, many, at_most=12)


def test_the_award_page_takes_a_constant_number_of_queries(visitor, decided):
    """Its payments grow from one to six; the page reads them in one query."""
    from birge.funding.awards.models import Tranche

    award = decided["organization"]
    Tranche.objects.create(award=award, number=1, amount=Decimal(1), due_on=award.starts_on)
    visitor.get(reverse("register:award", args=[award.pk]))  # the header's unread count is cached then
    few = counted_get(visitor, reverse("register:award", args=[award.pk]))
    Tranche.objects.bulk_create(
        Tranche(award=award, number=n, amount=Decimal(1), due_on=award.starts_on) for n in range(2, 7)
    )
    many = counted_get(visitor, reverse("register:award", args=[award.pk]))
    assert many.response.status_code == 200
    assert_same_queries(few, many, at_most=6)


def test_a_real_competitions_figures_reconcile_between_the_database_the_pages_and_the_exports(client, db):
    """592 applications and 66 awards, as one state operator's three competitions had."""
    call = bench_seed.seed_funding_bench(applications=592, awards=66)
    awarded = Award.objects.filter(application__call=call)
    total = sum(awarded.values_list("amount", flat=True), Decimal(0))
    [row] = [row for row in calls(RegisterFilters()) if row.call.pk == call.pk]
    assert (row.received, row.eligible, row.funded, row.awarded) == (592, 592, 66, total)

    body = client.get(reverse("register:download", args=["awards", "csv"])).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 66
    assert sum(Decimal(row["Amount"]) for row in rows) == total
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("register:download", args=["calls", "xlsx"])).content)
    )
    header, *lines = list(workbook.active.iter_rows(values_only=True))
    line = dict(zip(header, lines[0], strict=True))
    assert (line["Applications received"], line["Funded"], Decimal(str(line["Amount awarded"]))) == (
        592,
        66,
        total,
    )
    full = client.get(reverse("register:awards"))
    assert_within_budget(full)  # a full page of 50 awards
    assert_within_budget(client.get(reverse("register:register")))
    page = full.content.decode()
    assert "66 awards" in page
