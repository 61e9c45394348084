"""Demo networks, after the demo organizations: a regional network on labour migration of about thirty
organizations from four countries with an adopted charter, a revised draft and an open decision to adopt
it; a secret network of human-rights defenders; a regional coordination body with a national hub in each
country; and a response network for a mudslide in a Tajik district, with its needs and pledges.

Written through the models, as data, not through the services: loading the demo tells nobody anything.
Safe to run twice."""

import datetime as dt
import hashlib
import io
from decimal import Decimal

import docx
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from birge.core.audit import record_event
from birge.core.models import Country, Region, ThematicArea
from birge.core.uploads import safe_filename
from birge.networks.announcements.models import Announcement
from birge.networks.charter.models import Action, ActionStatus, CharterVersion
from birge.networks.decisions.models import Answer, Decision, DecisionKind, Vote
from birge.networks.discussions.models import Post, Thread
from birge.networks.documents.models import Document, DocumentVersion
from birge.networks.events import Verb
from birge.networks.membership.models import NetworkMembership, Role
from birge.networks.networks.models import Kind, Network, Visibility
from birge.networks.networks.search import search_key
from birge.networks.networks.services import secret_slug
from birge.networks.response.models import Incident, Need, NeedKind, Pledge
from birge.orgs.members.models import Role as OrgRole
from birge.orgs.profiles.models import Kind as OrgKind
from birge.orgs.profiles.models import Organization

MIGRATION_SLUG = "labour-migration-network"
SECRET_NAME = "Круг защиты правозащитников"

CHARTER_V1 = {
    "purpose": "Защищать права трудовых мигрантов и их семей в странах происхождения, транзита и назначения.",
    "goals": "1. Мигранты знают свои права до выезда.\n2. Семьи мигрантов получают помощь на месте.\n"
    "3. Государства согласуют правила найма через границы.",
    "objectives": "Ежегодно консультировать не менее 5 000 мигрантов; вести общую базу случаев нарушений; "
    "готовить совместные предложения к законам о миграции.",
    "governance": "Координатор — ОО «Достық үйі» (Шымкент). Комитет из трёх организаций, по одной от страны, "
    "избирается на два года. Решения — консенсусом членов; при возражении — голосование.",
    "membership_rules": "Член сети — организация, работающая с мигрантами и их семьями. Вступление по "
    "приглашению или заявке с одобрения координатора. Выход — по письму; исключение — решением членов.",
    "communication_policy": "Рабочие языки: русский, казахский, кыргызский, таджикский. Имена мигрантов "
    "и пострадавших не публикуются. Переписка о случаях — только в разделе обсуждений сети.",
}
CHARTER_V2_CHANGES = {
    "objectives": "Ежегодно консультировать не менее 8 000 мигрантов, в том числе онлайн; вести общую базу "
    "случаев нарушений; готовить совместные предложения к законам о миграции; раз в год — отчёт о "
    "положении мигрантов в регионе.",
    "communication_policy": "Рабочие языки: русский, казахский, кыргызский, таджикский, азербайджанский. "
    "Имена мигрантов и пострадавших не публикуются. Переписка о случаях — только в разделе обсуждений "
    "сети; в мессенджерах — только обезличенно.",
}

# The members of the migration network besides its coordinator: the committee first.
COMMITTEE = ["payvand-kulob", "meken-osh", "korpu-baku"]
HUBS = {
    "KZ": ("kz-cisc", "Национальный хаб НКО Казахстана"),
    "KG": ("jalal-abad-cssc", "Национальный хаб НКО Кыргызстана"),
    "TJ": ("csci-khujand", "Национальный хаб НКО Таджикистана"),
    "AZ": ("ganja-ngo-resource-centre", "Национальный хаб НКО Азербайджана"),
    "TM": ("ynanch-ashgabat", "Национальный хаб НКО Туркменистана"),
}
SECRET_MEMBERS = ["teng-ukuk-chuy", "tarazy-legal-aid", "huquq-adolat-dushanbe", "haqq-sesi-baku"]


