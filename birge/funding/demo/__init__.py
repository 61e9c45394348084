"""Demo funding programs of four operators from the demo directory, each with its calls, created and moved
through their life cycle by the programs' own staff through the services, as on the site: Kazakhstan's
Civil Initiatives Support Center (state grants: one call open, one competition decided), Kyrgyzstan's youth
agency (grants with 20–40 % co-financing), Tajikistan's Committee for Women and Family Affairs (grants to
women entrepreneurs) and the Shymkent akimat (a social contract for home care of the elderly, in two lots).

The Kazakh centre's decided competition is played through from start to end: sixty organizations apply,
five reviewers score them (two declare a conflict of interest and are replaced), and the committee approves
eight, waitlists four and rejects the rest; its open call has drafts in progress and two applications in.
Dates are counted from today, so the open calls stay open whenever the demo is loaded. Loading again changes
nothing."""

import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from functools import cache
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db.models import Avg
from django.utils import timezone

from birge.accounts.demo import DEMO_PASSWORD
from birge.accounts.models import User
from birge.core.models import Country, Region, ThematicArea
from birge.funding.applications import services as applying
from birge.funding.applications.models import Application
from birge.funding.builder import services as builder
from birge.funding.calls import services as calls
from birge.funding.calls.models import Call, Lot, Status
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.decisions.services import decision_record
from birge.funding.programs.models import Applicant, Currency, Mechanism, Program, StaffRole
from birge.funding.programs.services import program_create, staff_add
from birge.funding.review import services as review
from birge.funding.review.models import Assignment, Conflict, Score
from birge.funding.review.ranking import ranking
from birge.orgs.members.models import Membership, Role
from birge.orgs.profiles.models import Kind, LegalForm, Organization
from birge.orgs.profiles.services import organization_create, organization_publish, organization_set_themes

# The operators' grant staff: e-mail → (name, language, operator, role in the operator's profile).
STAFF = {
    "yerzhan@birge.demo": ("Ержан Байжанов", "kk", "kz-cisc", Role.EDITOR),
    "dana@birge.demo": ("Дана Мусина", "kk", "kz-cisc", Role.MEMBER),
    "aibek@birge.demo": ("Айбек Токтосунов", "ky", "kg-youth-agency", Role.EDITOR),
    "farangis@birge.demo": ("Фарангис Назарова", "tg", "tj-committee-women-family", Role.EDITOR),
    "saule@birge.demo": ("Сауле Жаксыбекова", "kk", "shymkent-akimat", Role.EDITOR),
}
# The Kazakh centre's outside experts: e-mail → (name, language, languages they review in).
REVIEWERS = {
    "reviewer1@birge.demo": ("Гульмира Сапарова", "kk", ["kk", "ru"]),
    "reviewer2@birge.demo": ("Виктор Пак", "ru", ["ru"]),
    "reviewer3@birge.demo": ("Асхат Жумабаев", "kk", ["kk", "ru"]),
    "reviewer4@birge.demo": ("Елена Белова", "ru", ["ru"]),
    "reviewer5@birge.demo": ("Айнур Касенова", "kk", ["kk", "ru"]),
}
# The chair of the centre's competition committee, who records its decisions.
COMMITTEE = {"committee@birge.demo": ("Бахытжан Ермеков", "kk")}

# The steps of a call's life, in order: a demo call takes them until it reaches its status.
LIFE = (
    calls.call_publish,
    calls.call_open,
    calls.call_close,
    calls.call_start_review,
    calls.call_decide,
)

CISC_CRITERIA = [
    ("Соответствие проекта приоритетам конкурса и потребностям целевой группы", 25, 10),
    ("Обоснованность плана работ и ожидаемых результатов", 25, 10),
    ("Реалистичность и прозрачность бюджета", 20, 10),
    ("Опыт организации и квалификация команды", 15, 10),
    ("Устойчивость результатов после завершения гранта", 15, 10),
]

# Amounts follow the field research on state support of CSOs in the region: the Kazakh centre's grants
# average about 12 million tenge, the Kyrgyz agency's whole budget is a few million som, and the Tajik
# committee gives about 80 grants a year of some 3,000 US dollars each.
PROGRAMS = [
    {
        "operator": "kz-cisc",
        "manager": "yerzhan@birge.demo",
        "officer": "dana@birge.demo",
        "reviewers": list(REVIEWERS),
        "committee": list(COMMITTEE),
        "title": "Государственные гранты для неправительственных организаций",
        "description": (
            "Гранты из республиканского бюджета на социально значимые проекты НПО по приоритетам, которые "
            "ежегодно утверждает уполномоченный орган в сфере гражданского общества. Центр проводит "
            "конкурсы, сопровождает грантополучателей и отслеживает результаты проектов."
        ),
        "mechanism": Mechanism.STATE_GRANT,
        "currency": Currency.KZT,
        "applicants": [Applicant.ORGANIZATION],
        "organization_kinds": [Kind.CSO],
        "calls": [
            {
                "title": "Гранты на развитие гражданского общества в регионах",
                "summary": (
                    "Конкурс государственных грантов для неправительственных организаций Казахстана. "
                    "Поддерживаются проекты по развитию волонтёрства, укреплению потенциала сельских НПО и "
                    "участию жителей в местном самоуправлении.\n"
                    "Срок реализации проекта — до 12 месяцев. Заявку подаёт НПО, зарегистрированная не "
                    "менее года назад; одна организация подаёт одну заявку."
                ),
                "status": Status.OPEN,
                "announced": -17,
                "opens": (-10, 9),
                "closes": (21, 18),
                "time_zone": "Asia/Almaty",
                "budget_ceiling": "300000000",
                "grant_min": "3000000",
                "grant_max": "30000000",
                "min_organization_age": 1,
                "countries": ["KZ"],
                "themes": ["volunteering", "cso-capacity-building", "local-self-government"],
                "criteria": CISC_CRITERIA,
                "applications": "open call",
            },
            {
                "title": "Гранты на социальную поддержку уязвимых групп населения",
                "summary": (
                    "Конкурс государственных грантов для НПО, которые работают с людьми с инвалидностью, "
                    "пожилыми людьми, семьями трудовых мигрантов и семьями в трудной жизненной ситуации.\n"
                    "Срок реализации проекта — до 10 месяцев."
                ),
                "status": Status.DECIDED,
                "announced": -200,
                "opens": (-190, 9),
                "closes": (-160, 18),
                "time_zone": "Asia/Almaty",
                "budget_ceiling": "250000000",
                "grant_min": "5000000",
                "grant_max": "25000000",
                "min_organization_age": 1,
                "countries": ["KZ"],
                "themes": ["disability-rights", "older-people", "migrant-families", "social-services"],
                "criteria": CISC_CRITERIA,
                "applications": "competition",
            },
        ],
    },
    {
        "operator": "kg-youth-agency",
        "manager": "aibek@birge.demo",
        "title": "Социальные гранты для молодёжных организаций",
        "description": (
            "Агентство распределяет средства государственного социального заказа на проекты молодёжных "
            "НПО. Каждый проект софинансируется из других источников — местным бизнесом, айыл окмоту или "
            "самой организацией: так к молодёжной политике приходят партнёры, а результаты живут дольше "
            "гранта."
        ),
        "mechanism": Mechanism.STATE_GRANT,
        "currency": Currency.KGS,
        "applicants": [Applicant.ORGANIZATION],
        "organization_kinds": [Kind.CSO],
        "calls": [
            {
                "title": "Молодёжь в сёлах: гражданская активность и спорт",
                "summary": (
                    "Гранты на проекты молодёжных организаций в сёлах и малых городах Кыргызстана: "
                    "молодёжные советы при айыл окмоту, волонтёрские инициативы, спортивные секции и клубы.\n"
                    "Заявитель обеспечивает софинансирование от 20 до 40 % стоимости проекта — деньгами или "
                    "вкладом партнёров (местного бизнеса, органов местного самоуправления, самой "
                    "организации). Срок проекта — до 9 месяцев."
                ),
                "status": Status.OPEN,
                "announced": -12,
                "opens": (-5, 9),
                "closes": (35, 18),
                "time_zone": "Asia/Bishkek",
                "budget_ceiling": "3000000",
                "grant_min": "150000",
                "grant_max": "500000",
                "cofinancing_min": 20,
                "cofinancing_max": 40,
                "countries": ["KG"],
                "themes": ["youth-civic-engagement", "physical-culture-sport"],
                "criteria": [
                    ("Значимость проекта для молодёжи села", 25, 10),
                    ("Качество плана работ и измеримость результатов", 25, 10),
                    ("Софинансирование и партнёрство с бизнесом и айыл окмоту", 20, 10),
                    ("Обоснованность бюджета", 15, 10),
                    ("Участие самой молодёжи в подготовке и реализации", 15, 10),
                ],
            },
        ],
    },
    {
        "operator": "tj-committee-women-family",
        "manager": "farangis@birge.demo",
        "title": (
            "Гранты Президента Республики Таджикистан на поддержку предпринимательской деятельности женщин"
        ),
        "description": (
            "Ежегодно Комитет выдаёт около 80 грантов женщинам, которые начинают или расширяют своё дело, "
            "по всей стране и прежде всего в сельской местности. Заявку подаёт сама предпринимательница или "
            "женская инициативная группа; общественные объединения в этой программе не участвуют."
        ),
        "mechanism": Mechanism.STATE_GRANT,
        "currency": Currency.TJS,
        "applicants": [Applicant.INDIVIDUAL, Applicant.INITIATIVE_GROUP],
        "organization_kinds": [],
        "calls": [
            {
                "title": "Конкурс грантов для женщин-предпринимателей",
                "summary": (
                    "Гранты на открытие или расширение собственного дела: швейное и ремесленное "
                    "производство, переработка сельхозпродукции, теплицы, пчеловодство, бытовые услуги.\n"
                    "Подать заявку могут гражданки Таджикистана старше 18 лет — лично или в составе женской "
                    "инициативной группы — с бизнес-планом и сметой. Преимущество получают жительницы "
                    "сельской местности и женщины, впервые начинающие своё дело."
                ),
                "status": Status.PUBLISHED,
                "announced": -4,
                "opens": (10, 8),
                "closes": (50, 17),
                "time_zone": "Asia/Dushanbe",
                "budget_ceiling": "2400000",
                "grant_min": "10000",
                "grant_max": "40000",
                "countries": ["TJ"],
                "themes": ["womens-entrepreneurship", "rural-entrepreneurship"],
                "criteria": [
                    ("Жизнеспособность бизнес-идеи и бизнес-плана", 30, 10),
                    ("Новые рабочие места и доход семьи", 25, 10),
                    ("Реалистичность сметы и собственный вклад", 20, 10),
                    ("Опыт и навыки заявительницы", 15, 10),
                    ("Значимость для местного сообщества", 10, 10),
                ],
            },
        ],
    },
    {
        "operator": "shymkent-akimat",
        "manager": "saule@birge.demo",
        "title": "Государственный социальный заказ города Шымкент",
        "description": (
            "Управление занятости и социальных программ акимата закупает у НПО социальные услуги, которые "
            "город оплачивает из местного бюджета: уход на дому, реабилитацию, поддержку семей в трудной "
            "жизненной ситуации."
        ),
        "mechanism": Mechanism.SOCIAL_CONTRACT,
        "currency": Currency.KZT,
        "applicants": [Applicant.ORGANIZATION],
        "organization_kinds": [Kind.CSO],
        "calls": [
            {
                "title": "Специальные социальные услуги на дому для одиноких пожилых людей",
                "summary": (
                    "Акимат закупает услуги по уходу на дому за одинокими пожилыми людьми и пожилыми людьми "
                    "с инвалидностью, которые не могут обслуживать себя сами, в двух лотах по районам "
                    "города. НПО подаёт заявку на один или оба лота; цена заявки не выше предельной цены "
                    "лота."
                ),
                "status": Status.OPEN,
                "announced": -8,
                "opens": (-3, 9),
                "closes": (18, 18),
                "time_zone": "Asia/Almaty",
                "budget_ceiling": "97200000",
                "price_ceiling": "97200000",
                "max_applications": 2,
                "min_organization_age": 1,
                "service_specification": (
                    "Получатели услуг: одинокие и одиноко проживающие пожилые люди и люди с инвалидностью "
                    "I и II групп, нуждающиеся в постороннем уходе, по спискам районных отделов занятости и "
                    "социальных программ.\n"
                    "Состав услуги: посещение на дому не реже трёх раз в неделю; покупка и доставка "
                    "продуктов и лекарств, приготовление пищи, помощь в личной гигиене и уборке жилья; "
                    "сопровождение в поликлинику; оплата коммунальных услуг за счёт получателя; "
                    "психологическая поддержка и досуг.\n"
                    "Требования к исполнителю: социальные работники с подготовкой по уходу, не более "
                    "восьми получателей на одного работника; индивидуальный план ухода на каждого "
                    "получателя; журнал посещений.\n"
                    "Срок оказания услуг — 12 месяцев с даты договора. Отчёт — ежемесячно, в управление "
                    "занятости и социальных программ города Шымкент."
                ),
                "countries": ["KZ"],
                "regions": ["KZ-79"],
                "themes": ["older-people", "social-services"],
                # 30,000 tenge per person a month, for twelve months.
                "lots": [
                    ("Абайский и Аль-Фарабийский районы: 150 получателей услуг", "54000000"),
                    ("Енбекшинский, Каратауский и Туранский районы: 120 получателей услуг", "43200000"),
                ],
                "criteria": [
                    ("Опыт оказания специальных социальных услуг", 30, 10),
                    ("Квалификация и число социальных работников", 25, 10),
                    ("Методика ухода и контроль качества", 25, 10),
                    ("Предложенная цена", 20, 10),
                ],
            },
        ],
    },
]

