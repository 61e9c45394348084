"""What a text typed by a person may hold.

A single-line value (a name, a position, an identifier) ends up in e-mail headers, CSV and XLSX cells,
search tokens and HTML attributes: a line break there split an invitation's Subject header and every such
e-mail failed. So a single line refuses every control character (Unicode category Cc: NUL, TAB, CR, LF,
ESC, DEL, C1), the line and paragraph separators (Zl, Zp) and the invisible format characters (Cf: soft
hyphen, zero-width space, byte order mark, bidirectional overrides that make a name read backwards) —
except the zero-width joiner and non-joiner, which are part of correct spelling in Persian script and of
emoji sequences. A multi-line text keeps line breaks and tabs and refuses the other control characters
(an XLSX cell cannot even hold them).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}  # zero-width non-joiner, zero-width joiner
MULTI_LINE_ALLOWED = {"\t", "\n", "\r"}


def _code(character: str) -> str:
    return f"U+{ord(character):04X}"


def first_forbidden_in_line(value: str) -> str | None:
    for character in value:
        category = unicodedata.category(character)
        if category in ("Cc", "Zl", "Zp") or (
            category == "Cf" and character not in ALLOWED_FORMAT_CHARACTERS
        ):
            return character
    return None


def first_forbidden_in_text(value: str) -> str | None:
    for character in value:
        if unicodedata.category(character) == "Cc" and character not in MULTI_LINE_ALLOWED:
            return character
    return None


def validate_single_line(value: str) -> None:
    character = first_forbidden_in_line(value or "")
    if character is None:
        return
    if character in "\r\n\u2028\u2029":
        message = _("Write this on one line: remove the line break.")
    else:
        message = _(
            "Remove the invisible or control character %(code)s: this field takes one line of plain text."
        )
    raise ValidationError(message, code="control_character", params={"code": _code(character)})


def validate_multi_line(value: str) -> None:
    character = first_forbidden_in_text(value or "")
    if character is not None:
        raise ValidationError(
            _("Remove the control character %(code)s: it cannot be stored or shown."),
            code="control_character",
            params={"code": _code(character)},
        )