def _network(slug: str, name: str, description: str, **fields) -> Network:
    network = Network.objects.create(
        slug=slug, name=name, description=description, search_key=search_key(name, description), **fields
    )
    record_event(None, Verb.NETWORK_CREATED, network, new={"source": "demo data"})
    return network


def _members(network: Network, organizations, role: str = Role.MEMBER) -> None:
    for organization in organizations:
        NetworkMembership.objects.get_or_create(
            network=network, organization=organization, defaults={"role": role}
        )


def _migration_network(organizations: dict[str, Organization], countries: dict[str, Country]) -> Network:
    network = _network(
        MIGRATION_SLUG,
        "Региональная сеть по трудовой миграции",
        "Организации Казахстана, Кыргызстана, Таджикистана и Азербайджана, которые помогают трудовым "
        "мигрантам и их семьям: консультации до выезда, правовая помощь, поддержка семей, совместные "
        "предложения к законам.",
        kind=Kind.THEMATIC,
        visibility=Visibility.PUBLIC,
    )
    network.countries.set([countries[code] for code in ("KZ", "KG", "TJ", "AZ")])
    network.themes.set(ThematicArea.objects.filter(slug__in=["labour-migration", "human-rights-rule-of-law"]))
    coordinator = organizations["dostyq-uyi-shymkent"]
    _members(network, [coordinator], Role.COORDINATOR)
    _members(network, [organizations[slug] for slug in COMMITTEE], Role.COMMITTEE)
    others = [
        organization
        for organization in organizations.values()
        if organization.country.code in ("KZ", "KG", "TJ", "AZ")
        and organization.kind == OrgKind.CSO
        and organization.slug not in (*COMMITTEE, coordinator.slug, *SECRET_MEMBERS)
    ]
    _members(network, others[:26])
    owner = coordinator.memberships.filter(role=OrgRole.OWNER).first()
    author = owner.user if owner else None
    now = timezone.now()
    adopted = CharterVersion.objects.create(
        network=network, number=1, created_by=author, adopted_at=now - dt.timedelta(days=200), **CHARTER_V1
    )
    Action.objects.create(
        version=adopted,
        position=0,
        title="Горячая линия для мигрантов на трёх языках",
        owner=coordinator,
        due_on=(now - dt.timedelta(days=30)).date(),
        status=ActionStatus.DONE,
    )
    Action.objects.create(
        version=adopted,
        position=1,
        title="Памятка «Перед выездом» для семей",
        owner=organizations["payvand-kulob"],
        due_on=(now + dt.timedelta(days=60)).date(),
        status=ActionStatus.UNDERWAY,
    )
    draft = CharterVersion.objects.create(
        network=network,
        number=2,
        created_by=author,
        note="Онлайн-консультации, азербайджанский язык, ежегодный отчёт",
        **{**CHARTER_V1, **CHARTER_V2_CHANGES},
    )
    for action in adopted.actions.all():
        Action.objects.create(
            version=draft,
            position=action.position,
            title=action.title,
            owner=action.owner,
            due_on=action.due_on,
            status=action.status,
        )
    Action.objects.create(
        version=draft,
        position=2,
        title="Ежегодный отчёт о положении мигрантов",
        owner=organizations["meken-osh"],
        due_on=(now + dt.timedelta(days=240)).date(),
    )
    decision = Decision.objects.create(
        network=network,
        title="Принять редакцию 2 устава сети",
        proposal="Предлагаем принять редакцию 2: онлайн-консультации, азербайджанский как рабочий язык и "
        "ежегодный отчёт. Если у вашей организации есть возражение, напишите его в комментарии.",
        kind=DecisionKind.CONSENT,
        closes_at=now + dt.timedelta(days=5),
        results_hidden=True,
        charter_version=draft,
        created_by=author,
    )
    for organization in [organizations[slug] for slug in COMMITTEE]:
        Vote.objects.create(decision=decision, organization=organization, answer=Answer.CONSENT)
    _content(
        network,
        coordinator,
        {
            "thread": "Возвращающиеся мигранты: опыт Кулоба и Оша",
            "post": "Делимся, как встречаем тех, кто вернулся: работа, документы, школа для детей.",
            "reply": "В Оше помогла горячая линия на кыргызском и узбекском.",
            "announcement": "Вебинар о новых правилах патентов — 15 декабря",
            "document": "Памятка мигранту перед выездом",
            "document_text": "Перед выездом: паспорт, договор, телефоны консульства и горячей линии.",
            "decision": "Провести общую встречу сети весной в Бишкеке",
        },
    )
    return network


