"""`birge seed-bench --orgs 100000`: a large synthetic directory for benchmarks, the same on every run.

Names mix the scripts the platform meets: Russian, Kazakh, Kyrgyz and Tajik in Cyrillic, Turkmen,
Azerbaijani and Uzbek in Latin, and English, built from name roots so that the same root appears
as "Береке", "Bereke" and "«Береке» қоры" across organizations, as real names do. Every bench organization's
slug starts with "bench-"; they are all published, about one in ten verified.

`birge seed-bench --funding [--applications 600] [--reviews 5]` seeds instead one grant competition under
review for bench/funding.py: see birge/funding/bench_seed.py. It takes its applicants from these
organizations (seeding them when there are too few).
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from birge.core.models import Country, Region, ThematicArea
from birge.core.reference import load_reference_data
from birge.orgs.profiles.models import Kind, LegalForm, Organization
from birge.orgs.search import counting, index_organizations
from birge.orgs.search.engines import engine

SEED = 20261128
PREFIX = "bench-"

# fmt: off
ROOTS = [
    "argo", "umit", "bereke", "nur", "shapagat", "zhasyl", "dostuk", "ishonch", "mehr", "omid", "rushd",
    "taraqqiyot", "hayat", "galkynysh", "yashlar", "zhardem", "kamkor", "sabr", "altyn", "aq", "bulaq",
    "tengri", "samruq", "tumar", "umai", "aruzhan", "qazyna", "zhuldyz", "kelechek", "ynanym", "baktygul",
    "oasis", "bilim", "saulet", "meyrim", "dala", "zhol", "ilim", "kamal", "sapar", "shugla", "nurafshon",
    "bahor", "gulistan", "oydin", "zamin", "jahon", "ulugbek", "navruz", "barakat", "saodat", "dilshod",
    "ozod", "ravnaq", "mushfiq", "suhrob", "anor", "chinor", "turan", "arman", "aqniet", "tabighat",
    "bolashaq", "zhanuya", "ayala", "qamqor", "kyzmat", "elim", "mekenim", "toolor", "kyrgyz", "ala",
    "too", "manas", "ordo", "sary", "arka", "yrys", "bakyt", "tynchtyk", "kut", "chyrak", "ene", "balam",
    "umut", "adilet", "ak", "zhol", "vatan", "dunyo", "hamkor", "tashabbus", "sharq", "ufq", "xazar",
    "azad", "gunesh", "ulduz", "yurd", "dost", "emin", "ishyg", "yagty", "gulzar", "jemagat", "merjen",
    "sahra", "lebap", "dashoguz",
]
# fmt: on
SUFFIXES = ("", "", "", "plus", "eco", "art", "jol", "kelechek", "media", "lab", "2030", "pro", "tech")
WORDS = {
    "ru": (
        "Общественное объединение|Общественный фонд|Ассоциация|Центр|Фонд|Союз|Сеть|Клуб|Институт|Агентство",
        "поддержки молодёжи|развития гражданского общества|защиты прав женщин|экологических инициатив|"
        "социальной защиты|развития села|помощи детям|правовой помощи|здорового образа жизни|"
        "трудовых мигрантов",
        "Мы работаем с местными сообществами и партнёрами по всему региону.|"
        "Проводим тренинги, исследования и консультации.|Помогаем людям с инвалидностью и их семьям.|"
        "Развиваем волонтёрство и благотворительность.",
        "тренинги|опыт проведения исследований|помещение для встреч|юридические консультации|волонтёров",
        "партнёров|финансирование|обучение сотрудников|оборудование|экспертизу по мониторингу",
    ),
    "kk": (
        "қоғамдық бірлестігі|қоғамдық қоры|қауымдастығы|орталығы|қоры|одағы",
        "жастарды қолдау|әйелдер құқығын қорғау|ауылды дамыту|балаларға көмек|экологиялық бастамалар",
        "Біз жергілікті қауымдастықтармен жұмыс істейміз.|Тренингтер мен зерттеулер жүргіземіз.|"
        "Мүгедектігі бар адамдарға көмектесеміз.",
        "тренингтер|зерттеу тәжірибесі|кездесу орны|заң кеңестері",
        "серіктестер|қаржыландыру|қызметкерлерді оқыту|жабдық",
    ),
    "ky": (
        "коомдук бирикмеси|коомдук фонду|ассоциациясы|борбору|фонду|тармагы",
        "жаштарды колдоо|аялдардын укугун коргоо|айылды өнүктүрүү|балдарга жардам|экологиялык демилгелер",
        "Биз жергиликтүү жамааттар менен иштейбиз.|Тренингдерди жана изилдөөлөрдү өткөрөбүз.|"
        "Мигранттарга жана алардын үй-бүлөлөрүнө жардам беребиз.",
        "тренингдер|изилдөө тажрыйбасы|жолугушуу жайы|юридикалык кеңештер",
        "өнөктөштөр|каржылоо|кызматкерлерди окутуу|жабдуулар",
    ),
    "tg": (
        "Ташкилоти ҷамъиятии|Хазинаи ҷамъиятии|Маркази|Иттиҳодияи|Ассотсиатсияи|Шабакаи",
        "дастгирии ҷавонон|ҳимояи ҳуқуқи занон|рушди деҳот|кӯмак ба кӯдакон|ташаббусҳои экологӣ",
        "Мо бо ҷамоатҳои маҳаллӣ кор мекунем.|Омӯзишҳо ва тадқиқотҳо мегузаронем.|"
        "Ба муҳоҷирони меҳнатӣ ва оилаҳои онҳо ёрӣ мерасонем.",
        "омӯзишҳо|таҷрибаи тадқиқот|ҷойи вохӯрӣ|машварати ҳуқуқӣ",
        "шарикон|маблағгузорӣ|омӯзиши кормандон|таҷҳизот",
    ),
    "tk": (
        "jemgyýetçilik birleşigi|gaznasy|merkezi|assosiasiýasy|toplumy|ulgamy",
        "ýaşlara goldaw|aýallaryň hukuklaryny goramak|oba ösüşi|çagalara kömek|ekologiýa başlangyçlary",
        "Biz ýerli jemgyýetler bilen işleýäris.|Türgenleşikleri we barlaglary geçirýäris.|"
        "Maýyplygy bolan adamlara kömek edýäris.",
        "türgenleşikler|barlag tejribesi|duşuşyk otagy|hukuk maslahatlary",
        "hyzmatdaşlar|maliýeleşdirme|işgärleri okatmak|enjamlar",
    ),
    "az": (
        "İctimai Birliyi|Fondu|Mərkəzi|Assosiasiyası|Şəbəkəsi|Təşəbbüsü",
        "gənclərə dəstək|qadın hüquqlarının müdafiəsi|kənd inkişafı|uşaqlara yardım|ekoloji təşəbbüslər",
        "Biz yerli icmalarla işləyirik.|Təlimlər və tədqiqatlar keçiririk.|"
        "Əlilliyi olan insanlara və ailələrinə kömək edirik.",
        "təlimlər|tədqiqat təcrübəsi|görüş otağı|hüquqi məsləhətlər",
        "tərəfdaşlar|maliyyələşdirmə|işçilərin təlimi|avadanlıq",
    ),
    "uz": (
        "jamoat birlashmasi|jamgʻarmasi|markazi|uyushmasi|assotsiatsiyasi|tarmogʻi",
        "yoshlarni qoʻllab-quvvatlash|xotin-qizlar huquqlarini himoya qilish|qishloqni rivojlantirish|"
        "bolalarga yordam|ekologik tashabbuslar",
        "Biz mahalliy jamoalar bilan ishlaymiz.|Treninglar va tadqiqotlar oʻtkazamiz.|"
        "Mehnat muhojirlari va ularning oilalariga yordam beramiz.",
        "treninglar|tadqiqot tajribasi|uchrashuv xonasi|huquqiy maslahatlar",
        "hamkorlar|moliyalashtirish|xodimlarni oʻqitish|jihozlar",
    ),
    "en": (
        "Foundation|Association|Center|Network|Initiative|Institute|Alliance",
        "for Youth|for Women's Rights|for Rural Development|for Children|for the Environment|for Migrants",
        "We work with local communities across the region.|We run trainings, research and advocacy.|"
        "We support people with disabilities and their families.",
        "trainings|research experience|a meeting space|legal advice|volunteers",
        "partners|funding|staff training|equipment|monitoring expertise",
    ),
}
FORMS, PURPOSES, SENTENCES, OFFERS, NEEDS = range(5)
CYRILLIC = {"ru", "kk", "ky", "tg"}
# Per country: its languages, most common first, and its share of the directory.
COUNTRIES = {"KZ": (("kk", "ru"), 30), "KG": (("ky", "ru"), 22), "TJ": (("tg", "ru"), 18),
             "AZ": (("az", "ru"), 18), "TM": (("tk", "ru"), 12)}  # fmt: skip
KINDS = {Kind.CSO: 70, Kind.GOVERNMENT: 8, Kind.DONOR: 4, Kind.INTERNATIONAL: 4, Kind.MEDIA: 5,
         Kind.BUSINESS: 5, Kind.ACADEMIC: 4}  # fmt: skip
_TO_CYRILLIC = [
    ("zh", "ж"), ("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("gh", "г"), ("ya", "я"), ("yu", "ю"), ("ts", "ц"),
    *zip("abvgdeziklmnoprstufhyqjxcw", "абвгдезиклмнопрстуфхыкджкв", strict=True),
]  # fmt: skip
_KAZAKH = [("q", "қ"), ("gh", "ғ"), ("ng", "ң")]
_TAJIK = [("j", "ҷ"), ("h", "ҳ"), ("q", "қ"), ("gh", "ғ")]
_LATIN = {
    "tk": [("sh", "ş"), ("ch", "ç"), ("zh", "ž"), ("y", "ý"), ("q", "k"), ("kh", "h")],
    "az": [("sh", "ş"), ("ch", "ç"), ("j", "c"), ("zh", "j"), ("kh", "x"), ("gh", "ğ")],
    "uz": [("kh", "x"), ("zh", "j"), ("gh", "gʻ")],
    "en": [("q", "k")],
}


def spell(root: str, language: str) -> str:
    """A root as a name in `language`'s script: "zhasyl" -> "Жасыл" (ky), "Жасыл" (ru), "Žasyl" (tk)."""
    word = root
    if language in CYRILLIC:
        for latin, cyrillic in _KAZAKH if language in {"kk", "ky"} else _TAJIK if language == "tg" else []:
            word = word.replace(latin, cyrillic)
        for latin, cyrillic in _TO_CYRILLIC:
            word = word.replace(latin, cyrillic)
    else:
        for plain, local in _LATIN[language]:
            word = word.replace(plain, local)
    return word[:1].upper() + word[1:]


