"""NATIONAL_ID, DATE_OF_BIRTH and API_KEY: recognizers, check digits and format-keeping
surrogates (issue 9)."""

from __future__ import annotations

import random
import re
import secrets

import pytest

from chatveil.detect.recognizers import (
    ApiKeyRecognizer,
    DateOfBirthRecognizer,
    NationalIdRecognizer,
    SecretAssignmentRecognizer,
)
from chatveil.detect.recognizers import _checks as checks
from chatveil.detect.recognizers.national_ids import national_id_kind
from chatveil.strategies.formats import FORMAT_PRESERVING

IDS = NationalIdRecognizer()
DOB = DateOfBirthRecognizer()
KEYS = (ApiKeyRecognizer(), SecretAssignmentRecognizer())


def found(recognizers, entity: str, text: str, threshold: float = 0.4) -> list[str]:
    if not isinstance(recognizers, tuple):
        recognizers = (recognizers,)
    out = set()
    for rec in recognizers:
        out |= {text[r.start : r.end] for r in rec.analyze(text, [entity], None)
                if r.score >= threshold}
    return sorted(out)


# ---------------------------------------------------------------------- check digits
def test_check_digits() -> None:
    assert checks.verhoeff_valid("234123412346")
    assert not checks.verhoeff_valid("234123412347")
    assert checks.verhoeff_check("23412341234") == "6"
    assert checks.nir_valid("184127645108946")
    assert checks.nir_valid("2690299341732" + checks.nir_key("2690299341732"))
    assert checks.nir_valid("184122A101089" + checks.nir_key("184122A101089"))  # Corsica
    assert not checks.nir_valid("184127645108947")
    assert checks.bsn_valid("111222333") and not checks.bsn_valid("111222334")
    assert checks.steuer_id_valid("86095742719") and not checks.steuer_id_valid("86095742718")
    assert not checks.steuer_id_valid("12345678903")  # no digit used twice
    assert checks.dni_valid("12345678Z") and checks.dni_valid("x1234567l")
    assert not checks.dni_valid("12345678A")
    assert checks.cf_valid("RSSMRA85T10A562S") and not checks.cf_valid("RSSMRA85T10A562T")
    assert checks.nino_valid("AB123456C") and not checks.nino_valid("QQ123456C")
    assert not checks.nino_valid("GB123456A")


# ---------------------------------------------------------------------- national IDs
@pytest.mark.parametrize("text, value", [
    ("My NI number is AB 12 34 56 C", "AB 12 34 56 C"),
    ("nino: ab123456c", "ab123456c"),
    ("Steuer-ID 86 095 742 719", "86 095 742 719"),
    ("meine Steuer-Identifikationsnummer ist 86095742719", "86095742719"),
    ("n° sécu 1 84 12 76 451 089 46", "1 84 12 76 451 089 46"),
    ("184127645108946", "184127645108946"),
    ("CF RSSMRA85T10A562S", "RSSMRA85T10A562S"),
    ("il mio codice fiscale è rssmra85t10a562s", "rssmra85t10a562s"),
    ("DNI 12345678Z", "12345678Z"),
    ("NIE: X-1234567-L", "X-1234567-L"),
    ("PAN ABCPD1234E", "ABCPD1234E"),
    ("Aadhaar: 2341 2341 2346", "2341 2341 2346"),
    ("my aadhar no is 234123412346", "234123412346"),
    ("BSN 111222333", "111222333"),
    ("burgerservicenummer: 1112.22.333", "1112.22.333"),
    ("My driver's license number is 3064003", "3064003"),
    ("passport no. X1234567 expires soon", "X1234567"),
    ("DL# D123-4567-8901.", "D123-4567-8901"),
    ("Driving licence: MORGA657054SM9IJ", "MORGA657054SM9IJ"),
])
def test_national_ids_found(text: str, value: str) -> None:
    assert found(IDS, "NATIONAL_ID", text) == [value]