SETTINGS = ("budget_ceiling", "grant_min", "grant_max", "price_ceiling")  # amounts, written as text above
PLAIN_SETTINGS = (
    "cofinancing_min",
    "cofinancing_max",
    "min_organization_age",
    "max_applications",
    "service_specification",
)


def _moment(days: int, hour: int, zone: str) -> datetime:
    """`hour` o'clock in `zone`, `days` from today there."""
    tz = ZoneInfo(zone)
    return datetime.combine(timezone.localdate(timezone=tz) + timedelta(days=days), time(hour), tzinfo=tz)


@cache
def _password_hash() -> str:
    # A hash of the demo password takes most of a second by design (PBKDF2); made once, it serves the
    # seventy accounts below, which keeps the demo's loading to seconds.
    return make_password(DEMO_PASSWORD)


def _demo_account(email: str, name: str, language: str) -> User:
    """A demo account as `birge.accounts.demo.demo_account` makes them (password DEMO_PASSWORD, address
    confirmed), with the hash made once."""
    user, _created = User.objects.get_or_create(
        email=email, defaults={"display_name": name, "language": language, "password": _password_hash()}
    )
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _staff_accounts() -> dict:
    people = {}
    for email, (name, language, operator_slug, role) in STAFF.items():
        people[email] = _demo_account(email, name, language)
        Membership.objects.get_or_create(
            organization=Organization.objects.get(slug=operator_slug),
            user=people[email],
            defaults={"role": role},
        )
    # The experts and the committee are outsiders to the centre: a role in its program, no membership.
    for email, (name, language, *_languages) in (REVIEWERS | COMMITTEE).items():
        people[email] = _demo_account(email, name, language)
    return people


def _call(program: Program, actor, spec: dict, people: dict) -> Call:
    zone = spec["time_zone"]
    fields = {name: Decimal(spec[name]) for name in SETTINGS if name in spec}
    fields |= {name: spec[name] for name in PLAIN_SETTINGS if name in spec}
    call = calls.call_create(
        actor=actor,
        program=program,
        title=spec["title"],
        summary=spec["summary"],
        opens_at=_moment(*spec["opens"], zone),
        closes_at=_moment(*spec["closes"], zone),
        time_zone=zone,
        **fields,
    )
    calls.call_set_eligibility(
        actor=actor,
        call=call,
        countries=Country.objects.filter(code__in=spec.get("countries", [])),
        regions=Region.objects.filter(code__in=spec.get("regions", [])),
        themes=ThematicArea.objects.filter(slug__in=spec.get("themes", [])),
    )
    # A social contract's lots have no service yet: the demo writes them while the call is still a draft.
    for number, (title, ceiling) in enumerate(spec.get("lots", []), start=1):
        Lot.objects.create(call=call, number=number, title=title, price_ceiling=Decimal(ceiling))
    calls.criteria_set(actor=actor, call=call, criteria=spec["criteria"])
    _form(actor, call)
    merits: dict = {}
    for step in LIFE:
        if call.status == spec["status"]:
            break
        call = step(actor=actor, call=call)
        # The applicants and the committee act between the staff's steps, as they would on the site.
        if call.status == Status.OPEN and spec.get("applications"):
            merits = APPLICATIONS[spec["applications"]](call, spec)
        if call.status == Status.IN_REVIEW and spec.get("applications"):
            _review(call, actor, people, merits)
            _decide(call, people[next(iter(COMMITTEE))])
    # Announcing stamps the present moment; these calls were announced days or months ago, so the date the
    # list and the feed show is written back (the audit log keeps the real moment).
    call.published_at = _moment(spec["announced"], 10, zone)
    call.save(update_fields=["published_at"])
    if call.applications.exists():
        _backdate(call)
    return call


