"""Organization names of the five countries, and every common way of typing each in the other script: the
table behind test_romanization. Cyrillic names (Russian, Kazakh, Kyrgyz, Tajik) are romanized under each
system of `romanization_systems`; Latin-script names (Uzbek, Azerbaijani, Turkmen, Kazakh Latin 2021) are
written in their Cyrillic alphabets and as Russian text writes them."""

from __future__ import annotations

from dataclasses import dataclass

from birge.orgs.search.tests.romanization_systems import (
    CYRILLIZATIONS,
    INFORMAL,
    KAZAKH_LATIN_2021,
    NEAREST_RUSSIAN,
    ROMANIZATIONS,
)


@dataclass(frozen=True)
class Name:
    slug: str
    country: str
    language: str  # stored as name_<language>
    text: str


@dataclass(frozen=True)
class Case:
    slug: str  # the organization the query must find
    system: str
    query: str


CYRILLIC_NAMES = [
    # Russian
    Name("women-support", "KZ", "ru", "Общественное объединение «Центр поддержки женщин»"),
    Name("generous-heart", "KG", "ru", "Общественный фонд «Щедрое сердце»"),
    Name("legal-initiative", "TJ", "ru", "Объединение юристов «Правовая инициатива»"),
    Name("youth-tj", "TJ", "ru", "Ассоциация молодёжных организаций Таджикистана"),
    Name("green-world", "KZ", "ru", "Экологическое общество «Зелёный мир»"),
    Name("podyom", "KZ", "ru", "Центр социальной адаптации «Подъём»"),
    Name("free-speech", "KG", "ru", "Союз журналистов Кыргызстана «Свобода слова»"),
    Name("obyektiv", "AZ", "ru", "Информационно-аналитический центр «Объектив»"),
    Name("happy-childhood", "TM", "ru", "Фонд здоровья семьи «Счастливое детство»"),
    Name("aral-children", "KZ", "ru", "Благотворительный фонд «Дети Приаралья»"),
    Name("chayka", "AZ", "ru", "Учебный центр «Чайка»"),
    Name("khartiya", "TJ", "ru", "Правозащитный центр «Хартия»"),
    Name("nadezhda", "KG", "ru", "Женская ассоциация «Надежда»"),
    Name("harvest", "KZ", "ru", "Ассоциация фермеров «Урожайный край»"),
    Name("medical-union", "KG", "ru", "Независимый профсоюз медицинских работников"),
    Name("evrika", "TM", "ru", "Клуб молодых учёных «Эврика»"),
    Name("veterans-az", "AZ", "ru", "Объединённый совет ветеранов войны"),
    Name("consumers", "KG", "ru", "Общество защиты прав потребителей"),
    Name("zhemchuzhina", "AZ", "ru", "Ассоциация деловых женщин «Жемчужина»"),
    Name("shelter", "TJ", "ru", "Кризисный центр «Убежище» для пострадавших от насилия"),
    Name("family-homes", "KZ", "ru", "Республиканский союз семейных детских домов"),
    Name("yunost", "TM", "ru", "Культурный центр «Юность»"),
    # Kazakh
    Name("zhas-orken", "KZ", "kk", "«Жас Өркен» жастар қоғамдық бірлестігі"),
    Name("umit-kz", "KZ", "kk", "«Үміт» мүгедектерге көмек қоры"),
    Name("women-rights-kz", "KZ", "kk", "Әйелдер құқықтарын қорғау орталығы"),
    Name("shanyrak", "KZ", "kk", "«Шаңырақ» қайырымдылық қоры"),
    Name("taza-aral", "KZ", "kk", "«Таза Арал» экологиялық қауымдастығы"),
    Name("meyirim", "KZ", "kk", "Балалар үйлеріне көмек көрсету «Мейірім» орталығы"),
    Name("farm-coops", "KZ", "kk", "Ауыл шаруашылығы кооперативтерінің одағы"),
    Name("yesil", "KZ", "kk", "«Есіл» ардагерлер кеңесі"),
    Name("women-business-kz", "KZ", "kk", "Қазақстан кәсіпкер әйелдер қауымдастығы"),
    # Kyrgyz
    Name("aigul", "KG", "ky", "«Айгүл» аялдар кеңеши"),
    Name("youth-initiatives-kg", "KG", "ky", "Жаштар демилгелерин колдоо борбору"),
    Name("ala-too", "KG", "ky", "«Ала-Тоо» экологиялык коомдук бирикмеси"),
    Name("erkindik", "KG", "ky", "Адам укуктарын коргоо борбору «Эркиндик»"),
    Name("umut-kg", "KG", "ky", "Мүмкүнчүлүгү чектелген балдар үчүн «Үмүт» коомдук фонду"),
    Name("development-kg", "KG", "ky", "Өнүгүү жана кызматташтык бирикмеси"),
    Name("zhany-muun", "KG", "ky", "«Жаңы муун» жаштар уюму"),
    Name("issyk-kul", "KG", "ky", "Ысык-Көл айыл чарба кооперативи"),
    Name("elim", "KG", "ky", "«Элим» маданий борбору"),
    # Tajik
    Name("huquq", "TJ", "tg", "Иттиҳодияи ҷамъиятии «Ҳуқуқ ва рушд»"),
    Name("hamsoya", "TJ", "tg", "Маркази дастгирии занон «Ҳамсоя»"),
    Name("javonon", "TJ", "tg", "Ташкилоти ҷамъиятии «Ҷавонон барои оянда»"),
    Name("marifat", "TJ", "tg", "Фонди «Маърифат»"),
    Name("hisor-farmers", "TJ", "tg", "Ассотсиатсияи деҳқонони Ҳисор"),
    Name("journalists-tj", "TJ", "tg", "Иттиҳоди рӯзноманигорони мустақили Тоҷикистон"),
    Name("gamkhori", "TJ", "tg", "Хонаи кӯдакон «Ғамхорӣ»"),
    Name("mayub", "TJ", "tg", "Созмони «Маъюбони Тоҷикистон»"),
    Name("ilm-hunar", "TJ", "tg", "Маркази таълимии «Илм ва ҳунар»"),
    Name("shan-zan", "TJ", "tg", "Ҷамъияти «Шаъну шарафи зан»"),
]

