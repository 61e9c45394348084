"""The ways a name is typed in another script: one small generator per romanization system, written from
the system's published letter table, and the Cyrillic spellings of the Latin-script languages.

Only what the directory's test needs: lowercase tables (a capital stays a capital), names made of words,
spaces, hyphens and quotation marks. Guillemets come out as straight quotes, as a person types them.

Kazakh, Kyrgyz and Tajik letters: ISO 9, BGN/PCGN, ALA-LC and UNGEGN publish tables for them; ICAO Doc
9303 leaves them to the issuing state, so the three states' passport practice is used; the systems made
for Russian alone (GOST 7.79-B as used for Russian, GOST R 52535, BS 2979, Yandex) see them as the
nearest Russian letter (ғ as г, қ as к, ҷ as дж, і as и ...), which is what those tools do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

CYRILLIC_VOWELS = set("аеёиоуыэюяәөұүіӣӯ")
SIGNS = set("ъь")
QUOTES = {"«": '"', "»": '"', "„": '"', "“": '"'}

# The nearest Russian letter of each Kazakh, Kyrgyz and Tajik letter.
NEAREST_RUSSIAN = {
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
    "ӣ": "и", "ӯ": "у", "ҳ": "х", "ҷ": "дж",
}  # fmt: skip

# The letters every Russian table writes alike.
_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
}  # fmt: skip


def _table(differences: str) -> dict[str, str]:
    """The common letters and these, given as "е=e ё=ë ..." ("ъ=" for a letter written as nothing)."""
    letters = dict(pair.split("=", 1) for pair in differences.split())
    return {**_COMMON, **letters}


# A spelling rule beside the table: (the text in lowercase, the letter's position) -> the Latin, or None to
# look the letter up.
Rule = Callable[[str, int], "str | None"]


def _previous(text: str, i: int) -> str:
    """The letter before position i, or a space at the start of a word."""
    return text[i - 1] if i and text[i - 1].isalpha() else " "


def _next(text: str, i: int, step: int = 1) -> str:
    j = i + step
    return text[j] if j < len(text) and text[j].isalpha() else " "


@dataclass(frozen=True)
class System:
    name: str
    letters: dict[str, str]  # Russian
    languages: dict[str, dict[str, str]] = field(default_factory=dict)  # kk/ky/tg letters (and overrides)
    rules: tuple[Rule, ...] = ()
    nearest_russian: bool = False  # letters missing from the tables are spelled as the nearest Russian one

    def romanize(self, text: str, language: str) -> str:
        letters = {**self.letters, **self.languages.get(language, {})}
        if self.nearest_russian:
            text = "".join(_with_case(char, NEAREST_RUSSIAN.get(char.lower(), char.lower())) for char in text)
        lower = text.lower()
        out = []
        for i, char in enumerate(text):
            latin = next((s for rule in self.rules if (s := rule(lower, i)) is not None), None)
            if latin is None:
                latin = letters.get(lower[i], QUOTES.get(char, char))
            out.append(_with_case(char, latin))
        return "".join(out)


def _with_case(char: str, spelled: str) -> str:
    return spelled[:1].upper() + spelled[1:] if char.isupper() else spelled


def _iotated(spellings: dict[str, str]) -> Rule:
    """е (ё ...) spelled "ye" (...) at the start of a word and after a vowel, a sign or й."""

    def rule(text: str, i: int) -> str | None:
        previous = _previous(text, i)
        if text[i] in spellings and (previous == " " or previous in CYRILLIC_VOWELS | SIGNS | {"й"}):
            return spellings[text[i]]
        return None

    return rule


def _after(letters: str, spellings: dict[str, str]) -> Rule:
    def rule(text: str, i: int) -> str | None:
        return spellings[text[i]] if text[i] in spellings and _previous(text, i) in letters else None

    return rule


def _before(letters: str, spellings: dict[str, str]) -> Rule:
    def rule(text: str, i: int) -> str | None:
        return spellings[text[i]] if text[i] in spellings and _next(text, i) in letters else None

    return rule


def _word_final_y(text: str, i: int) -> str | None:
    """Wikipedia's -ий and -ый at the end of a word: one "y" (Dostoyevsky, Chaykovsky)."""
    if text[i] == "й" and _previous(text, i) in "иы" and _next(text, i) == " ":
        return ""
    if text[i] in "иы" and _next(text, i) == "й" and _next(text, i, 2) == " ":
        return "y"
    return None