# The application form of every demo call: what such competitions ask, in the operators' working language.
FORM = [
    (
        "О проекте",
        "Коротко и конкретно: что изменится и для кого.",
        [
            {"type": "short_text", "label": "Цель проекта", "required": True, "max_length": 200},
            {"type": "long_text", "label": "Проблема и целевая группа", "required": True, "max_length": 2000},
            {
                "type": "long_text",
                "label": "Мероприятия и ожидаемые результаты",
                "required": True,
                "max_length": 3000,
            },
            {
                "type": "multi_choice",
                "label": "Целевые группы",
                "choices": "Молодёжь\nЖенщины\nПожилые люди\nЛюди с инвалидностью\nСельские жители",
            },
            {"type": "number", "label": "Сколько человек получат пользу", "min_value": "1"},
            {"type": "date", "label": "Дата начала проекта", "required": True},
        ],
    ),
    (
        "Бюджет",
        "Укажите по каждой статье сумму, которую вы просите, и софинансирование с его источником.",
        [{"type": "budget", "label": "Бюджет проекта", "required": True}],
    ),
    (
        "Документы",
        "PDF, DOCX или фотография документа.",
        [{"type": "file", "label": "Устав или положение об инициативной группе"}],
    ),
]


def _form(actor, call: Call) -> None:
    for title, help_text, fields in FORM:
        form = builder.section_add(actor=actor, call=call, title=title, help=help_text)
        for spec in fields:
            form = builder.field_add(actor=actor, call=call, section_key=form.sections[-1]["key"], spec=spec)


def _program(spec: dict, people: dict) -> Program:
    manager = people[spec["manager"]]
    program = program_create(
        actor=manager,
        operator=Organization.objects.get(slug=spec["operator"]),
        title=spec["title"],
        description=spec["description"],
        mechanism=spec["mechanism"],
        currency=spec["currency"],
        applicants=spec["applicants"],
        organization_kinds=spec["organization_kinds"],
    )
    runner = manager
    if spec.get("officer"):
        runner = people[spec["officer"]]
        staff_add(actor=manager, program=program, user=runner, role=StaffRole.OFFICER)
    for email in spec.get("reviewers", []):
        staff_add(actor=manager, program=program, user=people[email], role=StaffRole.REVIEWER)
    for email in spec.get("committee", []):
        staff_add(actor=manager, program=program, user=people[email], role=StaffRole.COMMITTEE)
    for call_spec in spec["calls"]:
        _call(program, runner, call_spec, people)
    return program


def load(stdout) -> None:
    people = _staff_accounts()
    created = [
        _program(spec, people)
        for spec in PROGRAMS
        if not Program.objects.filter(operator__slug=spec["operator"], title=spec["title"]).exists()
    ]
    if not created:
        stdout.write("Demo funding programs already loaded.")
        return
    calls_made = Call.objects.filter(program__in=created).count()
    applications = Application.objects.filter(call__program__in=created).count()
    stdout.write(
        f"Demo funding programs: {len(created)}, with {calls_made} calls and {applications} applications."
    )


# The applicants of the Kazakh centre's calls ---------------------------------------------------------------
#
# The directory's demo holds a dozen Kazakh CSOs, most of them unclaimed: too few for a competition of sixty
# applications. The organizations that apply are made here, through the directory's services, each with the
# person who heads it as its owner. Names, places, projects, budgets and scores are drawn deterministically,
# so the demo is the same every time.

# (city, region, "in the city", "of the region" in Russian, the region in Kazakh).
CITIES = [
    ("Павлодар", "KZ-55", "в Павлодаре", "Павлодарской области", "Павлодар облысы"),
    ("Караганда", "KZ-35", "в Караганде", "Карагандинской области", "Қарағанды облысы"),
    ("Кызылорда", "KZ-43", "в Кызылорде", "Кызылординской области", "Қызылорда облысы"),
    ("Актобе", "KZ-15", "в Актобе", "Актюбинской области", "Ақтөбе облысы"),
    ("Атырау", "KZ-23", "в Атырау", "Атырауской области", "Атырау облысы"),
    ("Уральск", "KZ-27", "в Уральске", "Западно-Казахстанской области", "Батыс Қазақстан облысы"),
    (
        "Петропавловск",
        "KZ-59",
        "в Петропавловске",
        "Северо-Казахстанской области",
        "Солтүстік Қазақстан облысы",
    ),
    ("Семей", "KZ-10", "в Семее", "области Абай", "Абай облысы"),
    (
        "Усть-Каменогорск",
        "KZ-63",
        "в Усть-Каменогорске",
        "Восточно-Казахстанской области",
        "Шығыс Қазақстан облысы",
    ),
    ("Талдыкорган", "KZ-33", "в Талдыкоргане", "области Жетісу", "Жетісу облысы"),
    ("Кокшетау", "KZ-11", "в Кокшетау", "Акмолинской области", "Ақмола облысы"),
    ("Костанай", "KZ-39", "в Костанае", "Костанайской области", "Қостанай облысы"),
    ("Туркестан", "KZ-61", "в Туркестане", "Туркестанской области", "Түркістан облысы"),
    ("Тараз", "KZ-31", "в Таразе", "Жамбылской области", "Жамбыл облысы"),
    ("Шымкент", "KZ-79", "в Шымкенте", "города Шымкента", "Шымкент қаласы"),
    ("Алматы", "KZ-75", "в Алматы", "города Алматы", "Алматы қаласы"),
    ("Астана", "KZ-71", "в Астане", "города Астаны", "Астана қаласы"),
    ("Актау", "KZ-47", "в Актау", "Мангистауской области", "Маңғыстау облысы"),
    ("Жезказган", "KZ-62", "в Жезказгане", "области Ұлытау", "Ұлытау облысы"),
]
SHYMKENT = 14  # its position above
# Twenty names against nineteen cities: no two applicants share both.
NAME_WORDS = [
    "Мейірім", "Жанашыр", "Үміт", "Сенім", "Береке", "Жарқын", "Нұр", "Бірлік", "Ынтымақ", "Жігер",
    "Шаңырақ", "Асар", "Арман", "Шуақ", "Тірек", "Қолдау", "Ізгілік", "Самғау", "Мерей", "Ақжүрек",
]  # fmt: skip
# (legal form, how the name begins in Russian, how it ends in Kazakh).
LEGAL_FORMS = [
    (LegalForm.PUBLIC_ASSOCIATION, "Общественное объединение", "қоғамдық бірлестігі"),
    (LegalForm.FOUNDATION, "Общественный фонд", "қоғамдық қоры"),
    (LegalForm.PUBLIC_ASSOCIATION, "Общественное объединение", "қоғамдық бірлестігі"),
    (LegalForm.NONCOMMERCIAL_INSTITUTION, "Частное учреждение", "жеке мекемесі"),
]
# The people who head them, women and men in turn: first names (with their Latin spelling for the e-mail
# address), and surnames in the masculine (the feminine adds "а"). Twelve against seventeen: all differ.
FIRST_NAMES = (
    [
        ("Айгуль", "aigul"), ("Асель", "asel"), ("Динара", "dinara"), ("Жанар", "zhanar"),
        ("Мадина", "madina"), ("Салтанат", "saltanat"), ("Карлыгаш", "karlygash"), ("Айжан", "aizhan"),
        ("Ляззат", "lyazzat"), ("Светлана", "svetlana"), ("Ольга", "olga"), ("Гаухар", "gaukhar"),
    ],
    [
        ("Ерлан", "erlan"), ("Бауыржан", "bauyrzhan"), ("Нурлан", "nurlan"), ("Серик", "serik"),
        ("Данияр", "daniyar"), ("Марат", "marat"), ("Канат", "kanat"), ("Руслан", "ruslan"),
        ("Тимур", "timur"), ("Андрей", "andrey"), ("Ардак", "ardak"), ("Галым", "galym"),
    ],
)  # fmt: skip
SURNAMES = [
    ("Ахметов", "akhmetov"), ("Сейткалиев", "seitkaliyev"), ("Омаров", "omarov"), ("Жумабеков", "zhumabekov"),
    ("Касымов", "kassymov"), ("Искаков", "iskakov"), ("Абенов", "abenov"), ("Тулегенов", "tulegenov"),
    ("Нургалиев", "nurgaliyev"), ("Сарсенбаев", "sarsenbayev"), ("Бекмуханов", "bekmukhanov"),
    ("Есенов", "yessenov"), ("Кенжебаев", "kenzhebayev"), ("Утегенов", "utegenov"), ("Калиев", "kaliyev"),
    ("Мухамеджанов", "mukhamedzhanov"), ("Смагулов", "smagulov"),
]  # fmt: skip

# The form's questions the demo answers, by the labels of FORM.
LABELS = {
    "goal": "Цель проекта",
    "problem": "Проблема и целевая группа",
    "activities": "Мероприятия и ожидаемые результаты",
    "groups": "Целевые группы",
    "reach": "Сколько человек получат пользу",
    "start": "Дата начала проекта",
}

