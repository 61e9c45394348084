"""Demo events, after the demo organizations and networks: an upcoming webinar on digital safety; a hybrid
regional conference in Almaty whose room is full, with people on the waitlist; a study tour of Kyrgyz
organizations to Kazakhstan; a public hearing in Bishkek; a past training in Khujand with attendance,
certificates, materials and a follow-up; a past roundtable of the migration network; and a meeting of the
secret network that only its members see.

Written through the models, as data, not through the services: loading the demo tells nobody anything.
Each published event gets its audit entry, so that the activity feeds show it. Safe to run twice."""

import datetime as dt
import zoneinfo

from django.db import transaction
from django.utils import timezone

from birge.accounts.models import User
from birge.core.audit import record_event
from birge.core.models import Country, ThematicArea
from birge.events.catalog.models import Audience, Event, Format, Kind, Status
from birge.events.events import Verb
from birge.events.materials.models import Audience as MaterialAudience
from birge.events.materials.models import Material
from birge.events.registration.models import Registration
from birge.events.registration.models import Status as RegistrationStatus
from birge.networks.networks.models import Network, Visibility
from birge.networks.networks.services import secret_slug
from birge.orgs.profiles.models import Organization

CONFERENCE_SLUG = "central-asia-civil-society-forum"
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")

EVENTS = [
    {
        "slug": "digital-safety-webinar",
        "title": "Цифровая безопасность НКО: как защитить данные подопечных",
        "kind": Kind.WEBINAR,
        "format": Format.ONLINE,
        "organizers": ["mediasauat-almaty", "ashyq-qala-astana"],
        "days": 6,
        "at": (15, 0),
        "hours": 2,
        "zone": "Asia/Almaty",
        "country": "KZ",
        "online_url": "https://meet.example.org/birge-digital-safety",
        "languages": ["ru", "kk"],
        "themes": ["digital-civic-space", "media-literacy"],
        "capacity": 100,
        "ask_interpretation": True,
        "description": "Два часа о том, как НКО хранить списки подопечных, переписку и фотографии так, "
        "чтобы утечка не навредила людям.\n\n"
        "- двухфакторный вход и менеджеры паролей;\n- шифрование телефонов и ноутбуков;\n"
        "- что публиковать в соцсетях, а что нет;\n- что делать, если аккаунт взломан.\n\n"
        "Ведущие — специалисты «МедиаСауат» и «Ашык кала». Запись пришлём зарегистрированным.",
        "registrants": 9,
    },
    {
        "slug": CONFERENCE_SLUG,
        "title": "Центральноазиатский форум гражданского общества: работать вместе через границы",
        "kind": Kind.CONFERENCE,
        "format": Format.HYBRID,
        "organizers": ["silk-road-civic-fund", "kz-cisc"],
        "days": 20,
        "at": (9, 30),
        "hours": 32.5,
        "zone": "Asia/Almaty",
        "country": "KZ",
        "city": "Алматы",
        "venue": "Алматы, пр. Абая, 10, конференц-зал «Тянь-Шань», 2-й этаж. Вход с колясками — со двора, "
        "есть лифт.",
        "online_url": "https://meet.example.org/birge-forum-2026",
        "languages": ["ru", "kk", "ky", "tg", "en"],
        "themes": ["cso-networks", "civil-society-development", "state-social-contracting"],
        "capacity": 25,
        "ask_dietary": True,
        "ask_interpretation": True,
        "ask_accessibility": True,
        "description": "Два дня для НКО, государственных органов и доноров пяти стран: совместные проекты, "
        "наставничество между организациями разных стран, государственный социальный заказ и гранты.\n\n"
        "**День первый.** Что изменилось в законодательстве о НКО; истории совместных проектов.\n\n"
        "**День второй.** Мастерские: как найти партнёра в соседней стране, как вести общий бюджет, как "
        "отчитываться перед двумя донорами сразу.\n\n"
        "Синхронный перевод: казахский, кыргызский, таджикский, английский. Зал на 25 мест — онлайн-"
        "участие без ограничений по ссылке для зарегистрированных.",
        "registrants": 29,
    },
    {
        "slug": "study-tour-social-contracting-kazakhstan",
        "title": "Учебный визит НКО Кыргызстана в Казахстан: как работает государственный социальный заказ",
        "kind": Kind.STUDY_TOUR,
        "format": Format.OFFLINE,
        "organizers": ["jalal-abad-cssc", "kz-cisc"],
        "days": 35,
        "at": (10, 0),
        "hours": 80,
        "zone": "Asia/Almaty",
        "country": "KZ",
        "city": "Астана",
        "venue": "Астана: Центр поддержки гражданских инициатив, затем Карагандинская область. Проезд из "
        "Джалал-Абада и Бишкека организуют принимающие.",
        "languages": ["ru", "ky"],
        "themes": ["state-social-contracting", "cso-capacity-building"],
        "capacity": 15,
        "ask_dietary": True,
        "ask_accessibility": True,
        "description": "Четыре дня для руководителей кыргызских НКО и сотрудников айыл окмоту: встречи с "
        "казахстанским оператором грантов, посещение НКО, выполняющих социальный заказ в Караганде, "
        "разбор конкурсной документации.\n\nПо итогам — общий план: что из казахстанского опыта можно "
        "перенести в Кыргызстан.",
        "registrants": 7,
        "from_country": "KG",
    },
    {
        "slug": "public-hearing-access-to-information-bishkek",
        "title": "Общественные слушания по проекту закона о доступе к информации",
        "kind": Kind.PUBLIC_HEARING,
        "format": Format.OFFLINE,
        "organizers": ["aikyn-bishkek"],
        "days": 12,
        "at": (14, 0),
        "hours": 3,
        "zone": "Asia/Bishkek",
        "country": "KG",
        "city": "Бишкек",
        "venue": "Бишкек, ул. Киевская, 96, зал заседаний.",
        "languages": ["ky", "ru"],
        "themes": ["access-to-information", "anti-corruption-transparency"],
        "capacity": 60,
        "description": "Обсуждаем проект закона постатейно вместе с депутатами и представителями "
        "министерства. Предложения принимаются письменно до слушаний и устно на них.",
        "registrants": 4,
    },
    {
        "slug": "training-monitoring-evaluation-khujand",
        "title": "Тренинг: мониторинг и оценка проектов для НКО",
        "kind": Kind.TRAINING,
        "format": Format.OFFLINE,
        "organizers": ["csci-khujand"],
        "days": -40,
        "at": (9, 0),
        "hours": 32,
        "zone": "Asia/Dushanbe",
        "country": "TJ",
        "city": "Худжанд",
        "venue": "Худжанд, ул. Ленина, 56, учебный класс ЦПГИ.",
        "languages": ["tg", "ru"],
        "themes": ["cso-capacity-building"],
        "capacity": 20,
        "certificates": True,
        "description": "Два дня практики: логическая рамка, индикаторы с базовым и целевым значением, сбор "
        "данных, отчёт донору. Участники приходят со своим проектом.",
        "follow_up": "Тренинг прошли 14 сотрудников НКО Согдийской и Хатлонской областей. Каждый ушёл с "
        "логической рамкой своего проекта; шесть организаций договорились проверять отчёты друг друга. "
        "Следующий тренинг — по бюджетам — весной.",
        "registrants": 16,
        "attended": 14,
    },
    {
        "slug": "roundtable-migrant-pensions",
        "title": "Круглый стол: пенсионные права трудовых мигрантов",
        "kind": Kind.ROUNDTABLE,
        "format": Format.ONLINE,
        "organizers": ["dostyq-uyi-shymkent"],
        "network": "labour-migration-network",
        "days": -15,
        "at": (11, 0),
        "hours": 2,
        "zone": "Asia/Almaty",
        "country": "KZ",
        "online_url": "https://meet.example.org/birge-migrant-pensions",
        "languages": ["ru"],
        "themes": ["migrant-rights"],
        "description": "Как мигрантам из Кыргызстана и Таджикистана получить пенсию за годы работы в "
        "Казахстане и России: соглашения стран ЕАЭС, документы, типичные отказы.",
        "follow_up": "Сеть подготовит памятку на четырёх языках и направит в министерства труда трёх "
        "стран общие предложения о зачёте стажа.",
        "registrants": 6,
    },
]


