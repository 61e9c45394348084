"""The four operators' programs and their calls: each call's settings, criteria and application form, and
how a call is created and taken through its life to the status it shows; the Kazakh centre's calls are
applied to, reviewed and decided on the way (see competition.py)."""

from decimal import Decimal

from birge.core.models import Country, Region, ThematicArea
from birge.funding.builder import services as builder
from birge.funding.calls import services as calls
from birge.funding.calls.models import Call, Lot, Status
from birge.funding.programs.models import Applicant, Currency, Mechanism, Program, StaffRole
from birge.funding.programs.services import program_create, staff_add
from birge.orgs.profiles.models import Kind, Organization

from .accounts import COMMITTEE, REVIEWERS
from .awards import make_awards
from .competition import APPLICATIONS, CISC_CRITERIA, _backdate, _decide, _moment, _review

# The steps of a call's life, in order: a demo call takes them until it reaches its status.
LIFE = (
    calls.call_publish,
    calls.call_open,
    calls.call_close,
    calls.call_start_review,
    calls.call_decide,
)

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
    if call.status == Status.DECIDED and spec.get("applications"):
        make_awards(call, actor)
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
