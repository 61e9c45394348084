"""Folding words to a phonetic Latin "skeleton", so that Cyrillic and Latin spellings of one name meet.

The seven languages of the platform write the same sounds in many ways: Kazakh қ is q in Kazakh Latin, k or х
in Russian and kh in English; Uzbek x is Russian х; Turkmen ş, Azerbaijani ş, Uzbek sh and Russian ш are one
sound. A skeleton maps every spelling of a sound to one letter, lowercase, without diacritics, and collapses
doubled letters, so "Қазақстан", "Qazaqstan", "Kazakhstan" and "Казахстан" all become "kazakstan".

The skeleton alphabet is [a-z0-9] only. Both search engines rely on that: a skeleton can go into an FTS5
phrase or a tsquery lexeme without any quoting, so no query text can ever be read as search syntax.

A searcher types a name the way they learned to romanize it: ISO 9 writes щ as ŝ, GOST 7.79-B as shh,
passports as shch, chat as sch; BGN/PCGN and Wikipedia write е as "ye" after a vowel, ICAO writes ъ as
"ie". The skeleton folds what can be folded for every word alike. What cannot — a Latin c is ц in ISO 9 and
дж in Azerbaijani, a j is й in UNGEGN and ж in Kazakh — is read both ways, for a query's words only
(`readings`); the index keeps one skeleton per word.

FOLDING_VERSION names the rules the index was built with: change it with any change to `skeleton`, and the
next `birge migrate` rebuilds the index (see `indexing.rebuild_index_if_stale`). `readings` apply to
queries only and need no rebuild.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

FOLDING_VERSION = "2"

# Cyrillic letters (lowercase) of Russian, Kazakh, Kyrgyz, Tajik, Uzbek, Turkmen and Azerbaijani Cyrillic,
# as the Latin spelling the rules below then fold. Hard and soft signs carry no sound of their own; ё is е,
# as most Russian text writes it.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "gh", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",  # kk, ky
    "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j",  # tg
    "ў": "o",  # uz
    "җ": "j", "ҹ": "j", "ј": "y", "ҝ": "g",  # tk, az
    "є": "ye", "ї": "yi", "ґ": "g",
}  # fmt: skip

# Latin letters that Unicode decomposition would not fold the way these languages read them, and ISO 9's
# and UNGEGN's letters for ч ш щ ю я (č š ŝ û â).
_LATIN = {
    "ş": "sh", "ș": "sh", "ç": "ch", "ž": "zh", "ğ": "gh", "ı": "i", "ə": "a", "ä": "a", "ö": "o",
    "ü": "u", "ý": "y", "ň": "n", "ñ": "n", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l",
    "č": "ch", "š": "sh", "ŝ": "sh", "û": "yu", "â": "ya",
}  # fmt: skip

_TO_LATIN = str.maketrans({**_CYRILLIC, **_LATIN})

# Letter groups that transliterations confuse, each folded to one letter. Read left to right in one pass,
# longest first, so the output letters x (sh), q (ch) and c (ts) are never read again as input letters.
#   k: k, q, қ, x (Uzbek and Azerbaijani х), kh, х, h, ҳ, һ -- Казахстан, Қазақстан, Kazakhstan, Qazaqstan
#   j: j, zh, ж, dj, dzh, ҷ, җ, Azerbaijani c -- Жол, Jol, Zhol; Cəmiyyət, Джамият
#   i: i, y, ы, й, ı, і, ӣ, ý;  v: v, w;  q: ch, ч, ç, č
#   x: sh, ш, ş, š, щ, shch, shh (GOST 7.79-B), sch (Yandex, chat), ŝ
#   c: ts, ц, tc (GOST R 52535), cz (GOST 7.79-B before e, i, y, j); but tch is т and ч (Otchet)
#   n: n, ng (BGN/PCGN's ң)
_SEQUENCES = {
    "shch": "x", "shh": "x", "sch": "x", "dzh": "j", "tch": "tq",
    "sh": "x", "ch": "q", "zh": "j", "dj": "j", "kh": "k", "gh": "g", "ts": "c", "tc": "c", "cz": "c",
    "th": "t", "ph": "f", "ck": "k", "ng": "n",
    "q": "k", "x": "k", "h": "k", "c": "j", "y": "i", "w": "v",
}  # fmt: skip
_SEQUENCE_RE = re.compile("|".join(sorted(_SEQUENCES, key=len, reverse=True)))
_DOUBLED_RE = re.compile(r"([a-z])\1+")
# е is "ye" at the start of a word and after a vowel or a sign in BGN/PCGN and Wikipedia, "e" in ISO 9 and
# passports: a glide before e is no letter of the skeleton. ICAO writes ъ as "ie", also before я and ю
# (Obieiavlenie, Объявление), where it goes whole.
_GLIDE_RE = re.compile("ie(?=i)|i(?=e)")

# Marks inside a word belong to it: Uzbek oʻ and gʻ, and the hard and soft signs as the systems write them
# (ʺ ʹ, ” ’, `` `) or as people type them (' " `); BGN/PCGN's middle dot (det·stvo) splits nothing either.
_APOSTROPHE_RE = re.compile(r"(?<=\w)['’‘`´ʼʻʹʺ\"”“″′·]+(?=\w)")
# A letter may carry combining marks: ALA-LC's t͡s and i͡a, ISO 9's a̋ and c̦, Kazakh u̇.
_WORD_RE = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")


def words(text: str) -> list[str]:
    """The words of `text`: runs of letters and digits with their accents; an apostrophe inside a word does
    not split it."""
    return _WORD_RE.findall(_APOSTROPHE_RE.sub("", text))


def _searchable(char: str) -> bool:
    """Latin and Cyrillic letters and ASCII digits: the scripts of the platform's languages. Other scripts
    are left out of the index rather than tokenized differently by the two engines."""
    if char.isascii():
        return char.isalnum()
    code = ord(char)
    return char.isalpha() and (code < 0x2B0 or 0x400 <= code <= 0x52F)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def plain(word: str) -> str:
    """The word as written, lowercase and without accents ("Türkmen" -> "turkmen", "Арго" -> "арго"):
    the form that makes an exact match rank above a transliterated one."""
    return "".join(char for char in _strip_marks(word.casefold()) if _searchable(char))


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The phonetic Latin skeleton of one word, in [a-z0-9]; empty if nothing of it is searchable."""
    latin = unicodedata.normalize("NFC", word.casefold()).translate(_TO_LATIN)
    ascii_only = "".join(char for char in _strip_marks(latin) if char.isascii() and char.isalnum())
    folded = _DOUBLED_RE.sub(r"\1", _SEQUENCE_RE.sub(lambda match: _SEQUENCES[match.group()], ascii_only))
    return _DOUBLED_RE.sub(r"\1", _GLIDE_RE.sub("", folded))