ONSETS = ["b", "d", "g", "j", "k", "l", "m", "n", "r", "s", "t", "z", "sh", "ch", "zh", "kh", "y"]
CODAS = ["", "", "", "n", "r", "l", "m", "t", "k", "sh", "z"]


def coined(rng: random.Random) -> str:
    """A made-up name of two or three syllables ("talmir", "kuzhan"): real directories hold tens of
    thousands of distinct names, not a hundred, so most searches for a name find a handful of matches."""
    syllables = [rng.choice(ONSETS) + rng.choice("aaeiou") for _ in range(rng.choice((2, 2, 3)))]
    return "".join(syllables) + rng.choice(CODAS)


def proper_name(rng: random.Random) -> tuple[str, str]:
    """The distinctive part of a name, as (root, suffix), shared by the organization's translations: a
    common word of the region's names for four in ten, a made-up one for the rest."""
    root = rng.choice(ROOTS) if rng.random() < 0.4 else coined(rng)
    return root, rng.choice(SUFFIXES)


def name(rng: random.Random, language: str, proper: tuple[str, str]) -> str:
    root, suffix = proper
    spelled = f"{spell(root, language)} {spell(suffix, language) if suffix.isalpha() else suffix}".strip()
    words = WORDS[language]
    form = rng.choice(words[FORMS].split("|"))
    if language in {"ru", "tg"}:
        purpose = f" {rng.choice(words[PURPOSES].split('|'))}" if rng.random() < 0.4 else ""
        return f"{form}{purpose} «{spelled}»"
    if language == "en":
        return f"{spelled} {form}"
    return f"«{spelled}» {form}" if language in CYRILLIC else f"{spelled} {form}"