def _bgn_separators(text: str, i: int) -> str | None:
    """BGN/PCGN's middle dot where two letters would read as a digraph: т·с, ш·ч, к·х, з·х, с·х; and y·
    for ы and й before а, у, ы, э."""
    if _previous(text, i) + text[i] in {"тс", "шч", "кх", "зх", "сх"}:
        return "·" + {"с": "s", "ч": "ch", "х": "kh"}[text[i]]
    if text[i] in "ый" and _next(text, i) in set("ауыэ"):
        return "y·"
    return None


ISO9 = System(
    "ISO 9 / GOST 7.79-A",
    _table("е=e ё=ë ж=ž й=j х=h ц=c ч=č ш=š щ=ŝ ъ=ʺ ы=y ь=ʹ э=è ю=û я=â"),
    languages={
        lang: {
            "ә": "a̋", "ғ": "ġ", "қ": "ķ", "ң": "ṇ", "ө": "ô", "ұ": "u̇", "ү": "ù", "һ": "ḥ", "і": "ì",
            "ӣ": "ī", "ӯ": "ū", "ҳ": "ḩ", "ҷ": "c̦",
        }
        for lang in ("kk", "ky", "tg")
    },
)  # fmt: skip
GOST_B = System(
    "GOST 7.79-B",
    _table("е=e ё=yo ж=zh й=j х=x ц=c ч=ch ш=sh щ=shh ъ=`` ы=y` ь=` э=e` ю=yu я=ya"),
    rules=(_before("еиый", {"ц": "cz"}),),
    nearest_russian=True,
)
GOST_52535 = System(
    "GOST R 52535",
    _table("е=e ё=e ж=zh й=i х=kh ц=tc ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=iu я=ia"),
    nearest_russian=True,
)
ICAO = System(
    "ICAO Doc 9303",
    _table("е=e ё=e ж=zh й=i х=kh ц=ts ч=ch ш=sh щ=shch ъ=ie ы=y ь= э=e ю=iu я=ia"),
    languages={
        "kk": {"ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i"},
        "ky": {"ң": "n", "ө": "o", "ү": "u"},
        "tg": {"ғ": "gh", "ӣ": "i", "қ": "q", "ӯ": "u", "ҳ": "h", "ҷ": "j"},
    },
)
BGN_PCGN = System(
    "BGN/PCGN",
    _table("е=e ё=ë ж=zh й=y х=kh ц=ts ч=ch ш=sh щ=shch ъ=” ы=y ь=’ э=e ю=yu я=ya"),
    languages={
        "kk": {
            "ә": "ä", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "ö", "ұ": "ū", "ү": "ü", "һ": "h", "і": "i",
            "ё": "yo",
        },
        "ky": {"ң": "ng", "ө": "ö", "ү": "ü", "ё": "yo"},
        "tg": {"ғ": "gh", "ӣ": "ī", "қ": "q", "ӯ": "ū", "ҳ": "ḩ", "ҷ": "j", "ё": "yo"},
    },
    rules=(_bgn_separators, _iotated({"е": "ye", "ё": "yë"})),
)  # fmt: skip
ALA_LC = System(
    "ALA-LC",
    _table("е=e ё=ë ж=zh й=ĭ х=kh ц=t͡s ч=ch ш=sh щ=shch ъ=ʺ ы=y ь=ʹ э=ė ю=i͡u я=i͡a"),
    languages={
        "kk": {"ә": "ă", "ғ": "ġ", "қ": "ḳ", "ң": "ṅ", "ө": "ȯ", "ұ": "ū", "ү": "u̇", "һ": "ḣ", "і": "ī"},
        "ky": {"ң": "ṅ", "ө": "ȯ", "ү": "u̇"},
        "tg": {"ғ": "ġ", "ӣ": "ī", "қ": "ḳ", "ӯ": "ū", "ҳ": "ḣ", "ҷ": "j̣"},
    },
)
# Kazakh and Tajik under UNGEGN are the states' national systems, whole tables of their own.
KAZAKH_LATIN_2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o",
    "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h",
    "һ": "h", "ц": "ts", "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip
