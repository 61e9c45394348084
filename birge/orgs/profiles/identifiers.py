"""Organization identifiers in the org-id.guide form `<scheme prefix>-<number>`, stored as one string
(`KZ-BIN-123456789012`). The scheme table below is the only place that knows the registers of the home
countries; forms, imports and the API all go through `normalize_identifier`, so a stored identifier is
always in canonical form and the unique constraint on `Organization.identifier` catches duplicates.

Where a country has no register an organization can be found in (most Turkmen CSOs), the platform issues
its own identifier, `BIRGE-<country>-<6 digits>`; users never type those in.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Scheme:
    prefix: str  # "KZ-BIN": an org-id.guide list code, country first
    country: str  # ISO 3166-1 alpha-2
    label: Promise
    pattern: re.Pattern[str]  # for the part after "<prefix>-", already normalized
    example: str  # a whole identifier, shown in help texts and error messages
    digits: int | None = None  # set for "exactly N digits" registers: the error then counts them
    format_hint: Promise | None = None  # for the other registers: what a valid number looks like
    uppercase_number: bool = False  # letters in the number are case-insensitive (COA codes, KG-ID forms)

    def describe(self) -> str:
        """What a valid number of this scheme looks like, for help texts."""
        if self.digits is not None:
            return ngettext("%(count)d digit", "%(count)d digits", self.digits) % {"count": self.digits}
        return str(self.format_hint)


def _digits_scheme(prefix: str, country: str, label: Promise, digits: int, example: str) -> Scheme:
    # [0-9], not \d: \d would also accept Arabic-Indic and other Unicode digits.
    return Scheme(prefix, country, label, re.compile(rf"[0-9]{{{digits}}}"), example, digits=digits)


# Government bodies have no register number in most countries; org-id.guide's "-COA" lists (chart of
# accounts / list of government bodies) give them a short code instead.
_COA_PATTERN = re.compile(r"[A-Z0-9]{2,20}")
_COA_HINT = _("2 to 20 capital Latin letters or digits")


def _coa_scheme(country: str, label: Promise) -> Scheme:
    prefix = f"{country}-COA"
    return Scheme(
        prefix, country, label, _COA_PATTERN, f"{prefix}-MF01", format_hint=_COA_HINT, uppercase_number=True
    )


# The Kyrgyz Ministry of Justice registration number as printed on the certificate: a serial number, then
# (optionally) the four-digit code of the registering office, then the abbreviation of the legal form
# (ОО public association, ОФ foundation, У-Е institution, ...), in Cyrillic or Latin letters, all joined
# by hyphens: "12345-3301-ОО". There is no published specification to be strict against, so only the shape
# is checked, leniently: the serial number is required, the office code and the form letters are optional.
_KG_ID_PATTERN = re.compile(r"[0-9]{1,7}(?:-[0-9]{4})?(?:-[A-ZА-ЯЁ]{1,4}){0,2}")

SCHEMES: tuple[Scheme, ...] = (
    _digits_scheme(
        "KZ-BIN", "KZ", _("Kazakhstan: business identification number (BIN)"), 12, "KZ-BIN-123456789012"
    ),
    _digits_scheme(
        "KG-TIN", "KG", _("Kyrgyzstan: taxpayer identification number (INN)"), 14, "KG-TIN-12345678901234"
    ),
    _digits_scheme("KG-OKPO", "KG", _("Kyrgyzstan: statistical code (OKPO)"), 8, "KG-OKPO-12345678"),
    Scheme(
        "KG-ID",
        "KG",
        _("Kyrgyzstan: Ministry of Justice registration number"),
        _KG_ID_PATTERN,
        "KG-ID-12345-3301-OO",
        format_hint=_(
            "the registration number as on the certificate: digits, then optionally the four-digit office "
            "code and the letters of the legal form, joined by hyphens"
        ),
        uppercase_number=True,
    ),
    _digits_scheme(
        "TJ-TIN", "TJ", _("Tajikistan: taxpayer identification number (INN)"), 9, "TJ-TIN-123456789"
    ),
    _digits_scheme(
        "AZ-IVI", "AZ", _("Azerbaijan: taxpayer identification number (VÖEN)"), 10, "AZ-IVI-1234567890"
    ),
    _digits_scheme(
        "UZ-KTUT", "UZ", _("Uzbekistan: enterprise and organization code (OKPO/KTUT)"), 8, "UZ-KTUT-12345678"
    ),
    _coa_scheme("KZ", _("Kazakhstan: government body")),
    _coa_scheme("KG", _("Kyrgyzstan: government body")),
    _coa_scheme("TJ", _("Tajikistan: government body")),
    _coa_scheme("TM", _("Turkmenistan: government body")),
    _coa_scheme("AZ", _("Azerbaijan: government body")),
    _coa_scheme("UZ", _("Uzbekistan: government body")),
)

_BY_PREFIX = {scheme.prefix: scheme for scheme in SCHEMES}
# Countries whose registers Birge knows: an unknown scheme under one of these is a typo ("KZ-BNI"), not a
# foreign register, so it is refused with that country's schemes listed.
_HOME_COUNTRIES = {scheme.country for scheme in SCHEMES}

# Any other org-id.guide identifier, for foreign donors and international organizations ("GB-CHC-1234567",
# "XM-DAC-41114"): country or pseudo-country, list code, then the number as the register writes it.
OTHER_SCHEME_EXAMPLE = "GB-CHC-1234567"
_OTHER_PATTERN = re.compile(r"([A-Z]{2}-[A-Z0-9]{2,10})-([A-Za-z0-9_.-]{1,40})")

PLATFORM_PREFIX = "BIRGE"
_PLATFORM_PATTERN = re.compile(r"BIRGE-[A-Z]{2}-[0-9]{6}")
_PLATFORM_MAX_NUMBER = 999_999


def normalize_identifier(raw: str) -> str:
    """The canonical form of an identifier a person typed, or a ValidationError saying what is wrong."""
    # Identifiers never contain spaces; people copy them from certificates with spaces between groups.
    compact = re.sub(r"\s+", "", raw or "")
    if not compact:
        raise ValidationError(
            _("Enter an identifier, for example %(example)s."),
            code="empty",
            params={"example": SCHEMES[0].example},
        )
    upper = compact.upper()
    if upper.startswith(PLATFORM_PREFIX + "-"):
        raise ValidationError(
            _(
                "Identifiers starting with %(prefix)s are issued by Birge to organizations without a "
                "register number and cannot be entered. Enter a register number, or leave the field empty."
            ),
            code="platform_identifier",
            params={"prefix": PLATFORM_PREFIX},
        )
    scheme = _scheme_of(upper)
    if scheme is not None:
        return f"{scheme.prefix}-{_check_number(scheme, compact[len(scheme.prefix) + 1 :])}"
    return _normalize_other(compact)


def _scheme_of(upper: str) -> Scheme | None:
    # Longest prefix first, so that a future "KG-IDX" would not be read as "KG-ID" + "X...".
    for prefix in sorted(_BY_PREFIX, key=len, reverse=True):
        if upper.startswith(prefix + "-"):
            return _BY_PREFIX[prefix]
    return None


def _check_number(scheme: Scheme, number: str) -> str:
    if scheme.uppercase_number:
        number = number.upper()
    if scheme.pattern.fullmatch(number):
        return number
    if scheme.digits is not None:
        raise _wrong_digits(scheme, number)
    raise ValidationError(
        _("A %(scheme)s number is %(format)s, for example %(example)s; “%(number)s” is not."),
        code="invalid_number",
        params={
            "scheme": scheme.prefix,
            "format": scheme.format_hint,
            "example": scheme.example,
            "number": number,
        },
    )


def _wrong_digits(scheme: Scheme, number: str) -> ValidationError:
    params = {"scheme": scheme.prefix, "expected": scheme.digits, "number": number, "example": scheme.example}
    if not re.fullmatch(r"[0-9]*", number):
        message = ngettext(
            "A %(scheme)s number has %(expected)d digit only; “%(number)s” contains other characters.",
            "A %(scheme)s number has %(expected)d digits only; “%(number)s” contains other characters.",
            scheme.digits,
        )
        return ValidationError(message, code="invalid_number", params=params)
    message = ngettext(
        "A %(scheme)s number has %(expected)d digit; you gave %(given)d.",
        "A %(scheme)s number has %(expected)d digits; you gave %(given)d.",
        scheme.digits,
    )
    return ValidationError(message, code="invalid_number", params=params | {"given": len(number)})


def _normalize_other(compact: str) -> str:
    parts = compact.split("-", 2)
    if len(parts) == 3:
        # The prefix is case-insensitive; the number keeps its case, as some registers distinguish it.
        candidate = f"{parts[0].upper()}-{parts[1].upper()}-{parts[2]}"
        match = _OTHER_PATTERN.fullmatch(candidate)
        if match and parts[0].upper() not in _HOME_COUNTRIES:
            return candidate
        if match:
            raise _unknown_home_scheme(match.group(1), parts[0].upper())
    raise ValidationError(
        _(
            "“%(value)s” does not start with a scheme we know. Accepted prefixes: %(prefixes)s, or another "
            "org-id.guide scheme written as country-list-number, for example %(example)s."
        ),
        code="unknown_scheme",
        params={"value": compact, "prefixes": ", ".join(_BY_PREFIX), "example": OTHER_SCHEME_EXAMPLE},
    )


def _unknown_home_scheme(prefix: str, country: str) -> ValidationError:
    known = [scheme.prefix for scheme in schemes_for_country(country)]
    return ValidationError(
        _("%(prefix)s is not a scheme we know for this country. Accepted for %(country)s: %(prefixes)s."),
        code="unknown_scheme",
        params={"prefix": prefix, "country": country, "prefixes": ", ".join(known)},
    )


def schemes_for_country(code: str) -> list[Scheme]:
    """The registers of one country, in table order (register numbers first, then government bodies)."""
    code = (code or "").upper()
    return [scheme for scheme in SCHEMES if scheme.country == code]


def platform_identifier(country_code: str, number: int) -> str:
    """The identifier Birge issues to an organization of `country_code` with no register number."""
    code = (country_code or "").upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ValueError(f"country code must be two letters, not {country_code!r}")
    if not 0 < number <= _PLATFORM_MAX_NUMBER:
        raise ValueError(f"platform identifier numbers run from 1 to {_PLATFORM_MAX_NUMBER}, not {number}")
    return f"{PLATFORM_PREFIX}-{code}-{number:06d}"


def is_platform_identifier(value: str | None) -> bool:
    return bool(value) and _PLATFORM_PATTERN.fullmatch(value) is not None


def has_register(country_code: str) -> bool:
    """Whether organizations of this country can have a register number (not counting the lists of
    government bodies). Where none can — Turkmenistan — the platform issues its own identifier."""
    return any(not scheme.prefix.endswith("-COA") for scheme in schemes_for_country(country_code))