def texts(rng: random.Random, language: str) -> dict[str, str]:
    words = WORDS[language]
    sentences = rng.sample(words[SENTENCES].split("|"), k=rng.randint(1, 2))
    purpose = rng.choice(words[PURPOSES].split("|"))
    return {
        f"description_{language}": f"{purpose.capitalize()}. {' '.join(sentences)}",
        f"offers_{language}": ", ".join(rng.sample(words[OFFERS].split("|"), k=2)),
        f"needs_{language}": ", ".join(rng.sample(words[NEEDS].split("|"), k=2)),
    }


def legal_form(rng: random.Random, kind: str) -> str:
    if kind == Kind.CSO:
        return rng.choice([LegalForm.PUBLIC_ASSOCIATION, LegalForm.FOUNDATION, LegalForm.INITIATIVE_GROUP])
    if kind == Kind.GOVERNMENT:
        return rng.choice([LegalForm.MINISTRY, LegalForm.AGENCY, LegalForm.LOCAL_GOVERNMENT])
    return ""


class RowWriter:
    """Inserts rows of a model with executemany: Django's bulk_create compiles every value of every row
    through the field API, which is most of the time of seeding 100,000 organizations."""

    def __init__(self, model) -> None:
        self.fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        self.defaults = {field.attname: field.get_default() for field in self.fields}
        # Only values that are not already what the driver takes go through the field.
        self.prepared = {
            field.attname
            for field in self.fields
            if field.get_internal_type() in {"DateTimeField", "JSONField", "DateField"}
        }
        columns = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.sql = f"INSERT INTO {self.table} ({columns}) VALUES ({marks})"

    def row(self, values: dict) -> list:
        row = []
        for field in self.fields:
            value = values.get(field.attname, self.defaults[field.attname])
            if field.attname in self.prepared:
                value = field.get_db_prep_save(value, connection)
            row.append(value)
        return row

    def write(self, rows: list[dict]) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY: one stream instead of a round trip a row.
                columns = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
                with cursor.cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                    for values in rows:
                        copy.write_row(self.row(values))
            else:
                cursor.executemany(self.sql, [self.row(values) for values in rows])


