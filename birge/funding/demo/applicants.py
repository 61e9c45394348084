"""The applicants of the Kazakh centre's calls.

The directory's demo holds a dozen Kazakh CSOs, most of them unclaimed: too few for a competition of sixty
applications. The organizations that apply are made here, through the directory's services, each with the
person who heads it as its owner. Names, places, projects, budgets and scores are drawn deterministically,
so the demo is the same every time."""

from birge.accounts.demo import demo_account
from birge.accounts.models import User
from birge.core.models import Country, Region, ThematicArea
from birge.orgs.members.models import Role
from birge.orgs.profiles.models import Kind, LegalForm, Organization
from birge.orgs.profiles.services import organization_create, organization_publish, organization_set_themes

from .projects import OPEN_CALL_THEMES, PROJECTS

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
    return demo_account(f"{first_latin}.{surname_latin}@birge.demo", f"{first} {surname}", language)


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
