"""The register in the read API: the same figures and awards as the pages, a person by an anonymous number
only, nothing undecided, and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from birge.funding.awards.models import anonymous_recipient
from birge.funding.calls.models import Status
from birge.funding.decisions.models import Outcome
from birge.funding.register.tests.factories import award_for, decide, decided_call
from birge.funding.review.tests.factories import applications, move


@pytest.fixture
def decided(make_application):
    return decided_call(make_application)


def test_calls_carry_their_figures_and_programs_their_totals(client, decided):
    body = client.get("/api/v1/register/").json()
    [call] = body["calls"]
    assert (call["received"], call["eligible"], call["funded"], call["awarded"]) == (4, 4, 2, "3500000.00")
    [program] = body["programs"]
    assert (program["calls"], program["funded"], program["awarded"]) == (1, 2, "3500000.00")


def test_an_undecided_calls_funding_is_null(client, decided):
    move(decided["call"], Status.IN_REVIEW)
    [call] = client.get("/api/v1/register/").json()["calls"]
    assert call["decided"] is False and call["funded"] is None and call["awarded"] is None


def test_awards_name_organizations_and_never_a_person(client, decided):
    body = client.get("/api/v1/register/awards/").json()
    assert body["count"] == 2
    person = next(row for row in body["results"] if row["id"] == decided["person"].pk)
    assert person["recipient"] == anonymous_recipient(decided["person"].pk)
    assert person["title"] is None and person["recipient_organization"] is None
    text = client.get("/api/v1/register/awards/").content.decode()
    for personal in ("Gulnora", "Sewing", "Rejected project Zeta", "Waitlisted project Eta"):
        assert personal not in text
    one = client.get(f"/api/v1/register/awards/{decided['organization'].pk}/").json()
    assert one["title"] == decided["organization"].title
    assert client.get("/api/v1/register/awards/999999/").status_code == 404


def test_filters_apply(client, decided):
    assert client.get("/api/v1/register/awards/", {"year": 2027}).json()["count"] == 2
    assert client.get("/api/v1/register/awards/", {"year": 2026}).json()["count"] == 0
    assert client.get("/api/v1/register/awards/", {"year": "abc"}).status_code == 422


def test_the_award_list_takes_the_same_queries_with_more_awards(client, make_application, open_call):
    def grow(count):
        move(open_call, Status.OPEN)
        for application in applications(make_application, count):
            decide(application, Outcome.APPROVED, "1000000")
            award_for(application, "1000000")
        move(open_call, Status.DECIDED)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/register/awards/").status_code == 200
        return len(captured.captured_queries)

    grow(1)
    count()
    few = count()
    grow(5)
    assert count() == few
