"""People and things around one funding program: its operator (a government body alice owns), the program
(alice created it, so she manages it), one staff member for each other role, an outsider (bob, signed in
with no role), a draft call ready to be announced, and a quick way to put calls in any state on the public
pages."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from birge.core.models import Country, ThematicArea
from birge.funding.builder.models import FormVersion
from birge.funding.calls.models import Call, Criterion, Status
from birge.funding.calls.services import call_create, criteria_set
from birge.funding.programs.models import Applicant, Currency, Mechanism, Program, ProgramStaff, StaffRole
from birge.funding.programs.services import program_create
from birge.orgs.members.models import Role
from birge.orgs.profiles.models import Kind, LegalForm
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user

# (title, weight, highest score): the weights add up to 100.
CRITERIA = [("Relevance to the youth policy", 40, 10), ("Team and experience", 35, 10), ("Budget", 25, 5)]


@pytest.fixture
def operator(reference, alice):
    """A published government body; alice owns its profile, so she may edit it."""
    ministry = OrganizationFactory(
        kind=Kind.GOVERNMENT,
        legal_form=LegalForm.MINISTRY,
        name="Министерство культуры",
        name_ru="Министерство культуры",
        name_en="Ministry of Culture",
    )
    return with_member(ministry, alice, Role.OWNER)


@pytest.fixture
def program(operator, alice):
    """A state grant program for organizations and initiative groups, in tenge."""
    return program_create(
        actor=alice,
        operator=operator,
        title="Гранты для молодёжных инициатив",
        mechanism=Mechanism.STATE_GRANT,
        currency=Currency.KZT,
        applicants=[Applicant.ORGANIZATION, Applicant.INITIATIVE_GROUP],
    )


def _staff(program: Program, email: str, name: str, role: str):
    user = make_user(email, display_name=name)
    ProgramStaff.objects.create(program=program, user=user, role=role)
    return user


@pytest.fixture
def manager(program, alice):
    """The program's creator, its only manager."""
    return alice


@pytest.fixture
def officer(program):
    return _staff(program, "officer@example.org", "Olzhas", StaffRole.OFFICER)


@pytest.fixture
def committee_member(program):
    return _staff(program, "committee@example.org", "Kamila", StaffRole.COMMITTEE)


@pytest.fixture
def reviewer(program):
    return _staff(program, "reviewer@example.org", "Rustam", StaffRole.REVIEWER)


@pytest.fixture
def outsider(bob):
    """Signed in, with no role in any program."""
    return bob


@pytest.fixture
def ready_call(program, manager):
    """A draft that meets every condition of announcing: summary, dates, grant range within the budget,
    criteria weighing 100 in all."""
    now = timezone.now()
    call = call_create(
        actor=manager,
        program=program,
        title="Молодёжные инициативы 2027",
        summary="Гранты на проекты молодёжных организаций и инициативных групп.",
        opens_at=now + dt.timedelta(days=7),
        closes_at=now + dt.timedelta(days=37),
        budget_ceiling=Decimal("50000000"),
        grant_min=Decimal("1000000"),
        grant_max=Decimal("5000000"),
    )
    criteria_set(actor=manager, call=call, criteria=CRITERIA)
    build_form(manager, call)
    return call


# The form of the calls in these tests: one question of most kinds, and the budget table.
FORM = [
    (
        "Проект",
        [
            {"type": "short_text", "label": "Цель проекта", "required": True, "max_length": 120},
            {"type": "long_text", "label": "Описание", "required": True, "max_length": 1000},
            {"type": "choice", "label": "Целевая группа", "choices": "Молодёжь\nПожилые люди"},
            {"type": "date", "label": "Дата начала"},
        ],
    ),
    ("Бюджет", [{"type": "budget", "label": "Бюджет проекта", "required": True}]),
    ("Документы", [{"type": "file", "label": "Устав"}]),
]


def build_form(actor, call: Call):
    from birge.funding.builder.services import field_add, section_add

    for title, fields in FORM:
        form = section_add(actor=actor, call=call, title=title)
        for spec in fields:
            form = field_add(actor=actor, call=call, section_key=form.sections[-1]["key"], spec=spec)
    return form


def field_keys(call: Call) -> dict[str, str]:
    """Label -> key of the call's current form."""
    form = call.form_versions.order_by("-number").first()
    return {field["label"]: field["key"] for _section, field in form.fields()}