def _hubs(organizations: dict[str, Organization], countries: dict[str, Country]) -> None:
    body = _network(
        "regional-coordination-body",
        "Региональный координационный совет НКО",
        "Совет национальных хабов пяти стран: общий план действий, обмен опытом между странами, "
        "взаимное обучение и совместные обращения к государствам и донорам.",
        kind=Kind.REGIONAL_BODY,
        visibility=Visibility.PUBLIC,
    )
    body.countries.set(countries[code] for code in HUBS)
    body.themes.set(ThematicArea.objects.filter(slug="civil-society-development"))
    _members(body, [organizations["eurasian-civic-space-network"]], Role.COORDINATOR)
    for code, (slug, name) in HUBS.items():
        hub = _network(
            f"hub-{code.lower()}",
            name,
            "Национальный хаб: собирает НКО страны, ведёт их голос в региональном совете.",
            kind=Kind.NATIONAL_HUB,
            visibility=Visibility.PUBLIC,
            parent=body,
        )
        hub.countries.set([countries[code]])
        _members(hub, [organizations[slug]], Role.COORDINATOR)
        _members(body, [organizations[slug]])
        locals_ = [
            organization
            for organization in organizations.values()
            if organization.country.code == code
            and organization.kind == OrgKind.CSO
            and organization.slug != slug
        ]
        _members(hub, locals_[:6])


def _speaker(organization: Organization):
    owner = organization.memberships.filter(role=OrgRole.OWNER).select_related("user").first()
    return owner.user if owner else None


def _docx(title: str, text: str) -> bytes:
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _content(network: Network, organization: Organization, texts: dict) -> None:
    """A discussion with a reply, an announcement, a document and a yes/no decision with a vote: what a
    member reads, and what the secret network's test looks for everywhere a non-member could."""
    author = _speaker(organization)
    now = timezone.now()
    thread = Thread.objects.create(
        network=network,
        title=texts["thread"],
        author=author,
        organization=organization,
        last_post_at=now,
        reply_count=1,
    )
    Post.objects.create(thread=thread, author=author, organization=organization, body=texts["post"])
    Post.objects.create(thread=thread, author=author, organization=organization, body=texts["reply"])
    Announcement.objects.create(
        network=network, title=texts["announcement"], body=texts["post"], author=author
    )
    document = Document.objects.create(
        network=network, title=texts["document"], created_by=author, updated_at=now
    )
    data = _docx(texts["document"], texts["document_text"])
    DocumentVersion.objects.create(
        document=document,
        number=1,
        file=ContentFile(data, name=safe_filename("docx")),
        name="document.docx",
        kind="docx",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=author,
    )
    decision = Decision.objects.create(
        network=network,
        title=texts["decision"],
        proposal=texts["post"],
        kind=DecisionKind.YES_NO,
        closes_at=now + dt.timedelta(days=3),
        created_by=author,
    )
    Vote.objects.create(decision=decision, organization=organization, cast_by=author, answer=Answer.YES)


def _secret_network(organizations: dict[str, Organization], countries: dict[str, Country]) -> None:
    network = _network(
        secret_slug(),
        SECRET_NAME,
        "Взаимная защита юристов и правозащитников: срочная помощь при давлении, безопасная связь.",
        kind=Kind.THEMATIC,
        visibility=Visibility.SECRET,
    )
    network.countries.set([countries[code] for code in ("KG", "KZ", "TJ", "AZ")])
    network.themes.set(ThematicArea.objects.filter(slug="human-rights-rule-of-law"))
    _members(network, [organizations[SECRET_MEMBERS[0]]], Role.COORDINATOR)
    _members(network, [organizations[slug] for slug in SECRET_MEMBERS[1:]])
    _content(
        network,
        organizations[SECRET_MEMBERS[0]],
        {
            "thread": "Давление на юристов в Оше: что делаем",
            "post": "Коллеги, двоих юристов вызвали на беседу. Предлагаю план срочной помощи.",
            "reply": "Готовы принять у себя на неделю, если нужно уехать.",
            "announcement": "Встреча по безопасной связи в четверг",
            "document": "План срочной помощи",
            "document_text": "План срочной помощи юристам и правозащитникам.",
            "decision": "Открыть фонд срочной помощи",
        },
    )


