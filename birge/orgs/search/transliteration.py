"""Folding words to a phonetic Latin "skeleton", so that Cyrillic and Latin spellings of one name meet.

The seven languages of the platform write the same sounds in many ways: Kazakh қ is q in Kazakh Latin, k or х
in Russian and kh in English; Uzbek x is Russian х; Turkmen ş, Azerbaijani ş, Uzbek sh and Russian ш are one
sound. A skeleton maps every spelling of a sound to one letter, lowercase, without diacritics, and collapses
doubled letters, so "Қазақстан", "Qazaqstan", "Kazakhstan" and "Казахстан" all become "kazakstan".

The skeleton alphabet is [a-z0-9] only. Both search engines rely on that: a skeleton can go into an FTS5
phrase or a tsquery lexeme without any quoting, so no query text can ever be read as search syntax.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
    "җ": "j", "ҹ": "j", "ј": "y",  # tk, az
    "є": "ye", "ї": "yi", "ґ": "g",
}  # fmt: skip

# Latin letters that Unicode decomposition would not fold the way these languages read them.
_LATIN = {
    "ş": "sh", "ș": "sh", "ç": "ch", "ž": "zh", "ğ": "gh", "ı": "i", "ə": "a", "ä": "a", "ö": "o",
    "ü": "u", "ý": "y", "ň": "n", "ñ": "n", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l",
}  # fmt: skip

_TO_LATIN = str.maketrans({**_CYRILLIC, **_LATIN})

# Letter groups that transliterations confuse, each folded to one letter. Read left to right in one pass,
# so the output letters x (sh), q (ch) and c (ts) are never read again as input letters.
#   k: k, q, қ, x (Uzbek and Azerbaijani х), kh, х, h, ҳ, һ -- Казахстан, Қазақстан, Kazakhstan, Qazaqstan
#   j: j, zh, ж, dj, dzh, ҷ, җ, Azerbaijani c -- Жол, Jol, Zhol; Cəmiyyət, Джамият
#   i: i, y, ы, й, ı, і, ӣ, ý;  v: v, w;  x: sh, ш, ş, щ;  q: ch, ч, ç;  c: ts, ц
_SEQUENCES = {
    "dzh": "j", "sh": "x", "ch": "q", "zh": "j", "dj": "j", "kh": "k", "gh": "g", "ts": "c", "th": "t",
    "ph": "f", "ck": "k",
    "q": "k", "x": "k", "h": "k", "c": "j", "y": "i", "w": "v",
}  # fmt: skip
_SEQUENCE_RE = re.compile("|".join(sorted(_SEQUENCES, key=len, reverse=True)))
_DOUBLED_RE = re.compile(r"([a-z])\1+")

# Apostrophes inside a word belong to it: Uzbek oʻ and gʻ, written with any of these marks.
_APOSTROPHE_RE = re.compile(r"(?<=\w)['’‘`´ʼʻʹ](?=\w)")
_WORD_RE = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of `text`: runs of letters and digits; an apostrophe inside a word does not split it."""
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
    folded = _SEQUENCE_RE.sub(lambda match: _SEQUENCES[match.group()], ascii_only)
    return _DOUBLED_RE.sub(r"\1", folded)


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
