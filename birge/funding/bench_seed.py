"""`birge seed-bench --funding`: one grant competition at the scale of a real one, for bench/funding.py.

A government operator runs a program with a manager, an officer, a committee member and 40 reviewers; its
call is under review, with five criteria weighing 100, a form of a few questions and a budget table, and
`applications` submitted applications, each from its own organization of the directory bench (seeded
here when there are too few), written in Russian, Kazakh, Kyrgyz or Tajik, with answers, budget lines and
the receipt submission gives. The call's pool is the 40 reviewers, each reading Russian and one or two
of the other languages; a few of them belong to an applicant or a partner, as conflicts of interest do.
With `reviews`, each application also has that many submitted reviews, scored per criterion, their totals
computed as the review service computes them.

Rows are written with bulk_create, never through the services: no audit entries, no notifications. The
same numbers give the same applications, titles, budgets, reviewers and scores on every run. Everything
made here has a slug or an e-mail starting with "bench-funding-", and `remove_funding_bench` removes it all
(the directory's organizations stay).
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper
from django.db import transaction
from django.utils import timezone

from birge.core.models import Country
from birge.core.reference import load_reference_data
from birge.funding.applications.budget import clean_lines, totals
from birge.funding.applications.models import Application, Partner
from birge.funding.applications.models import Status as ApplicationStatus
from birge.funding.applications.services import canonical_content, receipt_hash
from birge.funding.awards.models import Award, Tranche, TrancheStatus
from birge.funding.awards.services import planned_budget
from birge.funding.builder.models import FieldType, FormVersion
from birge.funding.calls.models import Call, Criterion, Status
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.programs.models import Applicant, Currency, Mechanism, Program, ProgramStaff, StaffRole
from birge.funding.reports.models import Kind as ReportKind
from birge.funding.reports.models import Report
from birge.funding.review.models import Assignment, Conflict, PoolMember, Score
from birge.funding.review.services import weighted_total
from birge.orgs.members.models import Membership, Role
from birge.orgs.profiles.models import Kind, LegalForm, Organization

SEED = 20270315
PREFIX = "bench-funding-"
DIRECTORY_PREFIX = "bench-"  # the directory bench's organizations (birge seed-bench --orgs)
OPERATOR_SLUG = f"{PREFIX}operator"
PROGRAM_SLUG = f"{PREFIX}program"
CALL_SLUG = f"{PREFIX}call"
REVIEWERS = 40
# What the call asks for when no reviews are seeded: the "5 reviews each".
DEFAULT_REVIEWS_PER_APPLICATION = 5
MOST_REVIEWS = 9  # the call's own limit of reviewers per application
CHUNK = 2000


def email(role: str) -> str:
    return f"{PREFIX}{role}@example.org"


OFFICER_EMAIL = email("officer")
COMMITTEE_EMAIL = email("committee")
MANAGER_EMAIL = email("manager")

# Russian the most common language of applications, as in the region's state grant programs.
LANGUAGES = {"ru": 40, "kk": 25, "ky": 20, "tg": 15}
OTHER_LANGUAGES = ["kk", "ky", "tg"]

# (title, weight, highest score): the weights add up to 100.
CRITERIA = [
    ("Соответствие приоритетам конкурса", 25, 10),
    ("Обоснованность плана работ и результатов", 25, 10),
    ("Реалистичность бюджета", 20, 10),
    ("Опыт и квалификация команды", 15, 10),
    ("Устойчивость результатов", 15, 5),
]

TARGET_GROUPS = ["Молодёжь", "Женщины", "Люди с инвалидностью", "Пожилые люди", "Трудовые мигранты"]
# Fixed keys (the builder makes random ones): the same form on every run.
FORM = [
    {
        "key": "s-project",
        "title": "Проект",
        "help": "",
        "fields": [
            {"key": "f-goal", "type": FieldType.SHORT_TEXT, "label": "Цель проекта", "help": "",
             "required": True, "max_length": 300},
            {"key": "f-summary", "type": FieldType.LONG_TEXT, "label": "Описание проекта", "help": "",
             "required": True, "max_length": 5000},
            {"key": "f-group", "type": FieldType.CHOICE, "label": "Целевая группа", "help": "",
             "required": True, "choices": TARGET_GROUPS},
            {"key": "f-people", "type": FieldType.NUMBER, "label": "Сколько человек получат помощь",
             "help": "", "required": True, "min_value": "1", "max_value": "100000"},
            {"key": "f-start", "type": FieldType.DATE, "label": "Дата начала", "help": "", "required": True},
        ],
    },
    {
        "key": "s-budget",
        "title": "Бюджет",
        "help": "",
        "fields": [
            {"key": "f-budget", "type": FieldType.BUDGET, "label": "Бюджет проекта", "help": "",
             "required": True},
        ],
    },
]  # fmt: skip

# Per language: what projects do, where, and the sentences a description is made of.
TEXTS = {
    "ru": (
        "Школа молодых лидеров|Правовая помощь|Центр поддержки|Экологический лагерь|"
        "Курсы цифровой грамотности|Инклюзивная мастерская|Мобильная консультация",
        "в Шымкенте|в Туркестанской области|в сельских округах|в Караганде|для отдалённых сёл|в Алматы",
        "Мы проведём тренинги и консультации.|Участники получат наставников.|Итоги обсудим с акиматом.|"
        "Материалы останутся в открытом доступе.|Работу продолжат волонтёры.",
    ),
    "kk": (
        "Жас көшбасшылар мектебі|Құқықтық көмек|Қолдау орталығы|Экологиялық лагерь|"
        "Цифрлық сауаттылық курстары",
        "Шымкентте|Түркістан облысында|ауылдық округтерде|Қарағандыда|алыс ауылдар үшін",
        "Тренингтер мен кеңестер өткіземіз.|Қатысушылар тәлімгер алады.|Нәтижелерді әкімдікпен талқылаймыз.|"
        "Материалдар ашық қолжетімді болады.",
    ),
    "ky": (
        "Жаш лидерлер мектеби|Укуктук жардам|Колдоо борбору|Экологиялык лагерь|"
        "Санариптик сабаттуулук курстары",
        "Ошто|Жалал-Абад облусунда|айыл аймактарында|Нарында|алыскы айылдар үчүн",
        "Тренингдерди жана кеңештерди өткөрөбүз.|Катышуучулар насаатчы алышат.|"
        "Жыйынтыктарды мэрия менен талкуулайбыз.|Материалдар ачык болот.",
    ),
    "tg": (
        "Мактаби пешвоёни ҷавон|Кӯмаки ҳуқуқӣ|Маркази дастгирӣ|Лагери экологӣ|Курсҳои саводнокии рақамӣ",
        "дар Хуҷанд|дар вилояти Суғд|дар деҳаҳо|дар Бохтар|барои деҳаҳои дурдаст",
        "Омӯзишҳо ва машваратҳо мегузаронем.|Иштирокчиён мураббӣ мегиранд.|"
        "Натиҷаҳоро бо ҳукумати маҳаллӣ муҳокима мекунем.|Маводҳо ошкоро мемонанд.",
    ),
}
BUDGET_CATEGORIES = ["Тренинги", "Аренда помещения", "Транспорт", "Оплата труда", "Оборудование", "Издание"]
COFINANCING_SOURCES = ["Собственные средства", "Акимат", "Местный бизнес", "Международный фонд"]
REVIEWER_NAMES = [
    "Айгерим", "Нурлан", "Жанар", "Бакыт", "Гульнара", "Ерлан", "Мадина", "Тимур", "Фарида", "Азамат",
    "Зарина", "Рустам", "Динара", "Алишер", "Сабина", "Максат", "Нилуфар", "Канат", "Айжан", "Фаррух",
]  # fmt: skip


def _say(stdout: OutputWrapper | None, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def funding_bench_exists() -> bool:
    return (
        Program.objects.filter(slug=PROGRAM_SLUG).exists()
        or get_user_model().objects.filter(email__startswith=PREFIX).exists()
    )


def remove_funding_bench() -> None:
    """Everything `seed_funding_bench` made, in the order the protecting foreign keys allow."""
    with transaction.atomic():
        calls = Call.objects.filter(program__slug=PROGRAM_SLUG)
        # Their reviews, scores, partners and decisions go with them; awards protect their applications.
        Award.objects.filter(application__call__in=calls).delete()
        Application.objects.filter(call__in=calls).delete()
        calls.delete()
        Program.objects.filter(slug=PROGRAM_SLUG).delete()
        Organization.objects.filter(slug=OPERATOR_SLUG).delete()
        get_user_model().objects.filter(email__startswith=PREFIX).delete()


def seed_funding_bench(
    *,
    applications: int,
    reviews: int = 0,
    awards: int = 0,
    reset: bool = False,
    stdout: OutputWrapper | None = None,
) -> Call | None:
    """The call under review described above; `reset` removes an earlier one first. With `reset` and no
    applications, only removes. With `awards`, the call is decided instead: that many applications approved
    for the amount they asked, each with its award (two tranches, the second after an interim report, and
    a final report), the others rejected."""
    if not 0 <= reviews <= MOST_REVIEWS:
        raise CommandError(f"--reviews is from 0 to {MOST_REVIEWS} (a call's limit of reviewers).")
    if applications < 0:
        raise CommandError("--applications cannot be negative.")
    if not 0 <= awards <= applications:
        raise CommandError("--awards is from 0 to the number of applications.")
    started = time.monotonic()
    if funding_bench_exists():
        if not reset:
            raise CommandError("The funding bench exists already; use --reset.")
        remove_funding_bench()
        _say(stdout, "removed the earlier funding bench")
        if not applications:
            return None
    if not Country.objects.filter(code="KZ").exists():
        load_reference_data()
    organizations = _applicant_organizations(applications, stdout)
    rng = random.Random(SEED)
    with transaction.atomic():
        call, officer = _call(reviews or DEFAULT_REVIEWS_PER_APPLICATION, rng)
        reviewers = _reviewers(call, rng)
        owners = _users([f"applicant-{number:04d}" for number in range(applications)], rng)
        made = _applications(call, organizations, owners, rng)
        ties = _conflicts(made, organizations, reviewers, rng)
        if reviews:
            _reviews(call, made, reviewers, ties, reviews, officer, rng)
        if awards:
            decide_and_award(call, made, awards, officer)
    _say(
        stdout,
        f"seeded the funding bench: call {call.slug}, {applications} applications, {reviews} submitted "
        f"reviews each, {len(reviewers)} reviewers, {awards} awards, in {time.monotonic() - started:.1f} s",
    )
    return call


def _applicant_organizations(count: int, stdout: OutputWrapper | None) -> list[Organization]:
    """The first `count` organizations of the directory bench, seeding it when it has fewer (the same
    first organizations: that seed is deterministic too)."""
    bench = (
        Organization.objects.filter(slug__startswith=DIRECTORY_PREFIX)
        .exclude(slug__startswith=PREFIX)
        .order_by("slug")
    )
    present = bench.count()
    if present < count:
        call_command("seed_bench", orgs=count, reset=bool(present), stdout=stdout)
    return list(bench.only("pk", "slug", "country_id")[:count])


def _users(roles: list[str], rng: random.Random, language: str | None = None) -> list:
    """Accounts without a password (the bench signs in with force_login), one per role."""
    User = get_user_model()
    User.objects.bulk_create(
        (
            User(
                email=email(role),
                password="!",
                display_name=f"{rng.choice(REVIEWER_NAMES)} ({role})",
                language=language or rng.choice(list(LANGUAGES)),
            )
            for role in roles
        ),
        batch_size=CHUNK,
    )
    found = {user.email: user for user in User.objects.filter(email__in=[email(role) for role in roles])}
    return [found[email(role)] for role in roles]


def _call(reviews_per_application: int, rng: random.Random) -> tuple[Call, object]:
    now = timezone.now()
    kazakhstan = Country.objects.get(code="KZ")
    operator = Organization.objects.create(
        slug=OPERATOR_SLUG,
        kind=Kind.GOVERNMENT,
        legal_form=LegalForm.AGENCY,
        name="Центр поддержки гражданских инициатив (бенчмарк)",
        name_ru="Центр поддержки гражданских инициатив (бенчмарк)",
        original_language="ru",
        country=kazakhstan,
        # Unpublished: the directory bench's counts and index stay those of its own organizations.
        published_at=None,
    )
    manager, officer, committee = _users(["manager", "officer", "committee"], rng, "ru")
    Membership.objects.create(organization=operator, user=manager, role=Role.OWNER)
    program = Program.objects.create(
        operator=operator,
        slug=PROGRAM_SLUG,
        title="Государственные гранты НПО (бенчмарк)",
        mechanism=Mechanism.STATE_GRANT,
        currency=Currency.KZT,
        applicants=[Applicant.ORGANIZATION],
    )
    ProgramStaff.objects.bulk_create(
        ProgramStaff(program=program, user=user, role=role)
        for user, role in [
            (manager, StaffRole.MANAGER),
            (officer, StaffRole.OFFICER),
            (committee, StaffRole.COMMITTEE),
        ]
    )
    call = Call.objects.create(
        program=program,
        slug=CALL_SLUG,
        title="Гранты НПО 2027: социальные проекты (бенчмарк)",
        summary="Гранты на социальные проекты неправительственных организаций.",
        status=Status.IN_REVIEW,
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=14),
        published_at=now - timedelta(days=75),
        budget_ceiling=Decimal("3000000000"),
        grant_min=Decimal("1000000"),
        grant_max=Decimal("15000000"),
        cofinancing_min=10,
        cofinancing_max=50,
        applicants=[Applicant.ORGANIZATION],
        reviews_per_application=reviews_per_application,
    )
    Criterion.objects.bulk_create(
        Criterion(call=call, title=title, weight=weight, max_score=most, position=position)
        for position, (title, weight, most) in enumerate(CRITERIA)
    )
    FormVersion.objects.create(call=call, number=1, sections=FORM, frozen=True, created_by=manager)
    return call, officer


def _reviewers(call: Call, rng: random.Random) -> list[tuple[object, list[str]]]:
    """The program's 40 reviewers, all in the call's pool: (user, languages read)."""
    users = _users([f"reviewer-{number:02d}" for number in range(REVIEWERS)], rng)
    pool = []
    for number, user in enumerate(users):
        languages = {"ru", OTHER_LANGUAGES[number % 3]}
        if number % 4 == 0:
            languages.add(OTHER_LANGUAGES[(number + 1) % 3])
        pool.append((user, sorted(languages)))
    ProgramStaff.objects.bulk_create(
        ProgramStaff(program=call.program, user=user, role=StaffRole.REVIEWER) for user, _l in pool
    )
    PoolMember.objects.bulk_create(PoolMember(call=call, user=user, languages=read) for user, read in pool)
    return pool


def _texts(rng: random.Random, language: str) -> tuple[str, str, str]:
    projects, places, sentences = (part.split("|") for part in TEXTS[language])
    title = f"{rng.choice(projects)} {rng.choice(places)}"
    goal = f"{title}: {rng.randint(40, 900)}"
    description = " ".join(rng.sample(sentences, k=3))
    return title, goal, description


def _budget(rng: random.Random) -> list[dict[str, str]]:
    lines = []
    for category in rng.sample(BUDGET_CATEGORIES, k=rng.randint(3, 6)):
        requested = rng.randint(2, 30) * 100_000
        cofinancing = rng.randint(0, 8) * 50_000
        lines.append(
            {
                "category": category,
                "requested": f"{requested:,}".replace(",", " "),
                "cofinancing": f"{cofinancing:,}".replace(",", " ") if cofinancing else "",
                "source": rng.choice(COFINANCING_SOURCES) if cofinancing else "",
            }
        )
    return clean_lines(lines)


def _applications(
    call: Call, organizations: list[Organization], owners: list, rng: random.Random
) -> list[Application]:
    """One submitted application per organization, its owner an owner of the organization's profile; the
    receipt as `application_submit` computes it."""
    form = call.form_versions.get()
    Membership.objects.bulk_create(
        Membership(organization=organization, user=owner, role=Role.OWNER)
        for organization, owner in zip(organizations, owners, strict=True)
    )
    rows = []
    for number, (organization, owner) in enumerate(zip(organizations, owners, strict=True)):
        language = rng.choices(list(LANGUAGES), weights=list(LANGUAGES.values()))[0]
        title, goal, description = _texts(rng, language)
        budget = _budget(rng)
        sums = totals(budget)
        start = (call.closes_at + timedelta(days=rng.randint(45, 120))).date()
        rows.append(
            Application(
                call=call,
                form=form,
                owner=owner,
                applicant_kind=Applicant.ORGANIZATION,
                organization=organization,
                title=title,
                language=language,
                answers={
                    "f-goal": goal,
                    "f-summary": description,
                    "f-group": rng.choice(TARGET_GROUPS),
                    "f-people": str(rng.randint(20, 2000)),
                    "f-start": start.isoformat(),
                },
                budget=budget,
                requested_amount=sums.requested,
                total_cost=sums.total,
                status=ApplicationStatus.SUBMITTED,
                revision=rng.randint(3, 40),
                submitted_at=call.closes_at - timedelta(minutes=number * 7 + rng.randint(0, 6)),
            )
        )
    made = Application.objects.bulk_create(rows, batch_size=CHUNK)
    # One in five names another applicant as its partner.
    Partner.objects.bulk_create(
        Partner(application=application, organization=organizations[(number + 7) % len(organizations)])
        for number, application in enumerate(made)
        if number % 5 == 0 and len(organizations) > 1 and (number + 7) % len(organizations) != number
    )
    # Two queries each, as the service makes them at submission: the receipt is the service's own.
    for application in made:
        application.submitted_content = canonical_content(application)
        application.receipt_sha256 = receipt_hash(application.submitted_content)
    Application.objects.bulk_update(made, ["submitted_content", "receipt_sha256"], batch_size=500)
    return made


def _conflicts(
    applications: list[Application], organizations: list[Organization], reviewers: list, rng: random.Random
) -> dict[int, set[int]]:
    """Every eighth reviewer belongs to an applicant organization: auto-assignment must pass them over on
    its applications and on those naming it as a partner. Returns reviewer id -> applications they are
    tied to."""
    if not organizations:
        return {}
    belongs = {
        user.pk: organizations[rng.randrange(len(organizations))].pk
        for number, (user, _languages) in enumerate(reviewers)
        if number % 8 == 0
    }
    Membership.objects.bulk_create(
        Membership(organization_id=organization, user_id=user, role=Role.MEMBER)
        for user, organization in belongs.items()
    )
    named: dict[int, set[int]] = {
        application.pk: {application.organization_id} for application in applications
    }
    for application_id, organization in Partner.objects.filter(application__in=applications).values_list(
        "application_id", "organization_id"
    ):
        named[application_id].add(organization)
    return {
        user: {pk for pk, tied in named.items() if organization in tied}
        for user, organization in belongs.items()
    }


def _reviews(
    call: Call,
    applications: list[Application],
    reviewers: list,
    ties: dict[int, set[int]],
    reviews: int,
    officer,
    rng: random.Random,
) -> None:
    """`reviews` submitted reviews per application by reviewers who read its language and are not tied to
    it, the least loaded first. Each application has a quality its reviewers roughly agree on; one in eight
    has a reviewer far off it, so the ranking has disagreements to flag."""
    criteria = list(call.criteria.all())
    load = {user.pk: 0 for user, _languages in reviewers}
    bias = {user.pk: rng.uniform(-0.08, 0.08) for user, _languages in reviewers}
    now = timezone.now()
    planned: list[tuple[Assignment, list[int]]] = []
    for application in applications:
        fits = [
            user.pk
            for user, languages in reviewers
            if application.language in languages and application.pk not in ties.get(user.pk, set())
        ]
        chosen = sorted(fits, key=lambda pk: (load[pk], pk))[:reviews]
        quality = rng.uniform(0.3, 0.95)
        maverick = rng.randrange(len(chosen)) if chosen and rng.random() < 0.125 else None
        for position, reviewer in enumerate(chosen):
            load[reviewer] += 1
            off = rng.choice((-0.4, 0.4)) if position == maverick else 0
            values = [
                round(
                    min(1.0, max(0.0, quality + bias[reviewer] + off + rng.gauss(0, 0.1)))
                    * criterion.max_score
                )
                for criterion in criteria
            ]
            submitted = now - timedelta(hours=rng.randint(1, 24 * 10))
            planned.append(
                (
                    Assignment(
                        application=application,
                        reviewer_id=reviewer,
                        assigned_by=officer,
                        conflict=Conflict.NONE,
                        declared_at=submitted - timedelta(hours=rng.randint(1, 48)),
                        submitted_at=submitted,
                        total=weighted_total(
                            {criterion.pk: value for criterion, value in zip(criteria, values, strict=True)},
                            criteria,
                        ),
                    ),
                    values,
                )
            )
    made = Assignment.objects.bulk_create([assignment for assignment, _values in planned], batch_size=CHUNK)
    Score.objects.bulk_create(
        (
            Score(assignment=assignment, criterion=criterion, value=value)
            for assignment, (_a, values) in zip(made, planned, strict=True)
            for criterion, value in zip(criteria, values, strict=True)
        ),
        batch_size=CHUNK,
    )


def decide_and_award(call: Call, applications: list[Application], count: int, officer) -> list[Award]:
    """The call decided: the first `count` applications approved for what they asked, with their awards
    as `award_make` would make them; the rest rejected. Rows straight to the database, like the rest."""
    signed = (call.closes_at + timedelta(days=60)).date()
    approved, rejected = applications[:count], applications[count:]
    Decision.objects.bulk_create(
        [
            *(
                Decision(
                    application=application,
                    outcome=Outcome.APPROVED,
                    amount=application.requested_amount,
                    reasons="Высокие оценки экспертов.",
                    decided_by=officer,
                    announced_at=timezone.now(),
                )
                for application in approved
            ),
            *(
                Decision(
                    application=application,
                    outcome=Outcome.REJECTED,
                    reasons="Недостаточно баллов.",
                    decided_by=officer,
                    announced_at=timezone.now(),
                )
                for application in rejected
            ),
        ],
        batch_size=CHUNK,
    )
    Call.objects.filter(pk=call.pk).update(status=Status.DECIDED)
    made = Award.objects.bulk_create(
        Award(
            application=application,
            title=application.title,
            amount=application.requested_amount,
            currency=call.program.currency,
            starts_on=signed + timedelta(days=14),
            ends_on=signed + timedelta(days=14 + 300),
            signed_on=signed,
            budget=planned_budget(application, application.requested_amount),
            organization=application.organization,
            recipient_name=application.organization.name,
            country=application.organization.country,
            region=application.organization.region,
            created_by=officer,
        )
        for application in approved
    )
    reports = Report.objects.bulk_create(
        Report(
            award=award,
            number=number,
            kind=kind,
            due_on=award.starts_on + timedelta(days=days),
            currency=award.currency,
        )
        for award in made
        for number, kind, days in ((1, ReportKind.INTERIM, 150), (2, ReportKind.FINAL, 310))
    )
    interim = {report.award_id: report for report in reports if report.number == 1}
    Tranche.objects.bulk_create(
        Tranche(
            award=award,
            number=number,
            amount=amount,
            due_on=award.starts_on + timedelta(days=days),
            after_report=after,
            status=status,
        )
        for award in made
        for number, amount, days, after, status in (
            (1, (award.amount * 6 / 10).quantize(Decimal("0.01")), 0, None, TrancheStatus.PAYABLE),
            (
                2,
                award.amount - (award.amount * 6 / 10).quantize(Decimal("0.01")),
                160,
                interim[award.pk],
                TrancheStatus.SCHEDULED,
            ),
        )
    )
    return made