LATIN_NAMES = [
    # Uzbek, in Kyrgyzstan and Tajikistan
    Name("uzbek-culture", "KG", "uz", "Oʻzbek milliy madaniyat markazi"),
    Name("yoshlar", "KG", "uz", "«Yoshlar kelajagi» jamoat birlashmasi"),
    Name("mehr", "TJ", "uz", "«Mehr» ayollar qoʻmitasi"),
    Name("gallakor", "TJ", "uz", "Gʻallakor fermerlar uyushmasi"),
    Name("nogironlar", "KG", "uz", "Nogironlar huquqlarini himoya qilish jamiyati"),
    Name("ezgu-niyat", "KG", "uz", "«Ezgu niyat» xayriya jamgʻarmasi"),
    Name("toza-havo", "TJ", "uz", "Ekologik «Toza havo» harakati"),
    # Azerbaijani
    Name("genclar", "AZ", "az", "Gənclər Təşəbbüsləri Mərkəzi"),
    Name("hayat", "AZ", "az", "«Həyat» Qadınlar Cəmiyyəti"),
    Name("insan-huquqlari", "AZ", "az", "İnsan Hüquqları Mərkəzi"),
    Name("ekoloji", "AZ", "az", "Ekoloji Maarifləndirmə İctimai Birliyi"),
    Name("jurnalistlar", "AZ", "az", "Azərbaycan Jurnalistlər Birliyi"),
    Name("chinar", "AZ", "az", "«Çinar» Uşaqlara Yardım Fondu"),
    Name("umid", "AZ", "az", "«Ümid» Xeyriyyə Cəmiyyəti"),
    # Turkmen
    Name("yalkym", "TM", "tk", "«Ýalkym» ýaşlar jemgyýetçilik birleşigi"),
    Name("ayallar", "TM", "tk", "Türkmenistanyň Aýallar birleşigi"),
    Name("taze-dunya", "TM", "tk", "«Täze dünýä» ekologiýa jemgyýeti"),
    Name("bereketli", "TM", "tk", "«Bereketli toprak» daýhan birleşigi"),
    Name("soz", "TM", "tk", "«Söz» žurnalistler merkezi"),
]