@pytest.mark.parametrize("text", [
    "order 111222333 shipped",  # 11-proof alone is too weak for a 9-digit number
    "ticket 234123412346",  # Verhoeff-valid 12-digit run without a cue
    "DNI 12345678A",  # wrong letter
    "CF RSSMRA85T10A562T",  # wrong check character
    "NI number QQ123456C",  # invalid prefix
    "my passport expired in 2019",
    "uuid 123e4567-e89b-12d3-a456-426614174000",
    "commit 3f2a9c1e5b7d4e6f8a0b1c2d3e4f5a6b7c8d9e0f",
    "the steuer-id is 12345678903",  # checksum
])
def test_national_id_near_misses(text: str) -> None:
    assert found(IDS, "NATIONAL_ID", text) == []


# ---------------------------------------------------------------------- dates of birth
@pytest.mark.parametrize("text, value", [
    ("DOB: 6/20/62", "6/20/62"),
    ("I was born 3 May 1988 in Leeds", "3 May 1988"),
    ("date of birth 1990-04-12", "1990-04-12"),
    ("born on the 3rd of May 1988", "3rd of May 1988"),
    ("Born: May 3, 1988.", "May 3, 1988"),
    ("geboren am 12.03.1985", "12.03.1985"),
    ("née le 4 mars 1979", "4 mars 1979"),
    ("d.o.b. 01/02/1970", "01/02/1970"),
])
def test_dates_of_birth(text: str, value: str) -> None:
    assert found(DOB, "DATE_OF_BIRTH", text) == [value]


@pytest.mark.parametrize("text", [
    "meeting on 2024-05-01", "invoice dated 3 May 1988", "released 6/20/62", "born in 1988",
])
def test_dates_alone_stay(text: str) -> None:
    assert found(DOB, "DATE_OF_BIRTH", text) == []


# ---------------------------------------------------------------------- API keys and secrets
def _keys() -> list[str]:
    rng = random.Random(5)
    alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    def r(n: int, alphabet: str = alnum) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    return [
        "SG." + r(22) + "." + r(43),
        "SK" + r(32, "0123456789abcdef"),
        "AC" + r(32, "0123456789abcdef"),
        "sk_live_" + r(24),
        "xoxb-" + r(11, "0123456789") + "-" + r(24),
        "ghp_" + r(36),
        "sk-proj-" + r(40),
        "AIza" + r(35),
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9." + r(43),
    ]


@pytest.mark.parametrize("key", _keys())
def test_provider_keys(key: str) -> None:
    assert found(KEYS, "API_KEY", f"use {key} for the webhook") == [key]


@pytest.mark.parametrize("text, value", [
    ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
     "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ('webhook_secret="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
     "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
    ("key=8WPR3RgKtwogr_bGYKVTt7O4vUd5IeWl", "8WPR3RgKtwogr_bGYKVTt7O4vUd5IeWl"),
    ("client_secret: K57m5lzVKk1yr198dH6C9vCql83UzKciDHqgcylk",
     "K57m5lzVKk1yr198dH6C9vCql83UzKciDHqgcylk"),
    ('{"api_key": "Zx81kQ2mW9vT4rP7sL0nB3cF6hJ5gD1a"}', "Zx81kQ2mW9vT4rP7sL0nB3cF6hJ5gD1a"),
])
def test_secrets_in_assignments(text: str, value: str) -> None:
    assert found(KEYS, "API_KEY", text) == [value]


@pytest.mark.parametrize("text", [
    "commit 3f2a9c1e5b7d4e6f8a0b1c2d3e4f5a6b7c8d9e0f",
    "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "request_id=123e4567-e89b-12d3-a456-426614174000",
    "The key is to be patient.",
    'api_key = os.environ["OPENAI_API_KEY"]',
    "primary_key = user_id_column",
    "secret: your-secret-here",
    "order 2024-000123-AB",
])
def test_not_secrets(text: str) -> None:
    assert found(KEYS, "API_KEY", text) == []