# What the competition's applicants propose, after the field research on the region's CSOs: services for
# people with disabilities, older people, families of labour migrants and returnees, families in hardship and
# rural women. Each project is the work of an organization with its theme; some are written in Kazakh.
# Places: {in_city}, {of_region}, {villages} ({Villages} to begin a sentence); in Kazakh {kk_of}, {kk_in},
# {kk_villages}.
PROJECTS = [
    {
        "theme": "disability-rights",
        "groups": ["Люди с инвалидностью", "Молодёжь"],
        "reach": (30, 60),
        "ru": {
            "org": "Помогаем людям с инвалидностью {of_region} найти работу и жить самостоятельно: "
            "профориентация, обучение ремёслам, сопровождение на рабочем месте.",
            "title": "Инклюзивная мастерская: первая работа для молодых людей с инвалидностью {in_city}",
            "goal": "Обучить 30 молодых людей с инвалидностью востребованным профессиям и трудоустроить не "
            "менее половины из них.",
            "problem": "По данным отдела занятости, {in_city} работает лишь каждый пятый человек с "
            "инвалидностью трудоспособного возраста. Выпускники коррекционных школ и колледжей остаются "
            "дома: работодатели не знают, как их принять, а у самих молодых людей нет опыта работы.",
            "activities": (
                "1. Набор участников вместе с центром занятости и обществами людей с инвалидностью.",
                "2. Обучение в мастерской: швейное дело, ремонт обуви, компьютерная вёрстка.",
                "3. Встречи с работодателями и стажировки на 15 предприятиях города.",
                "4. Сопровождение на рабочем месте в первые три месяца.",
                "Результаты: 30 человек получат профессию, не менее 15 — работу; 15 работодателей получат "
                "памятку по адаптации рабочих мест.",
            ),
        },
        "kk": {
            "org": "{kk_of} мүгедектігі бар адамдарға жұмыс табуға және өз бетінше өмір сүруге "
            "көмектесеміз: кәсіптік бағдар беру, қолөнерге оқыту, жұмыс орнында сүйемелдеу.",
            "title": "Инклюзивті шеберхана: {kk_of} мүгедектігі бар жастарға алғашқы жұмыс",
            "goal": "Мүгедектігі бар 30 жасқа сұранысқа ие мамандықтарды үйретіп, кемінде жартысын жұмысқа "
            "орналастыру.",
            "problem": "Жұмыспен қамту бөлімінің деректері бойынша {kk_in} еңбекке қабілетті жастағы "
            "мүгедектігі бар адамдардың бестен бірі ғана жұмыс істейді. Түзету мектептері мен колледждердің "
            "түлектері үйде отырып қалады: жұмыс берушілер оларды қалай қабылдауды білмейді.",
            "activities": (
                "1. Қатысушыларды жұмыспен қамту орталығымен бірге іріктеу.",
                "2. Шеберханада оқыту: тігін ісі, аяқ киім жөндеу, компьютерлік беттеу.",
                "3. Жұмыс берушілермен кездесулер және 15 кәсіпорында тағылымдама.",
                "4. Алғашқы үш айда жұмыс орнында сүйемелдеу.",
                "Нәтижелер: 30 адам мамандық алады, кемінде 15-і жұмысқа орналасады.",
            ),
        },
    },
    {
        "theme": "disability-rights",
        "groups": ["Люди с инвалидностью", "Пожилые люди"],
        "reach": (800, 2000),
        "ru": {
            "org": "Объединяем людей с инвалидностью {of_region}, которые добиваются доступной среды: "
            "проверяем здания и транспорт, советуем акиматам, как их переоборудовать.",
            "title": "Доступный город: общественный мониторинг доступности объектов {in_city}",
            "goal": "Проверить доступность 200 социальных объектов и добиться устранения нарушений хотя бы "
            "на 60 из них.",
            "problem": "Пандусы {in_city} часто построены с нарушением норм: слишком крутые, без поручней, "
            "ведут к закрытым дверям. Люди на колясках, незрячие и пожилые не могут попасть в поликлинику, "
            "ЦОН или аптеку. Жалобы поодиночке не работают: нужны проверенные данные и диалог с акиматом.",
            "activities": (
                "1. Обучение 20 общественных мониторов из числа людей с инвалидностью и волонтёров.",
                "2. Проверка 200 объектов по единой анкете; фото и карта доступности в открытом доступе.",
                "3. Рабочие встречи с отделом строительства и советником акима по вопросам инвалидности.",
                "4. Повторная проверка через полгода.",
                "Результаты: карта доступности 200 объектов, перечень нарушений для акимата, не менее 60 "
                "устранённых нарушений.",
            ),
        },
    },
    {
        "theme": "disability-rights",
        "groups": ["Люди с инвалидностью", "Сельские жители"],
        "reach": (60, 120),
        "ru": {
            "org": "Помогаем семьям {of_region}, которые воспитывают детей с инвалидностью: ранняя помощь, "
            "реабилитация, группы поддержки родителей.",
            "title": "Ранняя помощь на дому семьям {of_region}, где растут дети с особенностями развития",
            "goal": "Дать 60 семьям регулярную помощь специалистов на дому в первые три года жизни ребёнка.",
            "problem": "{Villages} нет специалистов ранней помощи: логопед и реабилитолог принимают только в "
            "крупных поликлиниках, куда семьи добираются часами. Нарушения выявляют поздно, и время, когда "
            "помощь даёт наибольший результат, уходит.",
            "activities": (
                "1. Выездная команда: логопед, реабилитолог, психолог.",
                "2. Визиты в каждую семью дважды в месяц, индивидуальный план развития ребёнка.",
                "3. Группы поддержки родителей онлайн и в районных центрах.",
                "4. Обучение 25 медсестёр сельских амбулаторий раннему выявлению нарушений развития.",
                "Результаты: 60 семей с планом развития ребёнка, 25 обученных медсестёр, методичка для "
                "районных больниц.",
            ),
        },
    },
    {
        "theme": "older-people",
        "groups": ["Пожилые люди"],
        "reach": (80, 150),
        "ru": {
            "org": "Поддерживаем одиноких пожилых людей {of_region}: патронаж на дому, клубы общения, "
            "волонтёры.",
            "title": "Патронаж на дому для одиноких пожилых людей {of_region}",
            "goal": "Обеспечить 80 одиноких пожилых людей регулярным уходом на дому и общением.",
            "problem": "{in_city_cap} живут сотни одиноких пенсионеров, многие старше 80 лет. Социальных "
            "работников не хватает: один работник обслуживает 12–15 человек и успевает только принести "
            "продукты. Пожилые люди месяцами не видят никого другого, у многих не выявлены депрессия и "
            "риск падений.",
            "activities": (
                "1. Обучение 12 помощников по уходу и 30 волонтёров.",
                "2. Посещения на дому 2–3 раза в неделю: помощь по хозяйству, сопровождение к врачу.",
                "3. Оценка риска падений и переоборудование жилья: поручни, нескользящие коврики.",
                "4. Телефон доверия и клуб общения раз в неделю.",
                "Результаты: 80 человек под постоянным патронажем, 40 квартир переоборудовано.",
            ),
        },
        "kk": {
            "org": "{kk_of} жалғыз тұратын егде адамдарды қолдаймыз: үйде патронаж, қарым-қатынас "
            "клубтары, еріктілер.",
            "title": "{kk_of} жалғыз тұратын егде адамдарына үйде патронаж",
            "goal": "Жалғыз тұратын 80 егде адамды үйде тұрақты күтіммен және қарым-қатынаспен "
            "қамтамасыз ету.",
            "problem": "{kk_in} жүздеген жалғыз зейнеткер тұрады, олардың көбі 80 жастан асқан. Әлеуметтік "
            "қызметкерлер жетіспейді: бір қызметкер 12–15 адамға қызмет көрсетеді және тек азық-түлік "
            "әкеліп үлгереді. Қарттар айлап ешкімді көрмейді.",
            "activities": (
                "1. 12 күтім көмекшісі мен 30 еріктіні оқыту.",
                "2. Аптасына 2–3 рет үйге бару: үй шаруасына көмек, дәрігерге апару.",
                "3. Құлау қаупін бағалау және үйді жабдықтау: тұтқалар, тайғанамайтын кілемшелер.",
                "4. Сенім телефоны және аптасына бір рет қарым-қатынас клубы.",
                "Нәтижелер: 80 адам тұрақты патронажда, 40 пәтер жабдықталды.",
            ),
        },
    },
    {
        "theme": "older-people",
        "groups": ["Пожилые люди"],
        "reach": (300, 450),
        "ru": {
            "org": "Учим людей старшего возраста {of_region} новому: компьютерные курсы, лекции врачей и "
            "юристов, клубы по интересам.",
            "title": "Университет третьего возраста: цифровая грамотность для пенсионеров {in_city}",
            "goal": "Научить 300 пенсионеров пользоваться смартфоном, порталом eGov и защищаться от "
            "мошенников.",
            "problem": "Записаться к врачу, получить справку или оплатить коммунальные услуги всё чаще можно "
            "только через приложение или eGov. Многие пенсионеры не умеют пользоваться смартфоном, "
            "зависят от родственников и становятся жертвами телефонных мошенников.",
            "activities": (
                "1. Курсы по 8 занятий в библиотеках и центрах активного долголетия, группы по 12 человек.",
                "2. Волонтёры-студенты помогают на занятиях и отвечают по телефону после курса.",
                "3. Памятка «Как распознать мошенника» на казахском и русском языках.",
                "4. Итоговый фестиваль «Активное долголетие».",
                "Результаты: 300 выпускников курсов, 40 волонтёров-студентов, 2000 экземпляров памятки.",
            ),
        },
    },
    {
        "theme": "older-people",
        "groups": ["Пожилые люди", "Люди с инвалидностью"],
        "reach": (120, 250),
        "ru": {
            "org": "Создаём места, где пожилые люди {of_region} занимаются, общаются и получают "
            "консультации.",
            "title": "Дневной центр активного долголетия {in_city}",
            "goal": "Открыть дневной центр, где 120 пожилых людей каждую неделю занимаются, общаются и "
            "получают консультации.",
            "problem": "После выхода на пенсию многие пожилые люди остаются одни: дети уехали на работу в "
            "другие города, круг общения сужается. Одиночество ведёт к депрессии, болезням и раннему "
            "переезду в дом престарелых.",
            "activities": (
                "1. Ремонт и оснащение помещения, которое предоставляет акимат.",
                "2. Занятия: гимнастика, хор, рукоделие, кружок казахского языка, лекции врачей.",
                "3. Консультации юриста и социального работника по пенсиям и льготам.",
                "4. Выезды в сёла района раз в месяц.",
                "Результаты: 120 постоянных участников, 40 занятий в месяц, 150 консультаций.",
            ),
        },
    },
    {
        "theme": "migrant-families",
        "groups": ["Молодёжь", "Женщины"],
        "reach": (100, 180),
        "ru": {
            "org": "Помогаем семьям внутренних и внешних мигрантов {of_region}: документы, школа для детей, "
            "работа для взрослых.",
            "title": "Дети мигрантов: школа без барьеров {in_city}",
            "goal": "Помочь 100 детям из семей мигрантов пойти в школу и догнать сверстников, а их "
            "родителям — оформить документы.",
            "problem": "{Villages} каждый год переезжают семьи из сёл и из соседних стран. Их дети без "
            "регистрации не попадают в школу и поликлинику, плохо знают язык обучения, а родители работают "
            "с утра до ночи и не знают, куда обратиться.",
            "activities": (
                "1. Консультации юриста для родителей: регистрация, документы, доступ к школе и поликлинике.",
                "2. Подготовительные занятия по казахскому и русскому языкам и математике, дети 6–14 лет.",
                "3. Встречи с директорами школ и отделом образования.",
                "4. Группы поддержки матерей.",
                "Результаты: 100 детей в школе, 70 семей с оформленными документами, 3 школы-партнёра.",
            ),
        },
    },
    {
        "theme": "migrant-families",
        "groups": ["Женщины", "Молодёжь"],
        "reach": (150, 300),
        "ru": {
            "org": "Помогаем кандасам обустроиться на новом месте {in_city}: консультации, курсы "
            "русского языка, поиск работы.",
            "title": "Кандасы: адаптация семей переселенцев {in_city}",
            "goal": "Помочь 120 семьям кандасов получить документы, работу и поддержку соседей.",
            "problem": "Каждый год {in_city} приезжают семьи кандасов из Узбекистана, Монголии и Китая. Они "
            "плохо знают русский язык и местные порядки, не могут подтвердить дипломы и месяцами ищут "
            "работу. Женщины с детьми остаются дома без поддержки.",
            "activities": (
                "1. Консультации по гражданству, пособиям и подтверждению дипломов.",
                "2. Курсы русского языка и компьютерной грамотности.",
                "3. Ярмарки вакансий вместе с центром занятости.",
                "4. Наставничество: семьи старожилов помогают новым семьям.",
                "Результаты: 120 семей получили консультации, 50 человек трудоустроены, 40 пар наставников.",
            ),
        },
    },
    {
        "theme": "migrant-families",
        "rural": True,  # set in villages: never in the three cities of republican significance
        "groups": ["Женщины", "Молодёжь", "Сельские жители"],
        "reach": (150, 250),
        "ru": {
            "org": "Поддерживаем семьи трудовых мигрантов {of_region}: детей, которые ждут родителей, и "
            "женщин, которые одни ведут хозяйство.",
            "title": "Семьи, которые ждут: поддержка семей трудовых мигрантов {of_region}",
            "goal": "Поддержать 80 семей трудовых мигрантов: детей — в учёбе и общении, взрослых — в "
            "правовых и денежных вопросах.",
            "problem": "Многие мужчины, живущие {villages}, уезжают на заработки в Россию и крупные города, "
            "иногда уезжают оба родителя. Дети остаются с бабушками, женщины одни ведут хозяйство и "
            "месяцами не получают денег. Школьные психологи видят у таких детей тревожность и пропуски.",
            "activities": (
                "1. Кружки и группы психологической поддержки для детей в пяти сельских школах.",
                "2. Консультации по семейному праву, алиментам и денежным переводам.",
                "3. Обучение финансовой грамотности для женщин.",
                "4. Горячая линия для мигрантов и их семей.",
                "Результаты: 80 семей под сопровождением, 120 детей в кружках, 200 консультаций.",
            ),
        },
        "kk": {
            "org": "{kk_of} еңбек мигранттарының отбасыларына көмектесеміз: құқықтық кеңестер, балаларға "
            "психологиялық қолдау, әйелдерге қаржылық сауаттылық.",
            "title": "Күтетін отбасылар: {kk_of} еңбек мигранттарының отбасыларын қолдау",
            "goal": "Еңбек мигранттарының 80 отбасын қолдау: балаларды — оқу мен қарым-қатынаста, "
            "ересектерді — құқықтық және қаржылық мәселелерде.",
            "problem": "{kk_villages} тұратын көптеген ерлер, кейде ата-ананың екеуі де Ресейге және ірі "
            "қалаларға жұмысқа кетеді. Балалар әжелерінің қолында қалады, әйелдер шаруашылықты жалғыз "
            "жүргізеді. Мектеп психологтары мұндай балалардан мазасыздық пен сабақ қалдыруды жиі байқайды.",
            "activities": (
                "1. Бес ауыл мектебінде балаларға арналған үйірмелер мен психологиялық қолдау топтары.",
                "2. Отбасы құқығы, алимент және ақша аударымдары бойынша кеңестер.",
                "3. Әйелдерге қаржылық сауаттылықты оқыту.",
                "4. Мигранттар мен олардың отбасыларына арналған жедел желі.",
                "Нәтижелер: 80 отбасы сүйемелдеуде, 120 бала үйірмелерде, 200 кеңес.",
            ),
        },
    },
    {
        "theme": "social-services",
        "groups": ["Женщины", "Молодёжь"],
        "reach": (150, 300),
        "ru": {
            "org": "Сопровождаем семьи {of_region} в трудной жизненной ситуации: социальный работник, юрист "
            "и психолог рядом, пока семья не выйдет из кризиса.",
            "title": "Кризисная поддержка семей в трудной жизненной ситуации {in_city}",
            "goal": "Вывести из кризиса 60 семей с помощью индивидуального сопровождения социального "
            "работника.",
            "problem": "Семьи, потерявшие кормильца или жильё, многодетные семьи с низким доходом годами "
            "стоят на учёте, но помощь им сводится к продуктовым наборам. Без работы с причинами — долгами, "
            "отсутствием документов, насилием в семье — они не выходят из кризиса.",
            "activities": (
                "1. Оценка потребностей каждой семьи вместе с районным отделом занятости и соцпрограмм.",
                "2. План выхода из кризиса: документы, пособия, работа, жильё.",
                "3. Консультации юриста и психолога.",
                "4. Обучение профессии и помощь в трудоустройстве взрослым членам семьи.",
                "Результаты: 60 семей с планом, не менее 40 из них — с устойчивым доходом к концу проекта.",
            ),
        },
    },
    {
        "theme": "social-services",
        "rural": True,
        "groups": ["Женщины", "Сельские жители"],
        "reach": (50, 100),
        "ru": {
            "org": "Помогаем женщинам из сельских семей {of_region} зарабатывать: обучение "
            "предпринимательству, консультации, ярмарки.",
            "title": "Сельские женщины {of_region}: от подсобного хозяйства к своему делу",
            "goal": "Научить 50 женщин из сельских семей с низким доходом вести своё дело и помочь 20 из "
            "них начать его.",
            "problem": "{Villages} многие женщины не имеют постоянной работы и живут на пособия. Они умеют "
            "шить, печь, выращивать овощи, но не знают, как оформить ИП, рассчитать цену и найти "
            "покупателей.",
            "activities": (
                "1. Курс «Своё дело»: бизнес-план, налоги, продажи через интернет.",
                "2. Консультации по государственным программам микрокредитования.",
                "3. Ярмарки в районном центре.",
                "4. Клуб взаимной поддержки предпринимательниц.",
                "Результаты: 50 выпускниц, 20 зарегистрированных ИП, 4 ярмарки.",
            ),
        },
        "kk": {
            "org": "{kk_of} ауыл әйелдерінің табысын арттыруға көмектесеміз: кәсіпкерлікке оқыту, "
            "кеңестер, жәрмеңкелер.",
            "title": "{kk_of} ауыл әйелдері: қосалқы шаруашылықтан өз ісіне дейін",
            "goal": "Табысы төмен ауыл отбасыларынан 50 әйелді өз ісін жүргізуге үйретіп, 20-сына оны "
            "бастауға көмектесу.",
            "problem": "{kk_villages} көптеген әйелдердің тұрақты жұмысы жоқ, жәрдемақымен күн көреді. Олар "
            "тігін тігіп, нан пісіріп, көкөніс өсіре алады, бірақ ЖК ашуды, баға есептеуді және сатып "
            "алушы табуды білмейді.",
            "activities": (
                "1. «Өз ісің» курсы: бизнес-жоспар, салықтар, интернет арқылы сату.",
                "2. Мемлекеттік микронесиелеу бағдарламалары бойынша кеңестер.",
                "3. Аудан орталығында жәрмеңкелер.",
                "4. Кәсіпкер әйелдердің өзара қолдау клубы.",
                "Нәтижелер: 50 түлек, 20 тіркелген ЖК, 4 жәрмеңке.",
            ),
        },
    },
    {
        "theme": "disability-rights",
        "groups": ["Люди с инвалидностью", "Молодёжь"],
        "reach": (50, 90),
        "ru": {
            "org": "Развиваем спорт и активный образ жизни людей с инвалидностью {of_region}: секции, "
            "турниры, школа активной коляски.",
            "title": "Спорт без барьеров: секции для людей на колясках {in_city}",
            "goal": "Создать секции баскетбола и настольного тенниса на колясках для 50 человек и научить их "
            "навыкам активной коляски.",
            "problem": "Людей на колясках {in_city} почти не видно на улицах: спортзалы недоступны, секций "
            "для них нет. Без движения и общения они теряют здоровье и уверенность в себе, а активные "
            "коляски, с которыми можно жить самостоятельно, есть у немногих.",
            "activities": (
                "1. Закупка 10 спортивных колясок и инвентаря.",
                "2. Тренировки три раза в неделю в доступном зале.",
                "3. Школа активной коляски: подъём на бордюр, пересадка, поездки в транспорте.",
                "4. Городской турнир и показательные выступления в школах.",
                "Результаты: 50 постоянных участников, 2 команды, турнир.",
            ),
        },
    },
]

