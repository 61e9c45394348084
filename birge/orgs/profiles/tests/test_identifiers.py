import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from birge.orgs.profiles.identifiers import (
    SCHEMES,
    is_platform_identifier,
    normalize_identifier,
    platform_identifier,
    schemes_for_country,
)


@pytest.fixture(autouse=True)
def _english():
    # The assertions read the English messages; the default language of the site is Russian.
    with translation.override("en"):
        yield


def error_of(raw: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        normalize_identifier(raw)
    return caught.value


def message_of(raw: str) -> str:
    return " ".join(error_of(raw).messages)


VALID = [
    "KZ-BIN-123456789012",
    "KG-TIN-12345678901234",
    "KG-OKPO-12345678",
    "KG-ID-12345-3301-OO",
    "KG-ID-12345-3301-ОФ",
    "KG-ID-123456",
    "KG-ID-7-3300-У-Е",
    "TJ-TIN-123456789",
    "AZ-IVI-1234567890",
    "UZ-KTUT-12345678",
    "KZ-COA-MF01",
    "KG-COA-AB",
    "TJ-COA-12345678901234567890",
    "TM-COA-MINJUST",
    "AZ-COA-ASAN1",
    "UZ-COA-MJ",
    "GB-CHC-1234567",
    "XM-DAC-41114",
    "US-EIN-12-3456789",
    "GB-COH-SC_0123.a",
]


@pytest.mark.parametrize("identifier", VALID)
def test_valid_identifiers_are_kept_as_they_are(identifier):
    assert normalize_identifier(identifier) == identifier


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  KZ-BIN-123456789012 ", "KZ-BIN-123456789012"),
        ("kz-bin-123456789012", "KZ-BIN-123456789012"),
        ("KZ-BIN-1234 5678 9012", "KZ-BIN-123456789012"),
        ("Kg-Okpo-1234\u00a05678", "KG-OKPO-12345678"),
        ("kg-id-12345-3301-oo", "KG-ID-12345-3301-OO"),
        ("kz-coa-mf01", "KZ-COA-MF01"),
        ("gb-chc-abc123", "GB-CHC-abc123"),  # another register's number keeps its case
    ],
)
def test_identifiers_are_normalized(raw, expected):
    assert normalize_identifier(raw) == expected


def test_every_scheme_accepts_its_own_example():
    for scheme in SCHEMES:
        assert normalize_identifier(scheme.example) == scheme.example


@pytest.mark.parametrize(
    ("raw", "expected_digits", "given"),
    [
        ("KZ-BIN-12345678901", 12, 11),
        ("KZ-BIN-1234567890123", 12, 13),
        ("KG-TIN-1234567890123", 14, 13),
        ("KG-OKPO-1234567", 8, 7),
        ("TJ-TIN-1234567890", 9, 10),
        ("AZ-IVI-123456789", 10, 9),
        ("UZ-KTUT-123456789", 8, 9),
        ("KZ-BIN-", 12, 0),
    ],
)
def test_a_wrong_number_of_digits_is_counted_in_the_message(raw, expected_digits, given):
    prefix = raw.rsplit("-", 1)[0]
    assert message_of(raw) == f"A {prefix} number has {expected_digits} digits; you gave {given}."


def test_letters_in_a_digits_only_number_are_named():
    message = message_of("KZ-BIN-12345678901O")
    assert "KZ-BIN" in message and "12 digits only" in message and "12345678901O" in message


def test_unicode_digits_are_not_taken_for_ascii_digits():
    assert "digits only" in message_of("KZ-BIN-١٢٣٤٥٦٧٨٩٠١٢")


@pytest.mark.parametrize(
    "raw",
    ["KG-ID-12345-33-OO", "KG-ID-OO", "KG-ID-12345-3301-OO-E-X", "KG-ID-12345/3301"],
)
def test_malformed_kyrgyz_registration_numbers_are_refused_with_the_format(raw):
    message = message_of(raw)
    assert "KG-ID" in message and "four-digit office code" in message and "KG-ID-12345-3301-OO" in message


@pytest.mark.parametrize("raw", ["KZ-COA-A", "KZ-COA-" + "A" * 21, "KZ-COA-MF_01", "TM-COA-МФ"])
def test_government_codes_outside_the_format_are_refused(raw):
    message = message_of(raw)
    assert "2 to 20 capital Latin letters or digits" in message and raw.rsplit("-", 1)[0] in message


@pytest.mark.parametrize(
    "raw", ["123456789012", "BIN 123456789012", "KZBIN-123", "X-BIN-1", "GB-CHC-" + "1" * 41]
)
def test_unknown_prefixes_are_refused_with_the_accepted_ones_listed(raw):
    error = error_of(raw)
    assert error.code == "unknown_scheme"
    message = " ".join(error.messages)
    for scheme in SCHEMES:
        assert scheme.prefix in message
    assert "org-id.guide" in message


def test_an_unknown_scheme_of_a_home_country_is_taken_for_a_typo():
    error = error_of("KZ-BNI-123456789012")
    assert error.code == "unknown_scheme"
    assert (
        " ".join(error.messages)
        == "KZ-BNI is not a scheme we know for this country. Accepted for KZ: KZ-BIN, KZ-COA."
    )


@pytest.mark.parametrize("raw", ["BIRGE-TM-000042", "birge-kz-000001", "BIRGE-anything"])
def test_platform_identifiers_cannot_be_entered(raw):
    error = error_of(raw)
    assert error.code == "platform_identifier"
    assert "issued by Birge" in " ".join(error.messages)


def test_an_empty_identifier_asks_for_one():
    assert error_of("   ").code == "empty"


def test_platform_identifiers_are_issued_in_a_fixed_form():
    assert platform_identifier("TM", 42) == "BIRGE-TM-000042"
    assert platform_identifier("kz", 999_999) == "BIRGE-KZ-999999"
    assert is_platform_identifier("BIRGE-TM-000042")


@pytest.mark.parametrize(("country", "number"), [("TKM", 1), ("T1", 1), ("TM", 0), ("TM", 1_000_000)])
def test_platform_identifiers_out_of_range_are_a_programming_error(country, number):
    with pytest.raises(ValueError):
        platform_identifier(country, number)


@pytest.mark.parametrize("value", [None, "", "BIRGE-TM-42", "KZ-BIN-123456789012", "birge-tm-000042"])
def test_other_values_are_not_platform_identifiers(value):
    assert not is_platform_identifier(value)


def test_schemes_for_country_lists_the_registers_then_the_government_list():
    assert [s.prefix for s in schemes_for_country("kg")] == ["KG-TIN", "KG-OKPO", "KG-ID", "KG-COA"]
    assert [s.prefix for s in schemes_for_country("TM")] == ["TM-COA"]
    assert schemes_for_country("FR") == []


def test_schemes_describe_their_format_for_help_texts():
    by_prefix = {scheme.prefix: scheme for scheme in SCHEMES}
    assert by_prefix["KZ-BIN"].describe() == "12 digits"
    assert by_prefix["KZ-COA"].describe() == "2 to 20 capital Latin letters or digits"
    assert str(by_prefix["KZ-BIN"].label) == "Kazakhstan: business identification number (BIN)"