# ---------------------------------------------------------------------- surrogates
NATIONAL_IDS = [
    "AB 12 34 56 C", "ab123456c", "86 095 742 719", "1 84 12 76 451 089 46", "RSSMRA85T10A562S",
    "12345678-Z", "X1234567L", "ABCPD1234E", "2341 2341 2346", "111222333",
]


@pytest.mark.parametrize("original", NATIONAL_IDS)
@pytest.mark.parametrize("seed", range(5))
def test_national_id_surrogates_keep_kind_layout_and_check(original: str, seed: int) -> None:
    fake = FORMAT_PRESERVING["NATIONAL_ID"](random.Random(seed), original)
    assert fake != original
    assert national_id_kind(fake) == national_id_kind(original) is not None
    assert re.sub(r"[A-Za-z]", "a", re.sub(r"\d", "0", fake)) == re.sub(
        r"[A-Za-z]", "a", re.sub(r"\d", "0", original))


@pytest.mark.parametrize("original", ["3064003", "D123-4567-8901", "X1234567"])
def test_document_surrogates_keep_layout(original: str) -> None:
    fake = FORMAT_PRESERVING["NATIONAL_ID"](random.Random(1), original)
    assert fake != original and len(fake) == len(original)
    assert [c.isdigit() for c in fake] == [c.isdigit() for c in original]


@pytest.mark.parametrize("original, shape", [
    ("6/20/62", r"\d{1,2}/\d{1,2}/\d\d"),
    ("3 May 1988", r"\d{1,2} [A-Z][a-z]+ \d{4}"),
    ("1990-04-12", r"\d{4}-\d\d-\d\d"),
    ("3rd of May 1988", r"\d{1,2}(st|nd|rd|th) of [A-Z][a-z]+ \d{4}"),
    ("May 3, 1988", r"[A-Z][a-z]+ \d{1,2}, \d{4}"),
    ("12.03.1985", r"\d\d\.\d\d\.\d{4}"),
    ("Sept. 9th, 1990", r"[A-Z][a-z]{2,3}\. \d{1,2}(st|nd|rd|th), \d{4}"),
])
@pytest.mark.parametrize("seed", range(5))
def test_date_of_birth_surrogates_keep_format(original: str, shape: str, seed: int) -> None:
    fake = FORMAT_PRESERVING["DATE_OF_BIRTH"](random.Random(seed), original)
    assert fake != original
    assert re.fullmatch(shape, fake), fake
    assert found(DOB, "DATE_OF_BIRTH", f"DOB: {fake}") == [fake]


@pytest.mark.parametrize("key", _keys())
def test_api_key_surrogates_keep_prefix_and_alphabet(key: str) -> None:
    fake = FORMAT_PRESERVING["API_KEY"](random.Random(2), key)
    assert fake != key and len(fake) == len(key)
    assert found(KEYS, "API_KEY", f"use {fake} for the webhook") == [fake]


def test_hex_secret_stays_hex() -> None:
    original = secrets.token_hex(32)
    fake = FORMAT_PRESERVING["API_KEY"](random.Random(3), original)
    assert re.fullmatch(r"[0-9a-f]{64}", fake) and fake != original


@pytest.mark.parametrize("text, value", [
    ("passport number (copy attached): FM5961160", "FM5961160"),
    ("is 974010895 a valid passport number?", "974010895"),
    ("I typed R2894406 as passport no. but it fails", "R2894406"),
    ("they asked for my driving licence, it's 64193715", "64193715"),
])
def test_document_numbers_with_the_cue_around_them(text: str, value: str) -> None:
    assert found(IDS, "NATIONAL_ID", text) == [value]


def test_the_b_abbreviation_of_born() -> None:
    assert found(DOB, "DATE_OF_BIRTH", "Jane Roe, b. 12/13/82") == ["12/13/82"]
    assert found(DOB, "DATE_OF_BIRTH", "(b. 1950-03-02)") == ["1950-03-02"]
    assert found(DOB, "DATE_OF_BIRTH", "plan b. 2024-01-01") == []