# A project's costs: (category in Russian, in Kazakh, percent of the amount requested).
COSTS = [
    ("Оплата труда специалистов проекта", "Жоба мамандарының еңбекақысы", 44),
    ("Обучение, семинары и тренинги", "Оқыту, семинарлар мен тренингтер", 14),
    ("Оборудование и материалы", "Жабдықтар мен материалдар", 18),
    ("Аренда помещения и коммунальные услуги", "Үй-жай жалдау және коммуналдық қызметтер", 10),
    ("Транспортные расходы", "Көлік шығындары", 8),
    ("Информационное сопровождение", "Ақпараттық сүйемелдеу", 6),
]
# Co-financing some applicants bring: (source in Russian, in Kazakh, the line of COSTS it pays towards).
COFINANCING = [
    ("Акимат района: помещение", "Аудан әкімдігі: үй-жай", 3),
    ("Собственные средства организации", "Ұйымның өз қаражаты", 4),
    ("Местный бизнес", "Жергілікті бизнес", 2),
]

# The competition: sixty applications, the last one by the organization member@birge.demo owns.
COMPETITION_SIZE = 59
MEMBERS_ORGANIZATION = "dostyq-uyi-shymkent"
MEMBERS_PROJECT = 6  # in PROJECTS: «Дети мигрантов: школа без барьеров»
# Two reviewers declare a conflict of interest (on applications by position), and on two applications the
# reviewers disagree sharply: the last one scores far below the others.
CONFLICTS = {
    7: "До 2022 года — член правления этой организации.",
    33: "Руководитель организации — мой близкий родственник.",
}
DISSENTS = {14, 40}
APPROVED, WAITLISTED = 8, 4
# How each reviewer leans, in points of 10, against the others.
LENIENCY = dict(zip(REVIEWERS, (0.0, -0.6, 0.4, -0.2, 0.2), strict=True))
# What reviewers write on a criterion they score low, or high (CISC_CRITERIA's order).
WEAK = [
    "Связь с приоритетами конкурса показана слабо; нет данных о численности целевой группы.",
    "План работ расписан общо: непонятно, кто и когда проводит мероприятия, результаты трудно измерить.",
    "Статьи бюджета не обоснованы расчётами, расходы на оплату труда завышены.",
    "Опыт организации в этой теме невелик, профильные специалисты в команде не названы.",
    "Неясно, что останется после гранта: нет партнёров и источников продолжения работы.",
]
STRONG = [
    "Проект отвечает острой потребности, подтверждённой данными местных органов.",
    "Ясный план по месяцам и измеримые результаты.",
    "Бюджет подробный и реалистичный.",
    "У организации многолетний опыт работы с этой группой.",
    "Есть договорённости с акиматом и местным бизнесом о продолжении работы.",
]
DISSENT = (
    "Не согласен с высокой оценкой: результаты описаны общо, а бюджет почти наполовину состоит из оплаты "
    "труда. Проект в таком виде не оправдывает затрат."
)

