"""Calls in the read API: announced ones with what their page shows, never a draft, in constant queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from birge.core.models import Country, ThematicArea
from birge.funding.calls.models import Call, Criterion, Status
from birge.funding.programs.models import Program
from birge.orgs.profiles.models import Kind
from birge.orgs.tests.factories import OrganizationFactory


@pytest.fixture
def program(reference):
    operator = OrganizationFactory(name="Центр поддержки", kind=Kind.GOVERNMENT)
    return Program.objects.create(
        operator=operator,
        slug="grants",
        title="Гранты",
        mechanism="state_grant",
        currency="KZT",
        applicants=["organization", "individual"],
    )


def _call(program, slug: str, status: str = Status.OPEN, **fields) -> Call:
    now = timezone.now()
    call = Call.objects.create(
        program=program,
        slug=slug,
        title=f"Конкурс {slug}",
        summary="Кратко.",
        status=status,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=20),
        applicants=["organization"],
        published_at=now,
        **fields,
    )
    Criterion.objects.create(call=call, title="Польза", weight=100)
    return call


def test_the_list_gives_announced_and_open_calls_and_never_a_draft(client, program):
    _call(program, "open-one", grant_min=Decimal("100000"), grant_max=Decimal("3000000"))
    _call(program, "announced", status=Status.PUBLISHED)
    _call(program, "secret-draft", status=Status.DRAFT)
    _call(program, "decided", status=Status.DECIDED)
    body = client.get("/api/v1/calls/").json()
    assert sorted(call["slug"] for call in body["results"]) == ["announced", "open-one"]
    first = next(call for call in body["results"] if call["slug"] == "open-one")
    assert first["operator_name"] == "Центр поддержки" and first["currency"] == "KZT"
    assert first["grant_max"] == "3000000.00" and first["criteria"] == [
        {"title": "Польза", "weight": 100, "max_score": 10}
    ]
    assert first["url"].endswith("/calls/open-one/")
    past = client.get("/api/v1/calls/", {"past": "true"}).json()
    assert "decided" in [call["slug"] for call in past["results"]]
    assert "secret-draft" not in str(past)
    assert client.get("/api/v1/calls/secret-draft/").status_code == 404
    assert client.get("/api/v1/calls/open-one/").json()["title"] == "Конкурс open-one"


def test_filters_narrow_the_list(client, program):
    kazakh = _call(program, "kz-only", grant_max=Decimal("500000"))
    kazakh.countries.set([Country.objects.get(code="KZ")])
    themed = _call(program, "children", grant_min=Decimal("1000000"), grant_max=Decimal("5000000"))
    themed.themes.set([ThematicArea.objects.filter(parent__isnull=True).first()])

    def slugs(**params):
        return sorted(call["slug"] for call in client.get("/api/v1/calls/", params).json()["results"])

    assert slugs(country="KZ") == ["children", "kz-only"]  # no countries: open to every country
    assert slugs(country="TJ") == ["children"]
    assert slugs(amount="2000000") == ["children"]
    assert slugs(amount="100000") == ["kz-only"]
    # A call naming no theme takes applications on any theme.
    assert slugs(theme=themed.themes.get().slug) == ["children", "kz-only"]
    other = ThematicArea.objects.filter(parent__isnull=True).exclude(pk=themed.themes.get().pk).first()
    assert slugs(theme=other.slug) == ["kz-only"]
    assert slugs(applicant="individual") == []
    assert slugs(applicant="organization") == ["children", "kz-only"]
    assert client.get("/api/v1/calls/", {"country": "XX"}).status_code == 422


def test_the_list_takes_as_many_queries_for_twenty_calls_as_for_two(client, program):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/calls/").status_code == 200
        return len(captured.captured_queries)

    for n in range(2):
        _call(program, f"call-{n}").countries.set(Country.objects.filter(is_home=True))
    few = count()
    for n in range(2, 20):
        _call(program, f"call-{n}").countries.set(Country.objects.filter(is_home=True))
    assert count() == few


def test_a_call_gives_its_form_and_only_its_published_answers(client, program, bob):
    from birge.funding.builder.models import FormVersion
    from birge.funding.questions.models import CallQuestion

    call = _call(program, "asks")
    field = {"key": "f1", "type": "long_text", "label": "Цель проекта", "required": True, "max_length": 500}
    FormVersion.objects.create(
        call=call, number=2, frozen=True, sections=[{"key": "s1", "title": "Проект", "fields": [field]}]
    )
    CallQuestion.objects.create(
        call=call,
        asked_by=bob,
        question="Можно ли подать заявку от филиала?",
        answer="Да, если филиал зарегистрирован.",
        answered_at=timezone.now(),
        published=True,
    )
    CallQuestion.objects.create(call=call, asked_by=bob, question="Не отвечен ещё?")
    body = client.get(f"/api/v1/calls/{call.slug}/").json()
    assert body["form_version"] == 2
    assert body["form"][0]["fields"][0] | {"help": ""} == field | {"help": "", "choices": []}
    assert [item["question"] for item in body["questions"]] == ["Можно ли подать заявку от филиала?"]
    assert bob.email not in str(body)