@pytest.fixture
def open_call(ready_call, manager):
    """Announced and open, closing in a month, asking for 20–40 % co-financing."""
    from birge.funding.calls.services import call_open, call_publish

    Call.objects.filter(pk=ready_call.pk).update(
        opens_at=timezone.now() - dt.timedelta(hours=1), cofinancing_min=20, cofinancing_max=40
    )
    ready_call.refresh_from_db()
    call_publish(actor=manager, call=ready_call)
    return call_open(actor=manager, call=ready_call)


@pytest.fixture
def applicant(db):
    """Aigerim, who owns a Kazakh youth organization's profile and applies for it."""
    return make_user("aigerim@example.org", display_name="Aigerim")


@pytest.fixture
def applicant_org(reference, applicant):
    return with_member(
        OrganizationFactory(name="Жастар бірлігі", name_ru="Жастар бірлігі", founded_year=2015), applicant
    )


GOOD_BUDGET = [
    {"category": "Тренинги", "requested": "2 000 000", "cofinancing": "600 000", "source": "Акимат"},
    {
        "category": "Аренда",
        "requested": "400 000",
        "cofinancing": "300 000",
        "source": "Собственные средства",
    },
]


def fill(application, actor):
    """Answer every required question of the test form and give a budget within the rules."""
    from birge.funding.applications.services import application_save

    keys = field_keys(application.call)
    return application_save(
        actor=actor,
        application=application,
        revision=application.revision,
        title="Школа молодых лидеров",
        answers={
            keys["Цель проекта"]: "Обучить 60 лидеров",
            keys["Описание"]: "Три тренинга в трёх районах.",
        },
        budget=GOOD_BUDGET,
    )


@pytest.fixture
def make_application(open_call):
    """Start (and by default fill and submit) an application to the open call for `user`, speaking for
    `organization` when given, else as an initiative group."""
    from birge.funding.applications.services import application_start, application_submit

    def make(user, organization=None, *, submit: bool = True, language: str = "ru", call=None):
        application = application_start(
            actor=user,
            call=call or open_call,
            applicant_kind=Applicant.ORGANIZATION if organization else Applicant.INITIATIVE_GROUP,
            organization=organization,
            group_name="" if organization else f"Группа {user.display_name}",
            title="",
            language=language,
        )
        if organization is None:
            application.country = Country.objects.get(code="KZ")
            application.save(update_fields=["country"])
        application = fill(application, user)
        if submit:
            application = application_submit(actor=user, application=application)
        return application

    return make


@pytest.fixture
def make_call(program):
    """Write a call straight to the database in any status (the services are tested on their own): what the
    public pages then show. Announced calls get their `published_at`; `countries` (codes), `themes` (slugs)
    and `criteria` (how many) fill its lists."""
    numbers = itertools.count(1)

    def make(
        title: str,
        *,
        status: str = Status.OPEN,
        in_program: Program | None = None,
        countries=(),
        themes=(),
        criteria: int = 0,
        **fields,
    ) -> Call:
        number = next(numbers)
        now = timezone.now()
        values = {
            "summary": f"What the call {title} funds.",
            "opens_at": now - dt.timedelta(days=3),
            "closes_at": now + dt.timedelta(days=30 + number),
            "applicants": [Applicant.ORGANIZATION],
            "published_at": None
            if status == Status.DRAFT
            else now - dt.timedelta(days=10) + dt.timedelta(minutes=number),
            **fields,
        }
        call = Call.objects.create(
            program=in_program or program, slug=f"call-{number}", title=title, status=status, **values
        )
        call.countries.set(Country.objects.filter(code__in=countries))
        call.themes.set(ThematicArea.objects.filter(slug__in=themes))
        Criterion.objects.bulk_create(
            Criterion(call=call, title=f"Criterion {n} of {title}", weight=100 // criteria, position=n)
            for n in range(criteria)
        )
        FormVersion.objects.create(
            call=call,
            number=1,
            frozen=status != Status.DRAFT,
            sections=[
                {
                    "key": "s1",
                    "title": "Project",
                    "help": "",
                    "fields": [
                        {
                            "key": "f1",
                            "type": "short_text",
                            "label": "Goal",
                            "help": "",
                            "required": True,
                            "max_length": 200,
                        }
                    ],
                }
            ],
        )
        return call

    return make