# The open call: the draft aigerim@birge.demo is writing for «Арго» (sign in to see it, and finish it), two
# other drafts and two applications in, by organizations of the competition above (`applicant`: their
# position) that also work on the call's themes.
OPEN_CALL = [
    {
        "owner": "aigerim@birge.demo",
        "organization": "argo-almaty",
        "title": "Школа волонтёров для сельской молодёжи Алматинской области",
        "goal": "Подготовить 150 волонтёров из сёл области и помочь им запустить 15 своих инициатив.",
        "problem": "В сёлах Алматинской области молодёжи почти нечем заняться: после школы многие уезжают в "
        "город или остаются без дела. Волонтёрские движения есть в Алматы, но до сёл они не доходят, а "
        "сельские акиматы не знают, как работать с добровольцами.",
        "activities": (
            "1. Отбор участников в пяти районах вместе с отделами молодёжной политики.",
            "2. Выездная школа волонтёров: три модуля по два дня.",
        ),
        "groups": ["Молодёжь", "Сельские жители"],
        "requested": 14_600_000,
        "lines": 3,  # the rest of the budget is still to be written
    },
    {
        "applicant": 4,
        "theme": "volunteering",
        "submitted": 3,
        "title": "Серебряные волонтёры: пожилые люди помогают соседям {in_city}",
        "goal": "Вовлечь 120 пенсионеров в волонтёрство: помощь одиноким соседям, наставничество школьников, "
        "городские акции.",
        "problem": "Многие пенсионеры {in_city} полны сил и хотят быть полезными, но не знают, куда "
        "обратиться: волонтёрские центры работают со студентами. Тем временем одиноким соседям не хватает "
        "помощи, а школам — наставников.",
        "activities": (
            "1. Клуб серебряных волонтёров при центре активного долголетия.",
            "2. Обучение: первая помощь, общение с людьми с деменцией, цифровая грамотность.",
            "3. Программы: помощь одиноким соседям, чтение в детских библиотеках, наставничество.",
            "4. Городской форум добровольцев старшего возраста.",
            "Результаты: 120 волонтёров, 3 постоянные программы, 400 человек получат помощь.",
        ),
        "groups": ["Пожилые люди"],
        "reach": "520",
        "requested": 9_800_000,
    },
    {
        "applicant": 10,
        "theme": "local-self-government",
        "submitted": 6,
        "title": "Бюджет участия: жители сёл {of_region} решают, на что потратить деньги",
        "goal": "Провести в шести сельских округах сходы, на которых жители сами выберут проекты на средства "
        "местного самоуправления и проследят за их исполнением.",
        "problem": "У сельских округов есть свой бюджет, но жители о нём почти не знают: решения принимает "
        "аппарат акима, сходы проходят формально. Деньги уходят не на то, что нужно людям, и доверие к "
        "местной власти падает.",
        "activities": (
            "1. Обучение 12 активистов и сотрудников аппаратов акимов сельских округов.",
            "2. Сходы жителей и голосование за проекты в шести округах.",
            "3. Общественный контроль исполнения: рабочие группы жителей.",
            "4. Публичный отчёт и руководство для других сельских округов.",
            "Результаты: шесть округов с бюджетом участия, не менее 18 проектов, выбранных жителями, "
            "1500 участников голосования.",
        ),
        "groups": ["Сельские жители", "Женщины", "Молодёжь"],
        "reach": "1500",
        "requested": 12_400_000,
    },
    {
        "applicant": 22,
        "theme": "cso-capacity-building",
        "title": "Ресурсный центр для сельских НПО {of_region}",
        "goal": "Помочь 30 сельским НПО и инициативным группам научиться писать проекты и отчитываться.",
        "requested": 8_000_000,
        "lines": 0,
    },
    {
        "applicant": 20,
        "theme": "local-self-government",
        "title": "Школа сельского активиста {of_region}",
        "goal": "Подготовить 40 сельских активистов, которые умеют добиваться решений на сходах и в "
        "маслихатах.",
        "problem": "{Villages} жители редко участвуют в сходах и не знают, как вынести вопрос на "
        "рассмотрение маслихата.",
        "requested": 6_500_000,
        "lines": 2,
    },
]
OPEN_CALL_THEMES = {entry["applicant"]: entry["theme"] for entry in OPEN_CALL if "applicant" in entry}