def _participants(count: int, offset: int = 0, country: str = "") -> list[User]:
    people = User.objects.filter(email__endswith="@birge.demo", is_superuser=False)
    if country:
        # A study tour's travellers come from the visiting country's organizations.
        people = people.filter(memberships__organization__country__code=country).distinct()
        offset = 0
    return list(people.order_by("pk")[offset : offset + count])


def _start(days: int, at: tuple[int, int], zone: str) -> dt.datetime:
    day = timezone.localdate(timezone=zoneinfo.ZoneInfo(zone)) + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, *at, tzinfo=zoneinfo.ZoneInfo(zone))


def _event(entry: dict, organizations: dict, countries: dict, themes: dict, networks: dict) -> Event | None:
    organizers = [organizations[slug] for slug in entry["organizers"] if slug in organizations]
    if not organizers:
        return None
    starts_at = _start(entry["days"], entry["at"], entry["zone"])
    fields = {
        key: entry[key]
        for key in (
            "title",
            "kind",
            "format",
            "city",
            "venue",
            "online_url",
            "languages",
            "capacity",
            "description",
            "ask_dietary",
            "ask_interpretation",
            "ask_accessibility",
            "certificates",
            "follow_up",
        )
        if key in entry
    }
    event = Event.objects.create(
        slug=entry["slug"],
        status=Status.PUBLISHED,
        audience=Audience.ANYONE,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=entry["hours"]),
        time_zone=entry["zone"],
        country=countries.get(entry["country"]),
        network=networks.get(entry.get("network")),
        published_at=timezone.now(),
        **fields,
    )
    event.organizers.set(organizers)
    event.themes.set([themes[slug] for slug in entry["themes"] if slug in themes])
    entry_ = record_event(None, Verb.PUBLISHED, event, new={"source": "demo data"})
    # Announced some weeks before it takes place, as the feeds then tell it.
    _dated(entry_, min(starts_at - dt.timedelta(days=21), timezone.now() - dt.timedelta(hours=len(fields))))
    return event


