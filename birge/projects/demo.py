"""Demo joint projects, after the demo organizations, networks and awards: peer development between a
disability-rights organization of Pavlodar (the mentor) and one of Dushanbe (the mentee), which will then
teach a third at home; a migration project of three countries' organizations within the migration network;
and a completed water-sharing project of Batken and Sughd water users. Each with partners, an activity
plan, a budget with co-financing, indicators with values per period and, for the first two, a published
progress report.

Written through the models, as data, not through the services: loading the demo tells nobody anything.
Each project gets its audit entry, so that the activity feeds show it. Safe to run twice."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from birge.core.audit import record_event
from birge.core.models import Country, ThematicArea
from birge.funding.awards.models import Award
from birge.networks.networks.models import Network
from birge.orgs.profiles.models import Organization
from birge.projects.events import Verb
from birge.projects.indicators.models import Indicator, ProgressReport, ReportStatus, Value
from birge.projects.plan.models import Activity, ActivityStatus, BudgetLine, Cofinancing, SourceKind
from birge.projects.projects.models import Partner, PartnerRole, Project, Status

PEER_SLUG = "accessible-city-pavlodar-dushanbe"

PROJECTS = [
    {
        "slug": PEER_SLUG,
        "title": "Доступный город: наставничество Павлодар — Душанбе",
        "summary": "Павлодарское объединение людей с инвалидностью, десять лет проверяющее доступность "
        "зданий, учит душанбинскую организацию своей методике аудита. Через год «Кадами устувор» сама "
        "станет наставником для НКО Хатлонской области.",
        "goal": "Люди на колясках, слабовидящие и пожилые в Душанбе могут попасть в поликлиники, школы и "
        "хукуматы, потому что организация людей с инвалидностью умеет проверять здания и добиваться "
        "переделок.",
        "objectives": "Обучить сотрудников «Кадами устувор» методике аудита доступности\n"
        "Провести совместные аудиты 30 общественных зданий Душанбе\n"
        "Добиться, чтобы хукумат принял рекомендации и включил переделки в план\n"
        "Передать методику НКО Хатлонской области (каскад)",
        "lead": "kedergisiz-pavlodar",
        "partners": [("qadami-ustuvor-dushanbe", "Аудиты в Душанбе, переговоры с хукуматом")],
        "cofunders": [("silk-road-civic-fund", "Грант на стажировки и поездки")],
        "peer": ("kedergisiz-pavlodar", "qadami-ustuvor-dushanbe"),
        "countries": ["KZ", "TJ"],
        "themes": ["disability-rights", "accessibility-inclusion"],
        "status": Status.ACTIVE,
        "months": (-8, 10),
        "currency": "USD",
        "budget": [
            ("Стажировки и поездки", 9000),
            ("Оборудование для аудита", 2500),
            ("Работа аудиторов", 14000),
        ],
        "cofinancing": [
            ("Гражданский фонд «Шёлковый путь»", SourceKind.DONOR, "silk-road-civic-fund", 15000),
            ("Собственные средства «Кедергісіз»", SourceKind.OWN, "kedergisiz-pavlodar", 4000),
            ("Волонтёрская работа аудиторов", SourceKind.IN_KIND, "", 3500),
        ],
        "activities": [
            (
                "Стажировка двух сотрудников «Кадами устувор» в Павлодаре",
                (-8, -7),
                ActivityStatus.DONE,
                "kedergisiz-pavlodar",
            ),
            (
                "Совместные аудиты зданий Душанбе",
                (-6, 4),
                ActivityStatus.UNDER_WAY,
                "qadami-ustuvor-dushanbe",
            ),
            (
                "Круглый стол с хукуматом Душанбе по результатам аудитов",
                (3, 4),
                ActivityStatus.PLANNED,
                "qadami-ustuvor-dushanbe",
            ),
            (
                "«Кадами устувор» обучает НКО Хатлона методике",
                (6, 10),
                ActivityStatus.PLANNED,
                "qadami-ustuvor-dushanbe",
            ),
        ],
        "indicators": [
            ("Общественные здания Душанбе, прошедшие аудит доступности", "зданий", 0, 30, [3, 8]),
            ("Сотрудники, освоившие методику аудита", "чел.", 0, 10, [6, 9]),
            ("Рекомендации, принятые хукуматом", "рекомендаций", 0, 5, [0, 1]),
        ],
        "report": (
            "Первое полугодие: стажировка и первые аудиты",
            "Двое сотрудников «Кадами устувор» провели две недели в Павлодаре и участвовали в пяти аудитах. "
            "Вернувшись, команда проверила 8 зданий Душанбе: в шести нет пандуса или он слишком крутой, в "
            "трёх поликлиниках регистратура на втором этаже.\n\n"
            "Трудности: хукумат пока не дал разрешения на аудит школ; ведём переговоры через общественный "
            "совет.",
            6,
        ),
    },
    {
        "slug": "safe-migration-before-departure",
        "title": "Безопасная миграция: консультации до выезда и помощь семьям",
        "summary": "Три организации — в Шымкенте, Оше и Кулябе — консультируют мигрантов до выезда, ведут "
        "общую горячую линию и помогают семьям, оставшимся дома.",
        "goal": "Меньше мигрантов из Кыргызстана и Таджикистана попадают в долговую кабалу и остаются без "
        "документов в Казахстане.",
        "objectives": "Консультировать мигрантов до выезда в Оше и Кулябе\n"
        "Вести горячую линию на трёх языках\nПомогать семьям мигрантов с документами и пособиями",
        "lead": "dostyq-uyi-shymkent",
        "partners": [
            ("meken-osh", "Консультации в Оше, работа с семьями"),
            ("payvand-kulob", "Консультации в Кулябе, работа с семьями"),
        ],
        "cofunders": [],
        "network": "labour-migration-network",
        "countries": ["KZ", "KG", "TJ"],
        "themes": ["migrant-rights", "migrant-families", "counter-trafficking"],
        "status": Status.ACTIVE,
        "months": (-5, 19),
        "currency": "KZT",
        "budget": [("Консультанты", 9600000), ("Горячая линия", 3600000), ("Памятки и печать", 1200000)],
        "cofinancing": [
            ("Государственный грант, Казахстан", SourceKind.STATE, "", 8000000),
            ("Собственные средства партнёров", SourceKind.OWN, "", 1500000),
        ],
        "activities": [
            (
                "Общая методичка консультанта на трёх языках",
                (-5, -3),
                ActivityStatus.DONE,
                "dostyq-uyi-shymkent",
            ),
            ("Горячая линия", (-3, 19), ActivityStatus.UNDER_WAY, "dostyq-uyi-shymkent"),
            ("Консультации до выезда в Оше", (-3, 19), ActivityStatus.UNDER_WAY, "meken-osh"),
            ("Консультации до выезда в Кулябе", (-2, 19), ActivityStatus.UNDER_WAY, "payvand-kulob"),
        ],
        "indicators": [
            ("Мигранты, получившие консультацию до выезда", "чел.", 1200, 5000, [1650]),
            ("Обращения на горячую линию", "обращений", 0, 3000, [740]),
        ],
        "report": (
            "Первый квартал: методичка и горячая линия",
            "Методичка консультанта готова на русском, кыргызском и таджикском. Горячая линия работает с "
            "9 до 21 часа; больше всего вопросов — о регистрации по месту пребывания и патентах.",
            3,
        ),
    },
    {
        "slug": "shared-water-batken-sughd",
        "title": "Общая вода: водопользователи Баткена и Согда",
        "summary": "Ассоциации водопользователей по обе стороны границы договорились о графике полива и "
        "вместе почистили общий канал; дехканская ассоциация научила фермеров капельному орошению.",
        "goal": "Меньше споров из-за воды между сёлами Баткенской и Согдийской областей.",
        "objectives": "Согласовать график полива на общем канале\nПочистить 12 км канала общими силами\n"
        "Обучить фермеров капельному орошению",
        "lead": "yrys-suu-batken",
        "partners": [
            ("zamini-obod-sughd", "Обучение фермеров, капельное орошение"),
            ("sarchashma-rasht", "Опыт водопользователей Раштской долины"),
        ],
        "cofunders": [("tian-shan-partnership-fund", "Грант на расчистку канала")],
        "countries": ["KG", "TJ"],
        "themes": ["water-resources", "conflict-prevention", "agricultural-cooperatives"],
        "status": Status.COMPLETED,
        "months": (-26, -2),
        "currency": "USD",
        "budget": [("Расчистка канала", 18000), ("Обучение фермеров", 6000), ("Встречи сёл", 2000)],
        "cofinancing": [
            ("Фонд партнёрства «Тянь-Шань»", SourceKind.DONOR, "tian-shan-partnership-fund", 20000)
        ],
        "activities": [
            ("Встречи сёл по обе стороны границы", (-26, -22), ActivityStatus.DONE, "yrys-suu-batken"),
            ("Расчистка общего канала", (-20, -14), ActivityStatus.DONE, "yrys-suu-batken"),
            ("Школа капельного орошения", (-14, -4), ActivityStatus.DONE, "zamini-obod-sughd"),
        ],
        "indicators": [
            ("Километры расчищенного канала", "км", 0, 12, [2, 5, 9, 12]),
            ("Споры о воде, дошедшие до айыл окмоту и джамоатов", "споров за сезон", 23, 10, [19, 15, 11, 7]),
            ("Фермеры, перешедшие на капельное орошение", "хозяйств", 0, 60, [10, 22, 41, 64]),
        ],
    },
]


def _months(today: dt.date, months: int) -> dt.date:
    month = today.month - 1 + months
    return dt.date(today.year + month // 12, month % 12 + 1, 1)


def _project(entry: dict, organizations: dict, countries: dict, themes: dict) -> Project | None:
    slugs = [
        entry["lead"],
        *(slug for slug, _ in entry["partners"]),
        *(slug for slug, _ in entry["cofunders"]),
    ]
    if any(slug not in organizations for slug in slugs):
        return None
    today = timezone.localdate()
    starts_on, ends_on = (_months(today, months) for months in entry["months"])
    mentor, mentee = entry.get("peer", (None, None))
    project = Project.objects.create(
        slug=entry["slug"],
        title=entry["title"],
        summary=entry["summary"],
        goal=entry["goal"],
        objectives=entry["objectives"],
        lead=organizations[entry["lead"]],
        status=entry["status"],
        network=Network.objects.filter(slug=entry.get("network", "")).first(),
        starts_on=starts_on,
        ends_on=ends_on - dt.timedelta(days=1),
        currency=entry["currency"],
        peer_development=mentor is not None,
        mentor=organizations.get(mentor),
        mentee=organizations.get(mentee),
    )
    project.countries.set([countries[code] for code in entry["countries"]])
    project.themes.set([themes[slug] for slug in entry["themes"] if slug in themes])
    Partner.objects.create(project=project, organization=project.lead, role=PartnerRole.LEAD)
    for slug, contribution in entry["partners"]:
        Partner.objects.create(project=project, organization=organizations[slug], contribution=contribution)
    for slug, contribution in entry["cofunders"]:
        Partner.objects.create(
            project=project,
            organization=organizations[slug],
            role=PartnerRole.COFUNDER,
            contribution=contribution,
        )
    # The award that funds the project, when one of its organizations holds one.
    project.award = Award.objects.filter(organization__in=[organizations[slug] for slug in slugs]).first()
    project.save(update_fields=["award"])
    _plan(project, entry, organizations, today)
    _indicators(project, entry, starts_on)
    created = record_event(None, Verb.CREATED, project, new={"source": "demo data"})
    _dated(created, dt.datetime.combine(starts_on, dt.time(10), tzinfo=timezone.get_current_timezone()))
    return project


def _dated(audit_entry, when: dt.datetime) -> None:
    type(audit_entry).objects.filter(pk=audit_entry.pk).update(created_at=min(when, timezone.now()))


def _plan(project: Project, entry: dict, organizations: dict, today: dt.date) -> None:
    for title, (start, end), status, responsible in entry["activities"]:
        Activity.objects.create(
            project=project,
            title=title,
            starts_on=_months(today, start),
            ends_on=_months(today, end) - dt.timedelta(days=1) if end > start else _months(today, start),
            status=status,
            responsible=organizations.get(responsible),
        )
    for category, amount in entry["budget"]:
        BudgetLine.objects.create(project=project, category=category, amount=Decimal(amount))
    for source, kind, organization, amount in entry["cofinancing"]:
        Cofinancing.objects.create(
            project=project,
            source=source,
            kind=kind,
            organization=organizations.get(organization),
            amount=Decimal(amount),
        )


def _indicators(project: Project, entry: dict, starts_on: dt.date) -> None:
    """Values per quarter from the start; the report covers the first quarters."""
    period_end = starts_on
    for position, (name, unit, baseline, target, actuals) in enumerate(entry["indicators"]):
        indicator = Indicator.objects.create(
            project=project,
            name=name,
            unit=unit,
            baseline=Decimal(baseline),
            baseline_year=starts_on.year,
            target=Decimal(target),
            position=position,
        )
        for n, actual in enumerate(actuals):
            period_start = _months(starts_on, 3 * n)
            period_end = _months(starts_on, 3 * (n + 1)) - dt.timedelta(days=1)
            Value.objects.create(
                indicator=indicator,
                period_start=period_start,
                period_end=min(period_end, project.ends_on),
                actual=Decimal(actual),
            )
    if "report" in entry:
        title, text, months = entry["report"]
        period_end = _months(starts_on, months) - dt.timedelta(days=1)
        report = ProgressReport.objects.create(
            project=project,
            period_start=starts_on,
            period_end=period_end,
            title=title,
            text=text,
            status=ReportStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        published = record_event(None, Verb.REPORT_PUBLISHED, report, new={"project": project.pk})
        _dated(
            published,
            dt.datetime.combine(period_end, dt.time(12), tzinfo=timezone.get_current_timezone())
            + dt.timedelta(days=12),
        )


def load(stdout) -> None:
    if Project.objects.filter(slug=PEER_SLUG).exists():
        stdout.write("Demo projects already loaded.")
        return
    organizations = {o.slug: o for o in Organization.objects.published()}
    if "kedergisiz-pavlodar" not in organizations:
        stdout.write("Demo projects need the demo organizations; none loaded.")
        return
    countries = {country.code: country for country in Country.objects.all()}
    themes = {theme.slug: theme for theme in ThematicArea.objects.all()}
    with transaction.atomic():
        made = [_project(entry, organizations, countries, themes) for entry in PROJECTS]
    stdout.write(f"Demo projects: {len([project for project in made if project])} joint projects.")