# Kazakh in its 2021 Latin alphabet, kept with the Cyrillic it was written from (which is how it is typed
# back: in Kazakh Cyrillic, or in Russian letters).
KAZAKH_LATIN_SOURCES = {
    "jastar-bastamalary": "Жастар бастамаларын қолдау қоры",
    "jasyl-dala": "«Жасыл дала» табиғат қорғау қоғамы",
    "til-madeniet": "Қазақ тілі мен мәдениеті орталығы",
    "aqniet": "«Ақниет» әлеуметтік көмек қоры",
}


def kazakh_latin(cyrillic: str) -> str:
    return "".join(
        (spelled[:1].upper() + spelled[1:]) if char.isupper() else spelled
        for char in cyrillic
        for spelled in [KAZAKH_LATIN_2021.get(char.lower(), {"«": '"', "»": '"'}.get(char, char))]
    )


KAZAKH_LATIN_NAMES = [
    Name(slug, "KZ", "kk", kazakh_latin(text)) for slug, text in KAZAKH_LATIN_SOURCES.items()
]

NAMES = CYRILLIC_NAMES + LATIN_NAMES + KAZAKH_LATIN_NAMES


# Names of no organization in the table, from much the same words: their spellings must find nothing, or
# the folding has merged words that differ.
UNKNOWN_NAMES = [
    Name("", "", "ru", "Фонд поддержки фермеров"),
    Name("", "", "ru", "Центр юридической помощи «Щит»"),
    Name("", "", "ru", "Ассоциация журналистов-экологов"),
    Name("", "", "ru", "Объединение семей погибших"),
    Name("", "", "ru", "Союз молодых учителей"),
    Name("", "", "kk", "Жастар орталығы «Болашақ»"),
    Name("", "", "kk", "Әйелдер кеңесі «Шолпан»"),
    Name("", "", "ky", "Аялдар бирикмеси «Нур»"),
    Name("", "", "tg", "Маркази ҷавонон «Ситора»"),
    Name("", "", "tg", "Иттиҳоди занони деҳқон"),
]


def _in_russian_letters(text: str) -> str:
    return "".join(
        (spelled[:1].upper() + spelled[1:]) if char.isupper() else spelled
        for char in text
        for spelled in [NEAREST_RUSSIAN.get(char.lower(), char.lower())]
    )


def _romanized(names: list[Name]) -> list[Case]:
    return [
        Case(name.slug, system.name, system.romanize(name.text, name.language))
        for name in names
        for system in ROMANIZATIONS + INFORMAL
    ]


def unknown_cases() -> list[Case]:
    """The unknown names under every system; each must find nothing."""
    return _romanized(UNKNOWN_NAMES)


def cases() -> list[Case]:
    """Every query of the table, each with the system it was written in."""
    found = _romanized(CYRILLIC_NAMES)
    for name in LATIN_NAMES:
        for way in CYRILLIZATIONS:
            if way.language == name.language:
                found.append(Case(name.slug, way.name, way.write(name.text)))
    for slug, cyrillic in KAZAKH_LATIN_SOURCES.items():
        found.append(Case(slug, "Kazakh Cyrillic", cyrillic))
        found.append(Case(slug, "Kazakh in Russian", _in_russian_letters(cyrillic)))
    return found