def _dated(audit_entry, when: dt.datetime) -> None:
    type(audit_entry).objects.filter(pk=audit_entry.pk).update(created_at=when)


def _register(event: Event, people: list[User], *, attended: int = 0) -> None:
    """Registrations in the order `people` asked: the first `capacity` confirmed, the rest waitlisted."""
    start = event.published_at
    for n, person in enumerate(people):
        confirmed = event.capacity is None or n < event.capacity
        organization = person.memberships.select_related("organization").first()
        Registration.objects.create(
            event=event,
            person=person,
            organization=organization.organization if organization else None,
            status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITLISTED,
            queued_at=start + dt.timedelta(minutes=7 * n + 1),
            confirmed_at=start + dt.timedelta(minutes=7 * n + 1) if confirmed else None,
            dietary="без глютена" if event.ask_dietary and n % 6 == 2 else "",
            interpretation=("kk", "ky", "tg", "en")[n % 4] if event.ask_interpretation and n % 3 == 0 else "",
            accessibility="нужен пандус" if event.ask_accessibility and n % 9 == 4 else "",
            attended=(n < attended) if attended else None,
        )


def _secret_meeting(countries: dict) -> None:
    from birge.networks.demo import SECRET_NAME

    network = Network.objects.filter(name=SECRET_NAME, visibility=Visibility.SECRET).first()
    if network is None:
        return
    starts_at = _start(9, (18, 0), "Asia/Bishkek")
    event = Event.objects.create(
        slug=secret_slug().replace("n-", "e-", 1),
        title="Встреча защитников: цифровая гигиена и связь в кризис",
        description="Только для членов сети. Ссылку получат зарегистрированные.",
        kind=Kind.WORKSHOP,
        format=Format.ONLINE,
        status=Status.PUBLISHED,
        audience=Audience.MEMBERS,
        network=network,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        time_zone="Asia/Bishkek",
        country=countries.get("KG"),
        online_url="https://meet.example.org/closed-circle",
        languages=["ru"],
        published_at=timezone.now(),
    )
    event.organizers.set(
        network.memberships.filter(role="coordinator").values_list("organization", flat=True)
    )
    record_event(None, Verb.PUBLISHED, event, new={"source": "demo data"})


def load(stdout) -> None:
    if Event.objects.filter(slug=CONFERENCE_SLUG).exists():
        stdout.write("Demo events already loaded.")
        return
    organizations = {o.slug: o for o in Organization.objects.published()}
    if "kz-cisc" not in organizations:
        stdout.write("Demo events need the demo organizations; none loaded.")
        return
    countries = {country.code: country for country in Country.objects.all()}
    themes = {theme.slug: theme for theme in ThematicArea.objects.all()}
    networks = {network.slug: network for network in Network.objects.exclude(visibility=Visibility.SECRET)}
    offset = 0
    with transaction.atomic():
        for entry in EVENTS:
            event = _event(entry, organizations, countries, themes, networks)
            if event is None:
                continue
            people = _participants(entry["registrants"], offset, entry.get("from_country", ""))
            offset = (offset + 5) % 20
            _register(event, people, attended=entry.get("attended", 0))
            if entry["days"] < 0:
                _past(event)
        _secret_meeting(countries)
    stdout.write(
        f"Demo events: {Event.objects.count()} events, {Registration.objects.count()} registrations."
    )


def _past(event: Event) -> None:
    Material.objects.create(
        event=event,
        title="Презентации и раздаточные материалы",
        url="https://example.org/materials/" + event.slug,
        audience=MaterialAudience.ANYONE,
    )
    Material.objects.create(
        event=event,
        title="Список участников и контакты для связи",
        url="https://example.org/materials/" + event.slug + "/contacts",
        audience=MaterialAudience.PARTICIPANTS,
    )
    if event.follow_up:
        written = record_event(None, Verb.FOLLOW_UP_WRITTEN, event, new={"source": "demo data"})
        _dated(written, event.ends_at + dt.timedelta(days=2))
