"""Readable Latin addresses for profiles ("Қамқор" → "qamqor"), so a shared link says whose page it is."""

from django.utils.text import slugify

# One Latin spelling per letter, close to what people type; the search has its own, looser folding.
CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o",
    "ұ": "u", "ү": "u", "һ": "h", "і": "i", "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ҹ": "j", "ј": "j",
}  # fmt: skip
SPECIAL_LATIN = {"ə": "a", "ı": "i", "ʻ": "", "ʼ": "", "'": "", "’": ""}


def to_latin(text: str) -> str:
    out = []
    for char in text:
        lower = char.lower()
        latin = CYRILLIC_TO_LATIN.get(lower, SPECIAL_LATIN.get(lower, char))
        out.append(latin.capitalize() if char != lower and latin else latin)
    return "".join(out)


def slug_base(name: str, fallback: str = "organization") -> str:
    # slugify drops what it can't fold to ASCII (accents are folded: "ş" → "s").
    return slugify(to_latin(name))[:70].strip("-") or fallback


def unique_slug(name: str, taken, *, fallback: str = "organization", reserved=frozenset()) -> str:
    """A readable address for `name` that no row of `taken` (a queryset) holds and no page of the app
    uses (`reserved`): the base, else the base with -2, -3, ..."""
    base = slug_base(name, fallback)
    slug, number = base, 1
    while slug in reserved or taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