TAJIK_NATIONAL = {
    **_table("е=e ё=yo ж=zh й=y х=kh ц=ts ч=ch ш=sh щ=sh ъ=ʼ ы=y ь= э=e ю=yu я=ya"),
    "ғ": "gh", "ӣ": "ī", "қ": "q", "ӯ": "ū", "ҳ": "h", "ҷ": "j",
}  # fmt: skip
UNGEGN = System(
    "UNGEGN",
    _table("е=e ё=ë ж=ž й=j х=h ц=c ч=č ш=š щ=šč ъ=ʺ ы=y ь=ʹ э=è ю=ju я=ja"),
    languages={"kk": KAZAKH_LATIN_2021, "ky": {"ң": "ṇ", "ө": "ö", "ү": "ü"}, "tg": TAJIK_NATIONAL},
)
BS_2979 = System(
    "BS 2979",
    _table("е=e ё=ë ж=zh й=ĭ х=kh ц=ts ч=ch ш=sh щ=shch ъ=” ы=ȳ ь=’ э=é ю=yu я=ya"),
    nearest_russian=True,
)
WIKIPEDIA = System(
    "Wikipedia",
    _table("е=e ё=yo ж=zh й=y х=kh ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=yu я=ya"),
    languages={
        "kk": {"ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i"},
        "ky": {"ң": "n", "ө": "o", "ү": "u"},
        "tg": {"ғ": "gh", "ӣ": "i", "қ": "q", "ӯ": "u", "ҳ": "h", "ҷ": "j"},
    },
    rules=(_word_final_y, _after("жчшщ", {"ё": "o"}), _iotated({"е": "ye", "ё": "yo"})),
)
YANDEX = System(
    "Yandex",
    _table("е=e ё=yo ж=zh й=y х=h ц=ts ч=ch ш=sh щ=sch ъ= ы=y ь= э=e ю=yu я=ya"),
    nearest_russian=True,
)


def informal(choice: int) -> System:
    """Chat spelling, one of three habits: which of sch/shch/sh, ts/tc/c, kh/h/x, y/i/j, ye/e, yu/iu/ju,
    ya/ia/ja, and ' " ` or nothing for the signs. Diacritics dropped."""

    def pick(*options: str) -> str:
        return options[choice % len(options)]

    sign = pick("", "'", '"', "`")
    letters = _table(
        f"е=e ё={pick('yo', 'e', 'jo')} ж=zh й={pick('y', 'i', 'j')} х={pick('kh', 'h', 'x')} "
        f"ц={pick('ts', 'tc', 'c')} ч=ch ш=sh щ={pick('sch', 'shch', 'sh')} ы=y э=e "
        f"ю={pick('yu', 'iu', 'ju')} я={pick('ya', 'ia', 'ja')}"
    )
    letters |= {"ъ": sign, "ь": sign}
    dropped = {
        "ә": "a", "ғ": pick("g", "gh"), "қ": pick("k", "q"), "ң": pick("n", "ng"), "ө": "o", "ұ": "u",
        "ү": "u", "һ": "h", "і": "i", "ӣ": "i", "ӯ": "u", "ҳ": pick("h", "x"), "ҷ": "j",
    }  # fmt: skip
    iotated = pick("ye", "e")
    return System(
        "informal",
        letters,
        languages={lang: dropped for lang in ("kk", "ky", "tg")},
        rules=(_iotated({"е": iotated}),),
    )


ROMANIZATIONS = [ISO9, GOST_B, GOST_52535, ICAO, BGN_PCGN, ALA_LC, UNGEGN, BS_2979, WIKIPEDIA, YANDEX]
INFORMAL = [informal(choice) for choice in range(3)]


# Latin-script names in Cyrillic: each language's own Cyrillic alphabet, and the Russian spelling.
def _lowercase(text: str, dotted: bool) -> str:
    """Lowercase, one letter for one; in the Turkic alphabets with two i's, I is ı and İ is i."""
    turkic = {"I": "ı", "İ": "i"} if dotted else {"İ": "i"}
    return "".join(turkic.get(char) or char.lower()[0] for char in text)