def _place(number: int) -> dict[str, str]:
    _city, region, in_city, of_region, kk_region = CITIES[number % len(CITIES)]
    city_region = of_region.startswith("города")
    villages = f"в {'пригородных посёлках' if city_region else 'сёлах'} {of_region}"
    return {
        "region": region,
        "in_city": in_city,
        "in_city_cap": in_city[0].upper() + in_city[1:],
        "of_region": of_region,
        "villages": villages,
        "Villages": villages[0].upper() + villages[1:],
        "kk_of": f"{kk_region}ның",
        "kk_in": f"{kk_region}нда",
        "kk_villages": f"{kk_region}ның {'маңындағы кенттерде' if city_region else 'ауылдарында'}",
    }


def _filled(texts: dict, place: dict) -> dict:
    """A project's texts with its place written in; an activity plan as lines."""
    return {
        key: "\n".join(value).format(**place) if isinstance(value, tuple) else value.format(**place)
        for key, value in texts.items()
    }


def _home(index: int) -> dict[str, str]:
    """Where the index-th applicant works; a project set in villages is never placed in one of the three
    cities of republican significance."""
    number = index
    while _project(index)[0].get("rural") and CITIES[number % len(CITIES)][3].startswith("города"):
        number += 3
    return _place(number)


def _project(index: int) -> tuple[dict, str]:
    """The competition's index-th project, and the language it is written in (every other one that has
    a Kazakh text)."""
    project = PROJECTS[index % len(PROJECTS)]
    language = "kk" if "kk" in project and (index // len(PROJECTS)) % 2 == 0 else "ru"
    return project, language


def _head(index: int, language: str) -> User:
    """The person at the head of the index-th applicant organization, a demo account like the others."""
    women = index % 2 == 0
    number = index // 2
    first, first_latin = FIRST_NAMES[0 if women else 1][number % len(FIRST_NAMES[0])]
    surname, surname_latin = SURNAMES[number % len(SURNAMES)]
    if women:
        surname, surname_latin = surname + "а", surname_latin + "a"
    return _demo_account(f"{first_latin}.{surname_latin}@birge.demo", f"{first} {surname}", language)


def _applicant(index: int) -> tuple[User, Organization]:
    """The index-th applicant organization and its head: made on first use, as its head would on the site."""
    project, language = _project(index)
    owner = _head(index, language)
    made = Organization.objects.filter(memberships__user=owner, memberships__role=Role.OWNER).first()
    if made:
        return owner, made
    place = _home(index)
    word = NAME_WORDS[index % len(NAME_WORDS)]
    legal_form, form_ru, form_kk = LEGAL_FORMS[index % len(LEGAL_FORMS)]
    names = {"ru": f"{form_ru} «{word}» {place['of_region']}", "kk": f"{place['kk_of']} «{word}» {form_kk}"}
    descriptions = {code: project[code]["org"].format(**place) for code in ("ru", "kk") if code in project}
    organization = organization_create(
        actor=owner,
        kind=Kind.CSO,
        name=names[language],
        country=Country.objects.get(code="KZ"),
        original_language=language,
        legal_form=legal_form,
        region=Region.objects.get(code=place["region"]),
        founded_year=2004 + (index * 5) % 18,
        working_languages=["kk", "ru"],
        staff_count=3 + index % 12,
        volunteer_count=10 + (index * 7) % 60,
        **{f"name_{code}": name for code, name in names.items()},
        **{f"description_{code}": text for code, text in descriptions.items()},
    )
    themes = [project["theme"], *([OPEN_CALL_THEMES[index]] if index in OPEN_CALL_THEMES else [])]
    organization_set_themes(
        actor=owner, organization=organization, themes=ThematicArea.objects.filter(slug__in=themes)
    )
    return owner, organization_publish(actor=owner, organization=organization)


def _budget(requested: int, language: str, cofinancing: int | None = None, lines: int = len(COSTS)) -> list:
    """The budget table: the amount requested spread over COSTS (the last line takes what rounding left),
    with one line of co-financing where the applicant has some; `lines` cuts a draft's table short."""
    column = 0 if language == "ru" else 1
    rows, left = [], requested
    for number, (*categories, percent) in enumerate(COSTS):
        amount = left if number == len(COSTS) - 1 else requested * percent // 100 // 1000 * 1000
        left -= amount
        rows.append({"category": categories[column], "requested": str(amount)})
    if cofinancing is not None:
        *sources, line = COFINANCING[cofinancing]
        rows[line] |= {"cofinancing": str(requested // 10 // 1000 * 1000), "source": sources[column]}
    return rows[:lines]


def _apply(call: Call, owner, organization, *, language: str, texts: dict, budget: list, submitted=None):
    """Start an application, write it, and submit it (at `submitted`, when given) — as its owner."""
    application = applying.application_start(
        actor=owner,
        call=call,
        applicant_kind=Applicant.ORGANIZATION,
        organization=organization,
        title=texts["title"],
        language=language,
    )
    keys = {field["label"]: field["key"] for _section, field in application.form.fields()}
    application = applying.application_save(
        actor=owner,
        application=application,
        revision=application.revision,
        answers={keys[label]: texts[name] for name, label in LABELS.items() if name in texts},
        budget=budget,
    )
    if submitted:
        application = applying.application_submit(actor=owner, application=application, now=submitted)
    return application


@contextmanager
def _taking_applications(call: Call) -> Iterator[None]:
    """Let a competition that closed months ago take its applications today. Drafts are started and saved
    only while a call takes them by the server's clock, and no service moves an announced call's closing
    back, so the closing moment is moved an hour ahead straight in the row, and put back before the officer
    closes the call. The submissions carry their own past moments (the service's `now`)."""
    closes = call.closes_at
    if closes > timezone.now():
        yield
        return
    call.closes_at = timezone.now() + timedelta(hours=1)
    Call.objects.filter(pk=call.pk).update(closes_at=call.closes_at)
    try:
        yield
    finally:
        call.closes_at = closes
        Call.objects.filter(pk=call.pk).update(closes_at=closes)


@dataclass
class Merit:
    """How good an application is, as its reviewers will find it."""

    # What the reviewers' judgement is drawn from: not the row's id, which differs between databases.
    key: str
    quality: float  # points of 10
    strengths: list[float] = field(default_factory=list)  # added to the quality, criterion by criterion
    conflict: str = ""  # what its first reviewer declares, if they have a conflict of interest
    dissent: bool = False  # its last reviewer scores it far below the others


def _competition(call: Call, spec: dict) -> dict[int, Merit]:
    """Sixty organizations apply over the month the call was open; returns each application's merit."""
    zone = call.time_zone
    opens = _moment(*spec["opens"], zone)
    start = _moment(spec["closes"][0] + 45, 9, zone).date().isoformat()
    merits = {}
    with _taking_applications(call):
        for index in range(COMPETITION_SIZE):
            owner, organization = _applicant(index)
            project, language = _project(index)
            rng = random.Random(f"competition-{index}")
            texts = _filled(project[language], _home(index))
            texts |= {
                "groups": project["groups"],
                "reach": str(rng.randint(*project["reach"])),
                "start": start,
            }
            requested = rng.randrange(5_500_000, 24_600_000, 100_000)
            application = _apply(
                call,
                owner,
                organization,
                language=language,
                texts=texts,
                budget=_budget(requested, language, rng.choice([None, None, 0, 1, 2])),
                submitted=opens + timedelta(days=1 + (index * 7) % 29, hours=rng.randint(0, 8)),
            )
            merits[application.pk] = Merit(
                key=f"competition-{index}",
                quality=8.3 if index in DISSENTS else rng.uniform(3.8, 9.4),
                strengths=[rng.uniform(-1.2, 1.2) for _criterion in CISC_CRITERIA],
                conflict=CONFLICTS.get(index, ""),
                dissent=index in DISSENTS,
            )
        # The member's own organization, a centre for labour migrants in Shymkent: one of the best projects.
        organization = Organization.objects.get(slug=MEMBERS_ORGANIZATION)
        owner = organization.memberships.get(role=Role.OWNER).user
        project = PROJECTS[MEMBERS_PROJECT]
        texts = _filled(project["ru"], _place(SHYMKENT)) | {
            "groups": project["groups"],
            "reach": "160",
            "start": start,
        }
        application = _apply(
            call,
            owner,
            organization,
            language="ru",
            texts=texts,
            budget=_budget(18_400_000, "ru", 0),
            submitted=opens + timedelta(days=27, hours=5),
        )
        merits[application.pk] = Merit(key="member", quality=9.3, strengths=[0.4, 0.6, 0.0, 0.5, 0.2])
    return merits


def _open_call(call: Call, spec: dict) -> dict[int, Merit]:
    """Drafts in progress and two applications in, a week or so after the call opened."""
    zone = call.time_zone
    opens = _moment(*spec["opens"], zone)
    for entry in OPEN_CALL:
        if "applicant" in entry:
            owner, organization = _applicant(entry["applicant"])
            place = _home(entry["applicant"])
        else:
            organization = Organization.objects.get(slug=entry["organization"])
            owner = User.objects.get(email=entry["owner"])
            place = {}
        texts = {
            name: entry[name] for name in ("title", "goal", "problem", "activities", "reach") if name in entry
        }
        texts = _filled(texts, place) | ({"groups": entry["groups"]} if "groups" in entry else {})
        submitted = entry.get("submitted")
        if submitted:
            texts["start"] = _moment(spec["closes"][0] + 40, 9, zone).date().isoformat()
        _apply(
            call,
            owner,
            organization,
            language="ru",
            texts=texts,
            budget=_budget(entry["requested"], "ru", lines=entry.get("lines", len(COSTS))),
            submitted=opens + timedelta(days=submitted, hours=7) if submitted else None,
        )
    return {}


APPLICATIONS = {"competition": _competition, "open call": _open_call}


# Review and decisions --------------------------------------------------------------------------------------


def _review(call: Call, runner, people: dict, merits: dict[int, Merit]) -> None:
    """The officer sets the pool and assigns three reviewers to each application; each reviewer declares
    and scores. A declared conflict leaves an application a reviewer short: the officer assigns again, and
    the least loaded reviewer who reads its language takes it."""
    pool = [(people[email], languages) for email, (_name, _language, languages) in REVIEWERS.items()]
    review.pool_set(actor=runner, call=call, members=pool)
    review.auto_assign(actor=runner, call=call)
    _reviews_written(call, merits, first_round=True)
    review.auto_assign(actor=runner, call=call)
    _reviews_written(call, merits, first_round=False)


def _reviews_written(call: Call, merits: dict[int, Merit], *, first_round: bool) -> None:
    criteria = list(call.criteria.all())
    waiting = defaultdict(list)
    for assignment in (
        Assignment.objects.filter(application__call=call, conflict=Conflict.UNDECLARED)
        .select_related("reviewer", "application__call")
        .order_by("application_id", "pk")
    ):
        waiting[assignment.application_id].append(assignment)
    for pk, assignments in waiting.items():
        merit = merits[pk]
        for position, assignment in enumerate(assignments):
            reviewer = assignment.reviewer
            if first_round and merit.conflict and position == 0:
                review.declare(actor=reviewer, assignment=assignment, conflict=True, note=merit.conflict)
                continue
            review.declare(actor=reviewer, assignment=assignment, conflict=False)
            dissent = first_round and merit.dissent and position == len(assignments) - 1
            review.scores_save(
                actor=reviewer,
                assignment=assignment,
                scores=_scores(merit, criteria, reviewer.email, dissent=dissent),
                submit=True,
            )


def _scores(merit: Merit, criteria, email: str, *, dissent: bool) -> dict[int, tuple[int, str]]:
    """One reviewer's scores of one application: its quality and strengths, the reviewer's leaning and a
    little of their own judgement; a word on the weakest and the strongest point."""
    rng = random.Random(f"{email}-{merit.key}")
    values = []
    for criterion, strength in zip(criteria, merit.strengths, strict=True):
        points = merit.quality + strength + LENIENCY[email] + rng.uniform(-0.8, 0.8) - (4.5 if dissent else 0)
        values.append(max(1, min(criterion.max_score, round(points * criterion.max_score / 10))))
    comments = [""] * len(criteria)
    weakest, strongest = values.index(min(values)), values.index(max(values))
    if values[strongest] >= 8:
        comments[strongest] = STRONG[strongest]
    if values[weakest] <= 6:
        comments[weakest] = WEAK[weakest]
    if dissent:
        comments[2] = DISSENT
    return {
        criterion.pk: (value, comment)
        for criterion, value, comment in zip(criteria, values, comments, strict=True)
    }


def _points(mean: Decimal) -> str:
    return f"{mean:.2f}".replace(".", ",")


def _tenge(amount: Decimal) -> str:
    return f"{int(amount):,}".replace(",", "\u00a0")


def _decide(call: Call, member) -> None:
    """The committee follows the ranking: the best eight get their grants (two of them a little less than
    asked), the next four wait on the reserve list, the rest are turned down; each with its reasons."""
    rows = [row for row in ranking(call) if row.rank]
    cutoff = rows[APPROVED - 1].mean
    means: dict[int, dict[int, float]] = defaultdict(dict)
    for pk, criterion, mean in (
        Score.objects.filter(assignment__application__call=call)
        .exclude(assignment__conflict=Conflict.DECLARED)
        .values("assignment__application_id", "criterion_id")
        .annotate(mean=Avg("value"))
        .values_list("assignment__application_id", "criterion_id", "mean")
        .order_by()
    ):
        means[pk][criterion] = mean
    titles = dict(call.criteria.values_list("pk", "title"))
    for row in rows:
        application = row.application
        place = (
            f"Проект занял {row.rank}-е место из {len(rows)} со средней оценкой {_points(row.mean)} из 100."
        )
        best = titles[max(means[application.pk], key=means[application.pk].get)]
        worst = titles[min(means[application.pk], key=means[application.pk].get)]
        amount = None
        if row.rank <= APPROVED:
            outcome, amount = Outcome.APPROVED, application.requested_amount
            reasons = f"{place} Сильнее всего эксперты оценили критерий «{best}»."
            if row.rank in (3, 6):
                cut = (amount * Decimal("0.9") / 100000).quantize(Decimal(1), rounding=ROUND_DOWN) * 100000
                amount = max(cut, call.grant_min)
                reasons += (
                    f" Комиссия сократила расходы на оборудование: грант — {_tenge(amount)} тенге вместо "
                    f"запрошенных {_tenge(application.requested_amount)}."
                )
            else:
                reasons += f" Грант — {_tenge(amount)} тенге, как запрошено."
        elif row.rank <= APPROVED + WAITLISTED:
            outcome = Outcome.WAITLISTED
            reasons = (
                f"{place} Заявка в резервном списке: если победитель откажется от гранта или останутся "
                "средства, центр предложит финансирование заявкам резерва в порядке рейтинга."
            )
        else:
            outcome = Outcome.REJECTED
            reasons = (
                f"{place} Гранты получили восемь проектов с оценкой не ниже {_points(cutoff)}. Слабее всего "
                f"эксперты оценили критерий «{worst}»; учтите их замечания и подайте заявку в следующем "
                "конкурсе."
            )
        if row.disagreement:
            reasons += (
                "\nОценки экспертов разошлись более чем на 25 баллов; комиссия рассмотрела заявку отдельно и "
                "согласилась с большинством экспертов."
            )
        decision_record(
            actor=member, application=application, outcome=outcome, reasons=reasons, amount=amount
        )


def _backdate(call: Call) -> None:
    """The services stamp the present moment. The competition ran months ago and the drafts were begun days
    ago, so the moments the pages show are written back (the audit log keeps the real ones): each draft
    begun a few days after opening and saved lately, reviewers assigned two days after closing and done
    within three weeks (those who replaced a conflicted reviewer a week later), the decisions four weeks
    after closing."""
    now = timezone.now()
    opens, closes = call.opens_at, call.closes_at
    rows = call.applications.order_by("pk").values_list("pk", "submitted_at")
    for number, (pk, submitted) in enumerate(rows):
        if submitted:
            begun = max(opens + timedelta(hours=3), submitted - timedelta(days=1 + number % 4))
            saved = submitted
        else:
            begun = opens + timedelta(days=1 + number % 4, hours=2)
            saved = now - timedelta(hours=5 + 26 * (number % 3))
        Application.objects.filter(pk=pk).update(created_at=begun, updated_at=saved)
    assignments = list(Assignment.objects.filter(application__call=call).order_by("pk"))
    if not assignments:
        return
    # The second round of assignment made the last rows: one for each declared conflict.
    replaced = sum(assignment.conflict == Conflict.DECLARED for assignment in assignments)
    for number, assignment in enumerate(assignments):
        later = number >= len(assignments) - replaced
        assigned = closes + timedelta(days=8 if later else 2, hours=-2)
        declared = assigned + timedelta(days=1 + number % 3, hours=number % 7)
        Assignment.objects.filter(pk=assignment.pk).update(
            assigned_at=assigned,
            declared_at=declared,
            submitted_at=declared + timedelta(days=number % 10, hours=2) if assignment.submitted_at else None,
        )
    Decision.objects.filter(application__call=call).update(
        decided_at=closes + timedelta(days=26), announced_at=closes + timedelta(days=28)
    )