def _response_network(organizations: dict[str, Organization], countries: dict[str, Country]) -> None:
    network = _network(
        "mudslide-rasht-2026",
        "Сель в Раштском районе: помощь пострадавшим",
        "Сеть быстрого реагирования: сель сошёл на кишлаки Раштского района, дома и водопровод разрушены. "
        "Собираем деньги, воду, палатки, добровольцев и инженеров.",
        kind=Kind.RESPONSE,
        visibility=Visibility.PUBLIC,
    )
    network.countries.set([countries[code] for code in ("TJ", "KG", "KZ")])
    network.themes.set(ThematicArea.objects.filter(slug__in=["environment-climate", "social-protection"]))
    _members(network, [organizations["csci-khujand"]], Role.COORDINATOR)
    _members(
        network, [organizations[slug] for slug in ("bomdod-khorog", "sarchashma-rasht", "tengir-too-naryn")]
    )
    incident = Incident.objects.create(
        network=network,
        what="После ливней сель сошёл на три кишлака: 46 домов разрушены, водопровод и мост смыты, "
        "около 300 человек без крова.",
        country=countries["TJ"],
        region=Region.objects.filter(code="TJ-RA").first(),
        place="Раштский район, джамоат Навдонаки",
        happened_on=(timezone.now() - dt.timedelta(days=6)).date(),
    )
    needs = [
        (NeedKind.MONEY, "Деньги на восстановление водопровода", Decimal(150000), "сомони"),
        (NeedKind.GOODS, "Питьевая вода", Decimal(20000), "литров"),
        (NeedKind.GOODS, "Палатки на семью", Decimal(40), "штук"),
        (NeedKind.VOLUNTEERS, "Добровольцы на разбор завалов", Decimal(25), "человек"),
        (NeedKind.EXPERTISE, "Инженер-гидролог на неделю", Decimal(2), "специалиста"),
    ]
    created = [
        Need.objects.create(
            incident=incident, position=n, kind=kind, title=title, quantity=quantity, unit=unit
        )
        for n, (kind, title, quantity, unit) in enumerate(needs)
    ]
    pledges = [
        (created[0], organizations["tengir-too-naryn"], Decimal(30000)),
        (created[0], organizations["aral-bolashagy"], Decimal(45000)),
        (created[1], organizations["bomdod-khorog"], Decimal(12000)),
        (created[2], organizations["tengir-too-naryn"], Decimal(40)),
        (created[3], organizations["sarchashma-rasht"], Decimal(18)),
        (created[4], organizations["aral-bolashagy"], Decimal(1)),
    ]
    for need, organization, quantity in pledges:
        owner = organization.memberships.filter(role=OrgRole.OWNER).first()
        Pledge.objects.create(
            need=need, organization=organization, person=owner.user if owner else None, quantity=quantity
        )
        need.pledged += quantity
        need.save(update_fields=["pledged"])


def load(stdout) -> None:
    if Network.objects.filter(slug=MIGRATION_SLUG).exists():
        stdout.write("Demo networks already loaded.")
        return
    organizations = {
        organization.slug: organization
        for organization in Organization.objects.published().select_related("country").order_by("pk")
    }
    if "dostyq-uyi-shymkent" not in organizations:
        stdout.write("Demo networks need the demo organizations; none loaded.")
        return
    countries = {country.code: country for country in Country.objects.all()}
    with transaction.atomic():
        _migration_network(organizations, countries)
        _hubs(organizations, countries)
        _secret_network(organizations, countries)
        _response_network(organizations, countries)
    stdout.write(f"Demo networks: {Network.objects.count()} networks.")
