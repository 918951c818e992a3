"""Generate the labelled set for structured identifiers (issue 9): ``dev.jsonl``,
``heldout.jsonl`` and ``fresh.jsonl`` beside this file.

    python data/eval/ids/generate.py                  # rewrites the three files
    python data/eval/ids/generate.py --out /tmp/ids   # elsewhere (tests compare the bytes)

Deterministic: every draw comes from a seeded ``random.Random`` or a seeded Faker instance,
Faker's "now" and "today" are pinned (``SPLITS``, ``TODAY``), and the script re-runs itself
with ``PYTHONHASHSEED=0`` because Faker builds its Italian city list from a set. The files
committed before this was fixed had been made under a random string hash, so the Italian
cities of 53 addresses (19 dev, 22 heldout, 12 fresh) changed when they were regenerated.

Values come from Faker's locale providers (phones, addresses, card numbers, Spanish, Italian,
French and Dutch identifiers, Aadhaar) and from ``phonenumbers`` example numbers with random
digits; the few identifiers Faker does not make validly (UK NINO prefixes, Steuer-ID, PAN,
provider API keys) are built here from their published rules, independently of chatveil's
code. Every positive type also gets near misses that must stay: wrong check digits, order
numbers, UUIDs, git SHAs and sha256 digests, dates without a birth cue, versions, amounts.

The splits use **different sentence templates** (and different random seeds); chatveil's
rules were tuned on ``dev``. ``heldout`` was run once untouched; a few generic fixes followed
its errors (see docs/detection_quality.md), so ``fresh`` was written afterwards, with new
templates, and measured once without any change after it.
``heldout`` also has layouts that no rule names
explicitly (Faker's Indian, Spanish and Italian street types; phones from locales not tuned on).

A ``USERNAME`` slice (``@handles`` made from Faker names of 9 locales, the span is the name
after the ``@``) and its near misses (decorators, package scopes, group mentions, at-rules and
doc tags) come after the other records, from generators of their own.

Record: ``{"id", "split", "slice", "text", "spans": [{"start", "end", "label"}],
"postcodes": [[start, end], ...]}``; ``slice`` is the type the record is about (``NEGATIVE_*``
for near misses), ``postcodes`` marks the postcode inside a labelled address.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import string
import sys
import uuid
from hashlib import sha1, sha256
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Faker's dates and timestamps run up to "now" by default; the set pins "now" instead.
#: (seed, values per type, "now" as a Unix timestamp) per split; the timestamps are when the
#: committed files were first made (2026-12-03 11:30:58 and :59 UTC).
SPLITS = {
    "dev": (11, 160, 1796299858),
    "heldout": (29, 160, 1796299859),
    "fresh": (47, 100, 1796299859),
}
#: The day ages are counted from (dates of birth: 18 to 90 years before it).
TODAY = dt.date(2026, 12, 3)

# ---------------------------------------------------------------------- templates
# {v} is the value; {name} a person's name (not labelled: the set is about structured values).
TEMPLATES = {
    "dev": {
        "PHONE_NUMBER": [
            "You can reach me at {v}.",
            "my phone number is {v}",
            "Call me on {v} after 5pm",
            "mobile: {v}",
            "Phone: {v}\nEmail: see below",
            "text me at {v} pls",
            "whatsapp {v}",
            "{name}, {v}",
            "Tel. {v}",
            "the number registered on my account is {v}",
            "Best,\n{name}\nM: {v}",
            "pls call {v} asap",
            "{v}",
        ],
        "CREDIT_CARD": [
            "my card number is {v}",
            "Card: {v} exp 09/27",
            "I paid with {v} yesterday",
            "charge {v} please",
            "{v}",
            "the visa ending in... actually full number {v}",
        ],
        "STREET_ADDRESS": [
            "Please ship it to {v}.",
            "My address is {v}",
            "I moved to {v} last month.",
            "Deliver to: {v}\nThanks!",
            "send the invoice to {v}",
            "{name}\n{v}",
        ],
        "NATIONAL_ID": [
            "my {cue} is {v}",
            "{cue}: {v}",
            "here is my {cue} {v}, is that enough?",
            "{cue} {v}",
            "I typed {v} as {cue} but the form rejects it",
        ],
        "DATE_OF_BIRTH": [
            "DOB: {v}",
            "I was born on {v}.",
            "date of birth {v}",
            "born {v} in a small town",
            "Name: {name}\nDate of birth: {v}",
            "my birthday is {v}",
        ],
        "API_KEY": [
            "here's my key {v} can you see why it fails?",
            "Authorization uses {v}",
            "export API_TOKEN={v}",
            'client = Client(api_key="{v}")',
            "secret: {v}",
            "I rotated it, the new one is {v}",
        ],
        "NEGATIVE": [
            "order {v} has not arrived",
            "ticket #{v}",
            "see commit {v}",
            "tracking: {v}",
            "version {v} broke it",
            "checksum {v}",
            "the meeting is on {v}",
            "total {v} EUR",
            "request_id={v}",
            "ref {v}",
        ],
    },
    "heldout": {
        "PHONE_NUMBER": [
            "if it's urgent ring {v}",
            "Contact no. {v}",
            "my cell's {v} btw",
            "{name} | {v} | sales",
            "phone {v} (home)",
            "call or sms {v}",
            "Reach our office on {v}.",
            "mob {v}",
            "T: {v}\nW: example.org",
            "new number -> {v}",
        ],
        "CREDIT_CARD": [
            "cc {v} exp 11/26 cvv 123",
            "can you check if {v} is blocked?",
            "payment card {v}",
            "use my debit card {v} for this",
            "card no {v}",
        ],
        "STREET_ADDRESS": [
            "You can send the documents to {v} - I'm home after 6.",
            "new address: {v}",
            "we're at {v}, ring twice",
            "Address:\n{v}",
            "{name}, {v}",
            "the flat is {v} if you want to visit",
        ],
        "NATIONAL_ID": [
            "{cue} = {v}",
            "For the form: {cue} {v}.",
            "what do I do if my {cue} {v} was stolen?",
            "{name}, {cue} {v}",
            "they asked for my {cue}, it's {v}",
        ],
        "DATE_OF_BIRTH": [
            "D.O.B. {v}",
            "patient born on {v}, no allergies",
            "birthdate: {v}",
            "{name} (born {v})",
            "Date of Birth - {v}",
        ],
        "API_KEY": [
            "token={v}",
            "my key is {v}, does it look valid?",
            "SENDGRID_KEY: {v}",
            'headers = {{"Authorization": "{v}"}}',
            'webhook_secret = "{v}"',
            "pasted the key ({v}) into the config",
        ],
        "NEGATIVE": [
            "invoice {v} is overdue",
            "build {v} passed",
            "the diff is at {v}",
            "parcel {v} is in transit",
            "upgrade to {v}",
            "digest: {v}",
            "released {v}",
            "costs {v} per month",
            "trace_id: {v}",
            "case {v}",
        ],
    },
    # written after the held-out run, measured once, never tuned on
    "fresh": {
        "PHONE_NUMBER": [
            "hi, it's {name} again, my number changed to {v}",
            "Landline: {v}",
            "pls ring me back on {v} when you can",
            "{name} ({v})",
            "You can WhatsApp me: {v}",
            "my husband's mobile is {v}",
            "Customer phone - {v}",
            "{v} is my work line",
        ],
        "CREDIT_CARD": [
            "the card I used was {v}",
            "refund to card {v} please",
            "Visa {v}, expiry 03/28",
            "{name} paid with {v}",
        ],
        "STREET_ADDRESS": [
            "Our office moved: {v}",
            "ship to\n{v}",
            "Could you update my address to {v}?",
            "Return address: {v}",
            "{name} lives at {v}",
        ],
        "NATIONAL_ID": [
            "please verify {cue} {v}",
            "{cue} (copy attached): {v}",
            "is {v} a valid {cue}?",
            "My {cue}: {v}",
        ],
        "DATE_OF_BIRTH": [
            "DOB {v}",
            "She was born on {v} in Porto.",
            "Birthday: {v}",
            "{name}, b. {v}",
            "date of birth: {v} (please keep private)",
        ],
        "API_KEY": [
            "oops I pasted my key: {v}",
            "STRIPE_KEY={v}",
            "the token {v} stopped working",
            'config.set("api_key", "{v}")',
        ],
        "NEGATIVE": [
            "PR {v} was merged",
            "Build id {v}",
            "pip install pkg=={v}",
            "amount due: {v}",
            "session {v} expired",
            "run hash {v}",
            "tx {v}",
            "order no. {v} was cancelled",
        ],
    },
}


# ---------------------------------------------------------------------- value makers
def _luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def _group(rng: random.Random, digits: str, sizes: list[int]) -> str:
    sep = rng.choice([" ", "-", ".", "", " ", "-"])
    out, i = [], 0
    for size in sizes:
        out.append(digits[i : i + size])
        i += size
    if i < len(digits):
        out.append(digits[i:])
    return sep.join(p for p in out if p)


def make_card(rng: random.Random, fake) -> tuple[str, str]:
    kind = rng.choice(
        ["visa", "visa", "mastercard", "amex", "maestro", "discover", "jcb16", "diners", "visa19"]
    )
    if kind == "visa19":
        digits = _luhn_complete("4" + "".join(rng.choice(string.digits) for _ in range(17)))
    else:
        digits = fake.credit_card_number(kind)
    sizes = {15: [4, 6, 5], 14: [4, 6, 4], 12: [4, 4, 4]}.get(len(digits), [4, 4, 4, 4])
    return _group(rng, digits, sizes), kind


PHONE_LOCALES = [
    "en_GB",
    "en_US",
    "de_DE",
    "fr_FR",
    "nl_NL",
    "es_ES",
    "it_IT",
    "en_IN",
    "pt_BR",
    "zh_CN",
    "en_AU",
    "en_CA",
    "ja_JP",
    "ko_KR",
    "pl_PL",
    "sv_SE",
    "da_DK",
    "fi_FI",
    "cs_CZ",
    "pt_PT",
    "de_AT",
    "de_CH",
    "en_IE",
    "en_NZ",
    "tr_TR",
    "es_MX",
    "en_PH",
    "nl_BE",
    "no_NO",
    "ru_RU",
]
HELDOUT_ONLY_LOCALES = ["he_IL", "el_GR", "hu_HU", "ro_RO", "id_ID", "th_TH", "vi_VN", "uk_UA"]


def make_phone(rng: random.Random, fakers: dict, split: str) -> tuple[str, str]:
    import phonenumbers

    locales = PHONE_LOCALES + (HELDOUT_ONLY_LOCALES if split != "dev" else [])
    locale = rng.choice(locales)
    region = locale.split("_")[1]
    if rng.random() < 0.5 and hasattr(fakers[locale], "phone_number"):
        for _ in range(20):
            value = fakers[locale].phone_number()
            try:
                num = phonenumbers.parse(value, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_possible_number(num):
                return value, locale
    example = phonenumbers.example_number_for_type(
        region,
        rng.choice([phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]),
    )
    if example is None:
        example = phonenumbers.example_number(region)
    national = str(example.national_number)
    for _ in range(50):
        keep = max(2, len(national) - 5)
        digits = national[:keep] + "".join(
            rng.choice(string.digits) for _ in range(len(national) - keep)
        )
        num = phonenumbers.parse("+" + str(example.country_code) + digits, None)
        if phonenumbers.is_valid_number(num):
            break
    fmt = rng.choice(
        [
            phonenumbers.PhoneNumberFormat.NATIONAL,
            phonenumbers.PhoneNumberFormat.INTERNATIONAL,
            phonenumbers.PhoneNumberFormat.E164,
            "dashes",
            "compact",
        ]
    )
    if fmt == "dashes":
        value = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        value = value.replace(" ", "-")
    elif fmt == "compact":
        value = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
        value = "".join(ch for ch in value if ch.isdigit())
    else:
        value = phonenumbers.format_number(num, fmt)
    return value, locale


ADDRESS_LOCALES = ["de_DE", "fr_FR", "nl_NL", "es_ES", "it_IT", "en_IN", "en_GB", "en_US"]


def make_address(rng: random.Random, fakers: dict) -> tuple[str, tuple[int, int], str]:
    locale = rng.choice(ADDRESS_LOCALES)
    f = fakers[locale]
    street = f.street_address().strip().replace("\n", ", ")
    city = f.city()
    sep = rng.choice([", ", ", ", "\n"])
    if locale == "en_US":
        pc = f.postcode()
        head = f"{street}{sep}{city}, {f.state_abbr()} "
    elif locale == "en_GB":
        pc = f.postcode()
        head = f"{street}{sep}{city} "
    elif locale == "en_IN":
        pc = f.postcode()
        while pc[0] == "0":  # Indian PIN codes start with 1-9 (Faker's may not)
            pc = f.postcode()
        head = f"{street}{sep}{city} " if rng.random() < 0.6 else f"{street}{sep}{city} - "
    else:
        pc = f.postcode()
        head = f"{street}{sep}"
    if locale in ("en_US", "en_GB", "en_IN"):
        value = head + pc
        span = (len(head), len(head) + len(pc))
    else:
        value = f"{head}{pc} {city}"
        span = (len(head), len(head) + len(pc))
    if rng.random() < 0.2:
        value = value.lower()
    return value, span, locale


# national identifiers -------------------------------------------------------------------
def _nino(rng: random.Random) -> str:
    first, second = "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
    while True:
        prefix = rng.choice(first) + rng.choice(second)
        if prefix not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    digits = "".join(rng.choice(string.digits) for _ in range(6))
    suffix = rng.choice("ABCD")
    return rng.choice(
        [f"{prefix}{digits}{suffix}", f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"]
    )


def _steuer_id(rng: random.Random) -> str:
    while True:
        digits = [rng.choice(string.digits) for _ in range(10)]
        counts = sorted((digits.count(d) for d in set(digits)), reverse=True)
        if digits[0] != "0" and counts[0] == 2 and counts[1] == 1:
            break
    product = 10
    for ch in digits:
        total = (int(ch) + product) % 10 or 10
        product = (total * 2) % 11
    value = "".join(digits) + str((11 - product) % 10)
    return rng.choice([value, f"{value[:2]} {value[2:5]} {value[5:8]} {value[8:]}"])


def _pan(rng: random.Random) -> str:
    up = string.ascii_uppercase
    return (
        "".join(rng.choice(up) for _ in range(3))
        + rng.choice("PCHFATBLJG")
        + rng.choice(up)
        + "".join(rng.choice(string.digits) for _ in range(4))
        + rng.choice(up)
    )


def _nir(fake, rng: random.Random) -> str:
    value = fake.ssn()
    if rng.random() < 0.5:
        value = " ".join(
            [value[0], value[1:3], value[3:5], value[5:7], value[7:10], value[10:13], value[13:]]
        )
    return value


def _verhoeff_digit(body: str) -> str:
    """Verhoeff check digit (dihedral group D5), written from the published tables."""
    d = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ]
    perm = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]
    step = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]
    for _ in range(7):
        perm.append([step[x] for x in perm[-1]])
    inverse = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = d[c][perm[(i + 1) % 8][int(ch)]]
    return str(inverse[c])


def _aadhaar(fake, rng: random.Random) -> str:
    """Faker's Aadhaar digits with a valid Verhoeff check digit (Faker's own is not checked)
    and a first digit of 2-9 (Aadhaar numbers never start with 0 or 1)."""
    while True:
        body = fake.aadhaar_id()[:11]
        if body[0] not in "01":
            break
    value = body + _verhoeff_digit(body)
    return rng.choice(
        [value, f"{value[:4]} {value[4:8]} {value[8:]}", f"{value[:4]}-{value[4:8]}-{value[8:]}"]
    )


def _passport(rng: random.Random) -> str:
    shape = rng.choice(["A#######", "##########", "AA#######", "#########"])
    return "".join(
        rng.choice(string.ascii_uppercase) if c == "A" else rng.choice(string.digits) for c in shape
    )


def _licence(rng: random.Random) -> str:
    shape = rng.choice(["#######", "A###-####-####", "A#######", "AAAAA######AA#AA", "########"])
    return "".join(
        rng.choice(string.ascii_uppercase)
        if c == "A"
        else rng.choice(string.digits)
        if c == "#"
        else c
        for c in shape
    )


def make_national_id(rng: random.Random, fakers: dict, split: str) -> tuple[str, str, str]:
    kind = rng.choice(
        [
            "UK_NINO",
            "DE_STEUER_ID",
            "FR_NIR",
            "IN_AADHAAR",
            "IN_PAN",
            "ES_DNI",
            "ES_NIE",
            "IT_CF",
            "NL_BSN",
            "PASSPORT",
            "DRIVER_LICENCE",
        ]
    )
    cues = {
        "UK_NINO": ["National Insurance number", "NI number", "NINO"],
        "DE_STEUER_ID": ["Steuer-ID", "Steueridentifikationsnummer", "tax ID"],
        "FR_NIR": ["numéro de sécurité sociale", "n° sécu", "NIR"],
        "IN_AADHAAR": ["Aadhaar number", "aadhaar", "UID"],
        "IN_PAN": ["PAN", "PAN card number"],
        "ES_DNI": ["DNI", "NIF"],
        "ES_NIE": ["NIE"],
        "IT_CF": ["codice fiscale", "CF"],
        "NL_BSN": ["BSN", "burgerservicenummer"],
        "PASSPORT": ["passport number", "passport no.", "passport"],
        "DRIVER_LICENCE": ["driver's license number", "driving licence", "DL#"],
    }
    if split != "dev":
        cues["IN_AADHAAR"].append("aadhar no")
        cues["PASSPORT"].append("Passport #")
        cues["DRIVER_LICENCE"].append("drivers licence no")
    value = {
        "UK_NINO": lambda: _nino(rng),
        "DE_STEUER_ID": lambda: _steuer_id(rng),
        "FR_NIR": lambda: _nir(fakers["fr_FR"], rng),
        "IN_AADHAAR": lambda: _aadhaar(fakers["en_IN"], rng),
        "IN_PAN": lambda: _pan(rng),
        "ES_DNI": lambda: fakers["es_ES"].nif(),
        "ES_NIE": lambda: fakers["es_ES"].nie(),
        "IT_CF": lambda: fakers["it_IT"].ssn(),
        "NL_BSN": lambda: fakers["nl_NL"].ssn(),
        "PASSPORT": lambda: _passport(rng),
        "DRIVER_LICENCE": lambda: _licence(rng),
    }[kind]()
    return value, kind, rng.choice(cues[kind])


DOB_FORMATS = [
    "%m/%d/%y",
    "%d/%m/%Y",
    "%Y-%m-%d",
    "%d %B %Y",
    "%B %d, %Y",
    "%d.%m.%Y",
    "%b %d %Y",
    "%-d %b %Y",
    "%-m/%-d/%Y",
]


def make_dob(rng: random.Random, fake) -> str:
    # Faker's date_of_birth() counts ages from today's date; the same draw between fixed
    # bounds (ages 18 to 90 on TODAY) keeps the set the same whenever it is generated.
    start = TODAY.replace(year=TODAY.year - 91)
    end = TODAY.replace(year=TODAY.year - 18)
    born = fake.date_time_ad(start_datetime=start, end_datetime=end).date()
    if born == start:
        born += dt.timedelta(days=1)
    return born.strftime(rng.choice(DOB_FORMATS))


def _rand(rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def make_api_key(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(
        [
            "aws_secret",
            "sendgrid",
            "twilio_sk",
            "twilio_ac",
            "stripe",
            "slack",
            "github",
            "openai",
            "google",
            "jwt",
            "hex_secret",
            "b64_secret",
        ]
    )
    hexd = "0123456789abcdef"
    value = {
        "aws_secret": lambda: _rand(rng, 40, string.ascii_letters + string.digits + "/+"),
        "sendgrid": lambda: (
            "SG."
            + _rand(rng, 22, string.ascii_letters + string.digits + "-_")
            + "."
            + _rand(rng, 43, string.ascii_letters + string.digits + "-_")
        ),
        "twilio_sk": lambda: "SK" + _rand(rng, 32, hexd),
        "twilio_ac": lambda: "AC" + _rand(rng, 32, hexd),
        "stripe": lambda: rng.choice(["sk_live_", "rk_live_", "sk_test_"]) + _rand(rng, 24),
        "slack": lambda: (
            rng.choice(["xoxb-", "xoxp-"])
            + _rand(rng, 11, string.digits)
            + "-"
            + _rand(rng, 12, string.digits)
            + "-"
            + _rand(rng, 24)
        ),
        "github": lambda: rng.choice(["ghp_", "gho_"]) + _rand(rng, 36),
        "openai": lambda: rng.choice(["sk-", "sk-proj-"]) + _rand(rng, 48),
        "google": lambda: "AIza" + _rand(rng, 35, string.ascii_letters + string.digits + "-_"),
        "jwt": lambda: (
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ"
            + _rand(rng, 40)
            + "."
            + _rand(rng, 43, string.ascii_letters + string.digits + "-_")
        ),
        "hex_secret": lambda: _rand(rng, rng.choice([32, 40, 64]), hexd),
        "b64_secret": lambda: _rand(rng, rng.choice([24, 32, 44])),
    }[kind]()
    return value, kind


def _contextual_key_template(kind: str, split: str, rng: random.Random) -> str | None:
    """Secrets without a provider prefix are only secrets in an assignment or after a cue."""
    if kind == "aws_secret":
        return rng.choice(
            ["aws_secret_access_key = {v}", "AWS_SECRET_ACCESS_KEY={v}", "secret access key: {v}"]
            if split == "dev"
            else ['"SecretAccessKey": "{v}"', "aws_secret_access_key={v}"]
        )
    if kind in ("hex_secret", "b64_secret"):
        return rng.choice(
            ['webhook_secret="{v}"', "key={v}", "secret: {v}", "SIGNING_KEY={v}"]
            if split == "dev"
            else [
                "client_secret = '{v}'",
                '"api_key": "{v}"',
                "token: {v}",
                "--secret {v}",
                "ENCRYPTION_KEY={v}",
            ]
        )
    return None


# near misses -----------------------------------------------------------------------------
def make_negative(rng: random.Random, fakers: dict, now: int) -> tuple[str, str]:
    kind = rng.choice(
        [
            "order",
            "uuid",
            "git_sha",
            "sha256",
            "date",
            "version",
            "amount",
            "bad_card",
            "bad_id",
            "bad_aadhaar",
            "tracking",
            "iso_date_time",
        ]
    )
    digits = string.digits
    if kind == "order":
        value = rng.choice(["", "A", "ORD-", "#"]) + _rand(
            rng, rng.choice([6, 8, 9, 10, 12]), digits
        )
    elif kind == "uuid":
        value = str(uuid.UUID(int=rng.getrandbits(128)))
    elif kind == "git_sha":
        value = sha1(_rand(rng, 10).encode()).hexdigest()[: rng.choice([7, 40])]
    elif kind == "sha256":
        value = sha256(_rand(rng, 10).encode()).hexdigest()
    elif kind == "date":
        value = fakers["en_US"].date(
            rng.choice(["%Y-%m-%d", "%d/%m/%Y", "%B %d, %Y"]), end_datetime=now
        )
    elif kind == "version":
        value = f"{rng.randint(0, 20)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}"
    elif kind == "amount":
        value = rng.choice(["1 234 567", "12.345.678", "1,299.00", "249,90", "3 500 000"])
    elif kind == "bad_card":
        good = fakers["en_US"].credit_card_number("visa16")
        value = good[:-1] + str((int(good[-1]) + rng.randint(1, 9)) % 10)
        value = " ".join(value[i : i + 4] for i in range(0, 16, 4))
    elif kind == "bad_id":
        good = rng.choice([fakers["es_ES"].nif(), fakers["it_IT"].ssn(), fakers["nl_NL"].ssn()])
        if good[-1].isdigit():
            value = good[:-1] + str((int(good[-1]) + rng.randint(1, 9)) % 10)
        else:
            value = good[:-1] + rng.choice([c for c in string.ascii_uppercase if c != good[-1]])
    elif kind == "bad_aadhaar":
        good = _aadhaar(fakers["en_IN"], rng).replace(" ", "").replace("-", "")
        value = good[:-1] + str((int(good[-1]) + rng.randint(1, 9)) % 10)
    elif kind == "tracking":
        value = "1Z" + _rand(rng, 16, string.ascii_uppercase + digits)
    else:
        value = fakers["en_US"].iso8601(end_datetime=now)
    return value, kind


# ---------------------------------------------------------------------- records
def _fill(template: str, value: str, name: str, cue: str = "") -> tuple[str, int]:
    head, _, tail = template.partition("{v}")
    head = head.replace("{name}", name).replace("{cue}", cue).replace("{{", "{").replace("}}", "}")
    tail = tail.replace("{name}", name).replace("{cue}", cue).replace("{{", "{").replace("}}", "}")
    return head + value + tail, len(head)


def generate(split: str, seed: int, per_type: int, negatives: int, now: int) -> list[dict]:
    """One split's records; the same arguments give the same records in every process that
    runs with ``PYTHONHASHSEED=0`` (Faker's Italian city list is built from a set)."""
    from faker import Faker

    if sys.flags.hash_randomization:
        raise RuntimeError("run with PYTHONHASHSEED=0: Faker orders some lists by string hash")

    rng = random.Random(seed)
    locales = set(PHONE_LOCALES + HELDOUT_ONLY_LOCALES + ADDRESS_LOCALES + ["en_US"])
    fakers = {}
    for i, loc in enumerate(sorted(locales)):
        fakers[loc] = Faker(loc)
        fakers[loc].seed_instance(seed * 1000 + i)
    names = fakers["en_US"]
    tpl = TEMPLATES[split]
    records: list[dict] = []

    def add(
        slice_: str,
        template: str,
        value: str,
        label: str | None,
        extra: dict | None = None,
        cue: str = "",
    ) -> None:
        text, start = _fill(template, value, names.name(), cue)
        spans = (
            [] if label is None else [{"start": start, "end": start + len(value), "label": label}]
        )
        rec = {
            "id": f"{split}-{len(records):04d}",
            "split": split,
            "slice": slice_,
            "text": text,
            "spans": spans,
        }
        if extra and "postcode" in extra:
            a, b = extra["postcode"]
            rec["postcodes"] = [[start + a, start + b]]
        if extra and "kind" in extra:
            rec["kind"] = extra["kind"]
        records.append(rec)

    for _ in range(per_type):
        value, locale = make_phone(rng, fakers, split)
        add(
            "PHONE_NUMBER", rng.choice(tpl["PHONE_NUMBER"]), value, "PHONE_NUMBER", {"kind": locale}
        )
    for _ in range(per_type):
        value, kind = make_card(rng, fakers["en_US"])
        add("CREDIT_CARD", rng.choice(tpl["CREDIT_CARD"]), value, "CREDIT_CARD", {"kind": kind})
    for _ in range(per_type):
        value, pc, locale = make_address(rng, fakers)
        add(
            "STREET_ADDRESS",
            rng.choice(tpl["STREET_ADDRESS"]),
            value,
            "STREET_ADDRESS",
            {"postcode": pc, "kind": locale},
        )
    for _ in range(per_type):
        value, kind, cue = make_national_id(rng, fakers, split)
        add(
            "NATIONAL_ID",
            rng.choice(tpl["NATIONAL_ID"]),
            value,
            "NATIONAL_ID",
            {"kind": kind},
            cue=cue,
        )
    for _ in range(per_type):
        add(
            "DATE_OF_BIRTH",
            rng.choice(tpl["DATE_OF_BIRTH"]),
            make_dob(rng, fakers["en_US"]),
            "DATE_OF_BIRTH",
        )
    for _ in range(per_type):
        value, kind = make_api_key(rng)
        template = _contextual_key_template(
            kind, "dev" if split == "dev" else "heldout", rng
        ) or rng.choice(tpl["API_KEY"])
        add("API_KEY", template, value, "API_KEY", {"kind": kind})
    for _ in range(negatives):
        value, kind = make_negative(rng, fakers, now)
        add("NEGATIVE", rng.choice(tpl["NEGATIVE"]), value, None, {"kind": kind})
    # dates that are not dates of birth, and IDs' shapes without their cue in running text
    for _ in range(negatives // 4):
        date = make_dob(rng, fakers["en_US"])
        add(
            "NEGATIVE",
            rng.choice(
                ["the invoice is dated {v}", "we met on {v}", "deadline {v}", "published {v}"]
            ),
            date,
            None,
            {"kind": "date_no_cue"},
        )
    records += _handle_records(split, seed, len(records), per_type)
    return records


# ---------------------------------------------------------------------- @handles (USERNAME)
# Added after the other types, with their own random generators, so the records above are the
# same as before this slice existed. Each split has its own templates; {v} is "@" + handle.
HANDLE_TEMPLATES = {
    "dev": {
        "USERNAME": [
            "ping {v} about the invoice",
            "{v} can you review this?",
            "cc {v}",
            "follow me on instagram {v}",
            "thanks {v}!",
            "my slack is {v}",
            "ask {v}, she knows the setup",
            "{v} said it's fine",
        ],
        "NEGATIVE": [
            "use {v} here",
            "why does {v} fail?",
            "{v} standup in 5",
            "npm i {v}",
            "add {v} above the method",
        ],
    },
    "heldout": {
        "USERNAME": [
            "DM {v} for details",
            "as {v} mentioned yesterday",
            "Twitter: {v}",
            "loop in {v} please",
            "{v} wrote the original script",
            "hey {v}, any update?",
        ],
        "NEGATIVE": [
            "I removed {v} and it works",
            "{v} - meeting moved",
            "yarn add {v}",
            "the docs for {v} are unclear",
        ],
    },
    "fresh": {
        "USERNAME": [
            "reach out to {v} on discord",
            "my IG is {v}",
            "{v} approved the PR",
            "shoutout to {v} for the fix",
        ],
        "NEGATIVE": [
            "is {v} deprecated?",
            "{v} reminder: deploy freeze",
            "pnpm add {v}",
        ],
    },
}
#: Near misses: decorators and annotations, package scopes, group mentions, at-rules, tags.
HANDLE_NEAR_MISSES = {
    "decorator": ["@property", "@staticmethod", "@classmethod", "@dataclass", "@app.route('/')",
                  "@pytest.fixture", "@functools.lru_cache(maxsize=None)", "@Override",
                  "@Autowired", "@abstractmethod", "@mock.patch('os.path')", "@login_required"],
    "package_scope": ["@types/node", "@angular/core", "@babel/preset-env", "@vue/cli",
                      "@testing-library/react", "@aws-sdk/client-s3"],
    "group_mention": ["@here", "@channel", "@everyone", "@all", "@team"],
    "at_rule_or_tag": ["@media", "@import", "@keyframes", "@font-face", "@param", "@return",
                       "@deprecated", "@since"],
}
HANDLE_LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "pl_PL"]


def _ascii_word(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalpha())


def make_handle(rng: random.Random, fake) -> str:
    first, last = _ascii_word(fake.first_name()), _ascii_word(fake.last_name())
    digits = "".join(rng.choice(string.digits) for _ in range(rng.choice([2, 2, 3, 4])))
    shape = rng.choice(["first.last", "first_last", "firstlast", "flast", "first.l", "last.first",
                        "first.last99", "first99", "flast99", "First_Last"])
    value = {
        "first.last": f"{first}.{last}",
        "first_last": f"{first}_{last}",
        "firstlast": f"{first}{last}",
        "flast": f"{first[:1]}{last}",
        "first.l": f"{first}.{last[:1]}",
        "last.first": f"{last}.{first}",
        "first.last99": f"{first}.{last}{digits}",
        "first99": f"{first}{digits}",
        "flast99": f"{first[:1]}{last}{digits}",
        "First_Last": f"{first.capitalize()}_{last.capitalize()}",
    }[shape]
    return value if shape == "First_Last" else value.lower()


def _handle_records(split: str, seed: int, first_id: int, per_type: int) -> list[dict]:
    from faker import Faker

    rng = random.Random(seed * 7919 + 1)
    fakers = {}
    for i, loc in enumerate(HANDLE_LOCALES):
        fakers[loc] = Faker(loc)
        fakers[loc].seed_instance(seed * 7919 + 100 + i)
    tpl = HANDLE_TEMPLATES[split]
    out: list[dict] = []

    def add(template: str, value: str, positive: bool, kind: str) -> None:
        text, start = _fill(template, value, "")
        rec = {"id": f"{split}-{first_id + len(out):04d}", "split": split,
               "slice": "USERNAME" if positive else "NEGATIVE", "text": text, "spans": []}
        if positive:  # the name after the "@"
            rec["spans"] = [{"start": start + 1, "end": start + len(value), "label": "USERNAME"}]
        rec["kind"] = kind
        out.append(rec)

    n = per_type // 2
    for _ in range(n):
        locale = rng.choice(HANDLE_LOCALES)
        add(rng.choice(tpl["USERNAME"]), "@" + make_handle(rng, fakers[locale]), True, locale)
    for _ in range(n // 2):
        kind = rng.choice(sorted(HANDLE_NEAR_MISSES))
        add(rng.choice(tpl["NEGATIVE"]), rng.choice(HANDLE_NEAR_MISSES[kind]), False, kind)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate data/eval/ids (deterministic).")
    parser.add_argument("--out", type=Path, default=HERE, help="directory to write to")
    parser.add_argument("--split", choices=sorted(SPLITS), action="append",
                        help="only this split (repeatable; default: all)")
    args = parser.parse_args(argv)
    if sys.flags.hash_randomization:
        # Same interpreter, same arguments, string hashing fixed: see generate().
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, str(Path(__file__).resolve()),
                                   *(sys.argv[1:] if argv is None else argv)], env)
    args.out.mkdir(parents=True, exist_ok=True)
    for split in args.split or list(SPLITS):
        seed, n, now = SPLITS[split]
        records = generate(split, seed, per_type=n, negatives=n + 40, now=now)
        path = args.out / f"{split}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records)
        print(f"{path.name}: {len(records)} records")


if __name__ == "__main__":
    main()
