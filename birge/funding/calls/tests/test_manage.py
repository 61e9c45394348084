"""The staff's pages: starting a program, giving roles, drafting a call, and walking it to announced — all
through the forms, as an operator's officer does, with JavaScript or without."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.funding.calls.models import Call, Status
from birge.funding.conftest import build_form
from birge.funding.programs.models import Program, ProgramStaff, StaffRole
from birge.orgs.members.models import Role
from birge.orgs.profiles.models import Kind
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user


@pytest.fixture
def ministry(reference, alice):
    return with_member(OrganizationFactory(name="Министерство", kind=Kind.GOVERNMENT), alice, Role.EDITOR)


def _start_program(client) -> Program:
    response = client.post(
        "/ru/calls/programs/new/",
        {
            "operator": Program._meta.get_field("operator").related_model.objects.get(name="Министерство").pk,
            "title": "Гранты для НПО",
            "mechanism": "state_grant",
            "currency": "KZT",
            "applicants": ["organization", "initiative_group"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Program.objects.get()


def test_an_operator_starts_a_program_drafts_a_call_and_announces_it(client, ministry, alice):
    client.force_login(alice)
    assert "/ru/calls/programs/new/" in client.get("/ru/calls/manage/").content.decode()
    program = _start_program(client)
    assert ProgramStaff.objects.get(program=program).role == StaffRole.MANAGER

    response = client.post(
        f"/ru/calls/programs/{program.slug}/calls/new/",
        {
            "title": "Поддержка сельских инициатив",
            "time_zone": "Asia/Almaty",
            "applicants": ["organization"],
            "max_applications": "1",
        },
    )
    assert response.status_code == 302
    call = Call.objects.get()
    edit = f"/ru/calls/{call.slug}/edit/"
    page = client.get(edit).content.decode()
    with translation.override("ru"):
        missing = [
            gettext("Set when the call opens and closes."),
            gettext("Write a summary: it is what people read first."),
        ]
    assert all(problem in page for problem in missing)

    # Announcing a call that is not ready names what is missing and changes nothing.
    client.post(edit, {"step": "publish"})
    call.refresh_from_db()
    assert call.status == Status.DRAFT

    assert (
        client.post(
            edit,
            {
                "criteria": "1",
                "title_0": "Польза",
                "weight_0": "60",
                "max_0": "10",
                "title_1": "Бюджет",
                "weight_1": "40",
                "max_1": "5",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            edit,
            {
                "settings": "1",
                "title": call.title,
                "summary": "Гранты до 3 млн тенге.",
                "time_zone": "Asia/Almaty",
                "opens_at": "2026-01-10T09:00",
                "closes_at": "2026-02-10T18:00",
                "grant_max": "3000000",
                "budget_ceiling": "30000000",
                "applicants": ["organization"],
                "max_applications": "1",
            },
        ).status_code
        == 302
    )
    call.refresh_from_db()
    assert call.closes_at.isoformat() == "2026-02-10T13:00:00+00:00"  # 18:00 in Almaty (UTC+5)
    # The form applicants fill (the builder's own pages are tested with the builder).
    build_form(alice, call)
    assert client.post(edit, {"step": "publish"}).status_code == 302
    call.refresh_from_db()
    assert call.status == Status.PUBLISHED
    assert client.get(call.get_absolute_url()).status_code == 200


def test_bad_criteria_stay_on_the_form_with_the_reason(client, ministry, alice):
    client.force_login(alice)
    program = _start_program(client)
    client.post(
        f"/ru/calls/programs/{program.slug}/calls/new/",
        {
            "title": "Конкурс",
            "time_zone": "Asia/Almaty",
            "applicants": ["organization"],
            "max_applications": "1",
        },
    )
    call = Call.objects.get()
    response = client.post(
        f"/ru/calls/{call.slug}/edit/", {"criteria": "1", "title_0": "Польза", "weight_0": "70"}
    )
    assert response.status_code == 200
    assert 'value="Польза"' in response.content.decode()  # what was typed is kept
    assert not call.criteria.exists()


def test_people_without_a_role_find_nothing(client, ministry, alice, bob):
    client.force_login(alice)
    program = _start_program(client)
    client.post(
        f"/ru/calls/programs/{program.slug}/calls/new/",
        {
            "title": "Конкурс",
            "time_zone": "Asia/Almaty",
            "applicants": ["organization"],
            "max_applications": "1",
        },
    )
    call = Call.objects.get()
    client.force_login(bob)
    assert client.get(f"/ru/calls/programs/{program.slug}/").status_code == 404
    assert client.get(f"/ru/calls/{call.slug}/edit/").status_code == 404
    assert client.get(call.get_absolute_url()).status_code == 404  # a draft is not public
    assert client.get("/ru/calls/programs/new/").status_code == 404  # bob edits no operator


def test_a_manager_gives_a_role_by_address(client, ministry, alice, bob):
    client.force_login(alice)
    program = _start_program(client)
    response = client.post(f"/ru/calls/programs/{program.slug}/", {"email": bob.email, "role": "reviewer"})
    assert response.status_code == 302
    assert ProgramStaff.objects.filter(program=program, user=bob, role=StaffRole.REVIEWER).exists()
    response = client.post(
        f"/ru/calls/programs/{program.slug}/", {"email": "nobody@example.org", "role": "reviewer"}
    )
    assert response.status_code == 200 and "nobody@example.org" in response.content.decode()


def test_staff_pages_take_constant_queries_as_calls_people_and_criteria_grow(client, ministry, alice):
    client.force_login(alice)
    program = _start_program(client)
    new_call = f"/ru/calls/programs/{program.slug}/calls/new/"
    client.post(
        new_call,
        {
            "title": "Конкурс 0",
            "time_zone": "Asia/Almaty",
            "applicants": ["organization"],
            "max_applications": "1",
        },
    )
    call = Call.objects.get()
    edit = f"/ru/calls/{call.slug}/edit/"
    client.get(f"/ru/calls/programs/{program.slug}/")  # reference data cached from the first request on
    few = [counted_get(client, f"/ru/calls/programs/{program.slug}/"), counted_get(client, edit)]
    for n in range(1, 6):
        client.post(
            new_call,
            {
                "title": f"Конкурс {n}",
                "time_zone": "Asia/Almaty",
                "applicants": ["organization"],
                "max_applications": "1",
            },
        )
        ProgramStaff.objects.create(program=program, user=make_user(f"staff{n}@example.org"), role="reviewer")
    client.post(
        edit,
        {
            "criteria": "1",
            **{f"title_{n}": f"Критерий {n}" for n in range(4)},
            **{f"weight_{n}": "25" for n in range(4)},
        },
    )
    many = [counted_get(client, f"/ru/calls/programs/{program.slug}/"), counted_get(client, edit)]
    for before, after in zip(few, many, strict=True):
        assert after.response.status_code == 200
        assert_within_budget(after.response)
        assert_same_queries(before, after, at_most=20)
    assert many[0].response.content.decode().count('/edit/">Конкурс ') == 6


def test_a_draft_sets_how_its_applications_are_reviewed(client, ready_call, manager):
    client.force_login(manager)
    data = {
        "settings": "1",
        "title": ready_call.title,
        "summary": ready_call.summary,
        "time_zone": "Asia/Almaty",
        "applicants": ["organization"],
        "max_applications": "1",
        "reviews_per_application": "5",
        "disagreement_threshold": "15",
        "publish_scores": "on",
    }
    assert client.post(f"/ru/calls/{ready_call.slug}/edit/", data).status_code == 302
    ready_call.refresh_from_db()
    assert (ready_call.reviews_per_application, ready_call.disagreement_threshold) == (5, 15)
    assert ready_call.publish_scores