class Command(BaseCommand):
    help = (
        "Create a large, deterministic synthetic directory (slugs bench-…) for benchmarks; with --funding, "
        "a grant competition under review instead (slugs and e-mails bench-funding-…)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--orgs", type=int, default=100_000, help="how many organizations (100000)")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete earlier bench organizations first (with --funding: the earlier funding bench)",
        )
        funding = parser.add_argument_group("funding (bench/funding.py)")
        funding.add_argument(
            "--funding",
            action="store_true",
            help="instead of the directory: one call under review with 40 reviewers and --applications "
            "submitted applications from the directory's bench organizations (seeded if too few)",
        )
        funding.add_argument(
            "--applications",
            type=int,
            default=600,
            help="with --funding: how many applications (600); 0 with --reset only removes the funding bench",
        )
        funding.add_argument(
            "--reviews",
            type=int,
            default=0,
            help="with --funding: submitted reviews per application, 0–9 (0: none yet; the call asks for 5)",
        )
        funding.add_argument(
            "--awards",
            type=int,
            default=0,
            help="with --funding: decide the call, approving this many applications, each with its award",
        )

    def handle(
        self,
        *args,
        orgs: int,
        reset: bool,
        funding: bool,
        applications: int,
        reviews: int,
        awards: int,
        **options,
    ):
        if funding:
            # The directory does not need the funding app: imported only when asked for.
            from birge.funding.bench_seed import seed_funding_bench

            seed_funding_bench(
                applications=applications, reviews=reviews, awards=awards, reset=reset, stdout=self.stdout
            )
            return
        started = time.monotonic()
        if not Country.objects.filter(is_home=True).exists() or not ThematicArea.objects.exists():
            load_reference_data()
        existing = Organization.objects.filter(slug__startswith=PREFIX)
        if existing.exists():
            if not reset:
                raise CommandError(f"{existing.count()} bench organizations exist already; use --reset.")
            try:
                existing.only("pk").delete()
            except ProtectedError as error:
                raise CommandError(
                    "Applications of the funding bench name these organizations: remove it first with "
                    "`birge seed-bench --funding --reset --applications 0`."
                ) from error
        # The deleted organizations' entries went with them, unseen by the stored facet counts: count the
        # index that is left, then each batch below adds its organizations.
        counting.recount()
        ids = self.create(orgs)
        self.stdout.write(f"created {len(ids)} organizations in {time.monotonic() - started:.0f} s")
        with connection.cursor() as cursor:
            # The planner's statistics of the new rows, before indexing reads them (not of the search
            # tables: see the SQLite engine's `optimize`).
            cursor.execute("ANALYZE orgs_organization")
            cursor.execute("ANALYZE orgs_organization_themes")
            engine().prepare_bulk(cursor)
        index_organizations(ids)
        with connection.cursor() as cursor:
            engine().optimize(cursor)
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                # The visibility map lets PostgreSQL answer counts from indexes (VACUUM cannot run inside a
                # transaction, as in a test).
                cursor.execute("VACUUM ANALYZE orgs_searchentry, orgs_searchtag, orgs_organization")
        self.stdout.write(
            f"seeded and indexed {len(ids)} organizations in {time.monotonic() - started:.0f} s"
        )

    def create(self, count: int) -> list[int]:
        rng = random.Random(SEED)
        countries = {c.code: c.pk for c in Country.objects.filter(code__in=COUNTRIES)}
        regions: dict[str, list[int]] = {}
        for code, pk in (
            Region.objects.filter(country__code__in=COUNTRIES)
            .order_by("code")
            .values_list("country__code", "pk")
        ):
            regions.setdefault(code, []).append(pk)
        themes = list(ThematicArea.objects.order_by("slug").values_list("pk", flat=True))
        codes = list(COUNTRIES)
        now = timezone.now()
        organizations, links = RowWriter(Organization), RowWriter(Organization.themes.through)
        chosen_themes: dict[str, list[int]] = {}
        for start in range(0, count, 5000):
            rows = []
            for number in range(start, min(count, start + 5000)):
                code = rng.choices(codes, weights=[COUNTRIES[c][1] for c in codes])[0]
                local, russian = COUNTRIES[code][0]
                original = rng.choices([local, russian, "en", "uz"], weights=[55, 35, 7, 3])[0]
                proper = proper_name(rng)
                fields = {f"name_{original}": name(rng, original, proper), **texts(rng, original)}
                for extra in sorted({russian, "en"} - {original}):
                    if rng.random() < 0.3:
                        fields[f"name_{extra}"] = name(rng, extra, proper)
                kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
                published = now - timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
                spoken = {local, russian} if rng.random() < 0.7 else {local}
                spoken |= {extra for extra in ("en", "uz") if rng.random() < 0.15}
                slug = f"{PREFIX}{number:06d}"
                rows.append(
                    {
                        "slug": slug,
                        "kind": kind,
                        "legal_form": legal_form(rng, kind),
                        "original_language": original,
                        "country_id": countries[code],
                        "region_id": rng.choice(regions[code]) if rng.random() < 0.9 else None,
                        "founded_year": rng.randint(1991, 2025),
                        "working_languages": sorted(spoken),
                        "phone": f"+{rng.randint(10**10, 10**11 - 1)}",
                        "address": f"{rng.choice(ROOTS).title()} street {rng.randint(1, 200)}",
                        "funding_foreign": rng.randint(0, 100),
                        "verified_at": published if rng.random() < 0.1 else None,
                        "published_at": published,
                        "created_at": published,
                        "updated_at": published,
                        "public_updated_at": published,
                        "name": fields[f"name_{original}"],
                        **fields,
                    }
                )
                chosen_themes[slug] = rng.sample(themes, k=rng.randint(1, 4))
            with transaction.atomic():
                organizations.write(rows)
        ids = dict(Organization.objects.filter(slug__startswith=PREFIX).values_list("slug", "pk"))
        with transaction.atomic():
            links.write(
                [
                    {"organization_id": ids[slug], "thematicarea_id": theme}
                    for slug, picked in chosen_themes.items()
                    for theme in picked
                ]
            )
        return sorted(ids.values())
