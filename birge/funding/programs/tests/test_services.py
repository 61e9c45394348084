"""Who may open a funding program, and how its staff is given and taken roles: the operator's editors create
programs, the creator becomes the manager, and a program never loses its last manager."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from birge.core.models import Event
from birge.funding.events import Verb
from birge.funding.programs.models import Applicant, Currency, Mechanism, Program, ProgramStaff, StaffRole
from birge.funding.programs.services import program_create, staff_add, staff_remove
from birge.orgs.members.models import Role
from birge.orgs.profiles.models import Kind, LegalForm
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user


def create(actor, operator, **overrides) -> Program:
    values = {
        "title": "Гранты для молодёжных инициатив",
        "mechanism": Mechanism.STATE_GRANT,
        "currency": Currency.KZT,
        "applicants": [Applicant.ORGANIZATION],
    }
    return program_create(actor=actor, operator=operator, **{**values, **overrides})


def nothing_written() -> bool:
    return not Program.objects.exists() and not ProgramStaff.objects.exists() and not Event.objects.exists()


def roles(program: Program) -> set[tuple[str, str]]:
    return set(program.staff.values_list("user__email", "role"))


# Creating a program -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [Kind.GOVERNMENT, Kind.DONOR, Kind.INTERNATIONAL])
@pytest.mark.parametrize("role", [Role.OWNER, Role.EDITOR])
def test_an_editor_of_a_published_operator_creates_a_program_and_becomes_its_manager(
    reference, alice, kind, role
):
    operator = with_member(OrganizationFactory(kind=kind, name="Оператор"), alice, role)

    program = create(
        alice,
        operator,
        title="  Гранты   для молодёжи ",
        applicants=[Applicant.INITIATIVE_GROUP, Applicant.ORGANIZATION, Applicant.ORGANIZATION],
        organization_kinds=[Kind.CSO],
        description="  Поддержка молодёжных проектов.\n",
    )

    program.refresh_from_db()
    assert program.operator == operator and program.title == "Гранты для молодёжи"
    assert program.applicants == [Applicant.INITIATIVE_GROUP, Applicant.ORGANIZATION]
    assert program.organization_kinds == [Kind.CSO]
    assert program.description == "Поддержка молодёжных проектов."
    assert roles(program) == {(alice.email, StaffRole.MANAGER)}
    event = Event.objects.get(verb=Verb.PROGRAM_CREATED)
    assert event.actor == alice and event.target_id == str(program.pk)
    assert event.new == {"title": "Гранты для молодёжи", "mechanism": Mechanism.STATE_GRANT}


def test_a_member_without_editing_rights_may_not_create_a_program(reference, alice):
    ministry = with_member(
        OrganizationFactory(kind=Kind.GOVERNMENT, legal_form=LegalForm.MINISTRY), alice, Role.MEMBER
    )
    with pytest.raises(PermissionDenied):
        create(alice, ministry)
    assert nothing_written()


def test_a_civil_society_organization_does_not_run_programs(reference, alice):
    cso = with_member(OrganizationFactory(kind=Kind.CSO), alice, Role.OWNER)
    with pytest.raises(PermissionDenied):
        create(alice, cso)
    assert nothing_written()


def test_an_unpublished_operator_does_not_run_programs_yet(reference, alice):
    draft = with_member(OrganizationFactory(kind=Kind.GOVERNMENT, draft=True), alice, Role.OWNER)
    with pytest.raises(PermissionDenied):
        create(alice, draft)
    assert nothing_written()


def test_an_outsider_and_an_anonymous_visitor_may_not_create_a_program(operator, bob):
    for actor in (bob, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            create(actor, operator)
    assert not Program.objects.exists()


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("title", {"title": "   "}),
        ("mechanism", {"mechanism": "lottery"}),
        ("currency", {"currency": "RUB"}),
        ("applicants", {"applicants": []}),
        ("applicants", {"applicants": [Applicant.ORGANIZATION, "company"]}),
        ("organization_kinds", {"organization_kinds": ["club"]}),
    ],
)
def test_a_program_needs_a_title_a_known_mechanism_currency_and_applicants(operator, alice, field, overrides):
    with pytest.raises(ValidationError) as refused:
        create(alice, operator, **overrides)
    assert field in refused.value.message_dict
    assert not Program.objects.exists() and not ProgramStaff.objects.exists()


def test_two_programs_of_the_same_title_get_different_addresses(operator, alice):
    first, second = create(alice, operator), create(alice, operator)
    assert first.slug and second.slug and first.slug != second.slug


# Staff ------------------------------------------------------------------------------------------------------


def test_the_manager_gives_roles_and_takes_them_away_with_an_audit_entry_each(program, manager, bob):
    member = staff_add(actor=manager, program=program, user=bob, role=StaffRole.REVIEWER)
    staff_add(actor=manager, program=program, user=bob, role=StaffRole.COMMITTEE)

    assert member.role == StaffRole.REVIEWER
    assert roles(program) == {
        (manager.email, StaffRole.MANAGER),
        (bob.email, StaffRole.REVIEWER),
        (bob.email, StaffRole.COMMITTEE),
    }
    added = Event.objects.filter(verb=Verb.STAFF_ADDED, actor=manager).order_by("id")
    assert [event.new for event in added] == [
        {"user": bob.email, "role": StaffRole.REVIEWER},
        {"user": bob.email, "role": StaffRole.COMMITTEE},
    ]

    staff_remove(actor=manager, program=program, user=bob, role=StaffRole.REVIEWER)
    assert roles(program) == {(manager.email, StaffRole.MANAGER), (bob.email, StaffRole.COMMITTEE)}
    removed = Event.objects.get(verb=Verb.STAFF_REMOVED)
    assert removed.actor == manager and removed.old == {"user": bob.email, "role": StaffRole.REVIEWER}


def test_a_role_is_given_once_and_must_be_a_known_role(program, manager, bob):
    staff_add(actor=manager, program=program, user=bob, role=StaffRole.OFFICER)
    with pytest.raises(ValidationError):
        staff_add(actor=manager, program=program, user=bob, role=StaffRole.OFFICER)
    with pytest.raises(ValidationError):
        staff_add(actor=manager, program=program, user=bob, role="chair")
    assert program.staff.filter(user=bob).count() == 1
    assert Event.objects.filter(verb=Verb.STAFF_ADDED).count() == 1


def test_taking_away_a_role_nobody_holds_writes_nothing(program, manager, bob):
    staff_remove(actor=manager, program=program, user=bob, role=StaffRole.OFFICER)
    assert not Event.objects.filter(verb=Verb.STAFF_REMOVED).exists()


@pytest.mark.parametrize("who", ["officer", "committee_member", "reviewer", "outsider"])
def test_only_a_manager_changes_the_staff(request, program, manager, who):
    actor = request.getfixturevalue(who)
    newcomer = make_user("newcomer@example.org")
    before = roles(program)
    with pytest.raises(PermissionDenied):
        staff_add(actor=actor, program=program, user=newcomer, role=StaffRole.REVIEWER)
    with pytest.raises(PermissionDenied):
        staff_remove(actor=actor, program=program, user=manager, role=StaffRole.MANAGER)
    assert roles(program) == before
    assert not Event.objects.filter(verb__in=[Verb.STAFF_ADDED, Verb.STAFF_REMOVED]).exists()


def test_a_program_keeps_its_last_manager(program, manager):
    with pytest.raises(ValidationError) as refused:
        staff_remove(actor=manager, program=program, user=manager, role=StaffRole.MANAGER)
    assert refused.value.messages == [gettext("A program keeps at least one manager.")]
    assert roles(program) == {(manager.email, StaffRole.MANAGER)}
    assert not Event.objects.filter(verb=Verb.STAFF_REMOVED).exists()


def test_with_a_second_manager_the_first_may_step_down(program, manager, officer):
    staff_add(actor=manager, program=program, user=officer, role=StaffRole.MANAGER)
    staff_remove(actor=manager, program=program, user=manager, role=StaffRole.MANAGER)
    assert roles(program) == {(officer.email, StaffRole.OFFICER), (officer.email, StaffRole.MANAGER)}
    # The one left is now the last manager: nobody may take the role from them.
    with pytest.raises(ValidationError):
        staff_remove(actor=officer, program=program, user=officer, role=StaffRole.MANAGER)