def _latin_to_cyrillic(text: str, pairs: dict[str, str], word_start: dict[str, str], dotted: bool) -> str:
    """Longest Latin spelling first; `word_start` holds what differs at the start of a word (Uzbek e: э)."""
    lower = _lowercase(text, dotted)
    out, i = [], 0
    while i < len(text):
        table = {**pairs, **word_start} if i == 0 or not text[i - 1].isalpha() else pairs
        key = next((k for k in sorted(table, key=len, reverse=True) if lower.startswith(k, i)), None)
        if key is None:
            out.append(QUOTES.get(text[i], text[i]))
            i += 1
            continue
        out.append(_with_case(text[i], table[key]))
        i += len(key)
    return "".join(out)


UZBEK_CYRILLIC = {
    "oʻ": "ў", "gʻ": "ғ", "sh": "ш", "ch": "ч", "ya": "я", "yu": "ю", "yo": "ё", "ye": "е", "ʼ": "ъ",
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т", "u": "у",
    "v": "в", "x": "х", "y": "й", "z": "з",
}  # fmt: skip
AZERBAIJANI_CYRILLIC = {
    "a": "а", "b": "б", "c": "ҹ", "ç": "ч", "d": "д", "e": "е", "ə": "ә", "f": "ф", "g": "ҝ", "ğ": "ғ",
    "h": "һ", "x": "х", "ı": "ы", "i": "и", "j": "ж", "k": "к", "q": "г", "l": "л", "m": "м",
    "n": "н", "o": "о", "ö": "ө", "p": "п", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у", "ü": "ү",
    "v": "в", "y": "ј", "z": "з",
}  # fmt: skip
TURKMEN_CYRILLIC = {
    "ýa": "я", "ýu": "ю", "ýo": "ё", "ýe": "е",
    "a": "а", "b": "б", "ç": "ч", "d": "д", "e": "е", "ä": "ә", "f": "ф", "g": "г", "h": "х", "i": "и",
    "j": "җ", "ž": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ň": "ң", "o": "о", "ö": "ө", "p": "п",
    "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у", "ü": "ү", "w": "в", "y": "ы", "ý": "й", "z": "з",
}  # fmt: skip


@dataclass(frozen=True)
class Cyrillization:
    name: str
    language: str
    pairs: dict[str, str]
    word_start: dict[str, str] = field(default_factory=dict)
    russian: dict[str, str] | None = None  # Russian text: the language's own letters as these
    dotted: bool = False  # the alphabet has both I ı and İ i

    def write(self, text: str) -> str:
        cyrillic = _latin_to_cyrillic(text, self.pairs, self.word_start, self.dotted)
        if self.russian is None:
            return cyrillic
        russian = "".join(_with_case(c, self.russian.get(c.lower(), c.lower())) for c in cyrillic)
        # Russian writes й and a vowel as one letter: Həyat, Һәјат, Хаят.
        for pair, letter in (("йа", "я"), ("йу", "ю"), ("Йа", "Я"), ("Йу", "Ю")):
            russian = russian.replace(pair, letter)
        return russian


# How Russian text writes these languages' own letters; Azerbaijani q (Cyrillic г) mostly as к: Карабах.
RUSSIAN_FOR = {**NEAREST_RUSSIAN, "ў": "у", "ҹ": "дж", "җ": "дж", "ҝ": "г", "ј": "й"}
AZERBAIJANI_IN_RUSSIAN = {**RUSSIAN_FOR, "г": "к"}

CYRILLIZATIONS = [
    Cyrillization("Uzbek Cyrillic", "uz", UZBEK_CYRILLIC, {"e": "э", "ye": "е"}),
    Cyrillization("Uzbek in Russian", "uz", UZBEK_CYRILLIC, {"e": "э", "ye": "е"}, russian=RUSSIAN_FOR),
    Cyrillization("Azerbaijani Cyrillic", "az", AZERBAIJANI_CYRILLIC, dotted=True),
    Cyrillization(
        "Azerbaijani in Russian", "az", AZERBAIJANI_CYRILLIC, dotted=True, russian=AZERBAIJANI_IN_RUSSIAN
    ),
    Cyrillization("Turkmen Cyrillic", "tk", TURKMEN_CYRILLIC, {"e": "э"}),
    Cyrillization("Turkmen in Russian", "tk", TURKMEN_CYRILLIC, {"e": "э"}, russian=RUSSIAN_FOR),
]