# Letters that mean one thing in some spellings and another in others, each with its other reading, in
# the word as typed (lowercase). The skeleton takes the first meaning; a query also tries the second.
_READINGS = [
    (re.compile("ё"), "йо"),  # Uzbek and Turkmen ё is yo (Ёшлар, Yoshlar); Russian ё, often written е, is e
    (re.compile("j"), "y"),  # й in ISO 9, UNGEGN, GOST 7.79-B and chat (Obŝestvennyj); ж in Kazakh Latin
    (re.compile("c(?![hkz])"), "ts"),  # ц in ISO 9, UNGEGN and chat (Centr); дж in Azerbaijani (Gənclər)
    (re.compile("[yj]o"), "e"),  # ё as Wikipedia and chat write it (Podyom, Podjom: Подъём)
]
# Azerbaijani Cyrillic writes q as г (Һүгуг, Hüquq): read so in words with letters only it uses.
_AZERBAIJANI_CYRILLIC = re.compile("[әҹҝјһ]")
_AZERBAIJANI_Q = (re.compile("г"), "қ")
MAX_READINGS = 8
_MAX_SPELLINGS = 64  # read before folding: enough for four ambiguous letters in one word


@lru_cache(maxsize=8192)
def readings(word: str) -> tuple[str, ...]:
    """The skeletons a typed word may stand for, its own first, at most MAX_READINGS."""
    typed = unicodedata.normalize("NFC", word.casefold())
    rules = [*_READINGS, _AZERBAIJANI_Q] if _AZERBAIJANI_CYRILLIC.search(typed) else _READINGS
    spellings = [typed]
    for pattern, other in rules:
        spellings += [variant for spelling in spellings for variant in _read_again(spelling, pattern, other)]
        del spellings[_MAX_SPELLINGS:]
    found = dict.fromkeys(skeleton(spelling) for spelling in spellings)
    return tuple(found)[:MAX_READINGS]


def _read_again(spelling: str, pattern: re.Pattern, other: str) -> list[str]:
    """The spelling with every match read the other way, then with each match alone (one word may hold
    both meanings: "jamijat", Ҷамъият, has a ж and a й)."""
    matches = list(pattern.finditer(spelling))
    if not matches:
        return []
    alone = [spelling[: m.start()] + other + spelling[m.end() :] for m in matches] if len(matches) > 1 else []
    return [pattern.sub(other, spelling), *alone]


def within_one_edit(a: str, b: str) -> bool:
    """True if `b` is `a` with at most one letter replaced, removed or added."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]
    return True
