"""Generate the world evaluation set: chat messages with names of many origins, and traps.

Usage::

    python data/eval/world/generate.py [--out DIR] [--check]

Rewrites ``world_dev.jsonl`` and ``world_heldout.jsonl`` next to this file (or in ``--out``)
from the hand-written sources in ``sources/``; ``--check`` only compares a fresh generation
with the files on disk. The output is fully deterministic (fixed seed, no hash randomisation,
no dependency beyond the standard library).

The held-out part shares no template and no name token with the dev part: every name unit (a
given name with its nickname and spelling variants, a surname with its gendered forms, a
middle name) is assigned to one part, and a token is never assigned to both. Cities, regions,
streets and trap fillers are split the same way; country names are few and occur in both.
See ``README.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
SEED = 20240611
SPLITS = ("dev", "heldout")
HELDOUT_SHARE = 0.3
#: Messages with personal data to generate per split (before removing duplicate texts).
PII_MESSAGES = {"dev": 2100, "heldout": 850}
#: Fills per slot trap template.
SLOT_FILLS = 3
FILES = {"dev": "world_dev.jsonl", "heldout": "world_heldout.jsonl"}
#: Contexts where dropping punctuation would be unnatural (headers, signatures, CVs).
KEEP_PUNCT = {"email_header", "signature", "resume"}


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"world_{name}", SOURCES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


_names = _load("names")
_places = _load("places")
ORIGINS: dict[str, dict[str, Any]] = _names.ORIGINS
PARTICLES: frozenset[str] = _names.PARTICLES
PLACES: dict[str, dict[str, Any]] = _places.PLACES
ADDRESSES: dict[str, dict[str, Any]] = _places.ADDRESSES
GENERIC_PLACE_WORDS: frozenset[str] = _places.GENERIC_PLACE_WORDS

# ---------------------------------------------------------------------------- tokens
_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ß": "ss",
        "œ": "oe",
        "Œ": "OE",
    }
)
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_LETTERS = re.compile(r"[^\W\d_]+")


def fold(text: str) -> str:
    """``text`` without diacritics ("Łódź" -> "Lodz", "Søren" -> "Soren")."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def norm(token: str) -> str:
    """The comparison key of a word: no diacritics, case-folded."""
    return fold(token).casefold()


def tokens(text: str) -> set[str]:
    """Comparison keys of the words of >= 2 letters in ``text`` (same rule as world_eval)."""
    return {norm(t) for t in _LETTERS.findall(text) if len(t) >= 2}


def name_tokens(text: str) -> set[str]:
    return {t for t in tokens(text) if t not in PARTICLES}


def place_tokens(text: str) -> set[str]:
    return {t for t in tokens(text) if t not in GENERIC_PLACE_WORDS and t not in PARTICLES}


def _items(value: str | None) -> list[str]:
    if not value:
        return []
    return [unicodedata.normalize("NFC", v.strip()) for v in value.split(",") if v.strip()]


# ---------------------------------------------------------------------------- name units
@dataclass(frozen=True)
class Unit:
    """A given name (with nickname), a surname (m/f forms) or a middle name (m/f forms)."""

    origin: str
    category: str  # f, m, surname, middle
    value: str  # given name, or male/neutral form
    alt: str | None = None  # nickname (given) or female form (surname, middle)

    def forms(self, ascii_german: bool) -> list[str]:
        out = [self.value] + ([self.alt] if self.alt else [])
        out += [fold(v) for v in out] + (
            [v.translate(_GERMAN) for v in out] if ascii_german else []
        )
        extra = []
        for v in out:
            if "-" in v:  # Min-jun -> Minjun, Al-Harbi -> Alharbi
                extra.append(v.replace("-", ""))
        return out + extra

    def tokens(self) -> set[str]:
        found: set[str] = set()
        for v in self.forms(self.origin == "german"):
            found |= name_tokens(v)
        return found


def _units(origin: str, spec: dict[str, Any]) -> list[Unit]:
    units = []
    for cat in ("f", "m"):
        for item in _items(spec.get(cat)):
            given, _, nick = item.partition(">")
            units.append(Unit(origin, cat, given.strip(), nick.strip() or None))
    for cat, key in (("surname", "surnames"), ("middle", "middles")):
        for item in _items(spec.get(key)):
            m, _, f = item.partition("/")
            units.append(Unit(origin, cat, m.strip(), f.strip() or None))
    return units


def split_names(seed: int = SEED) -> tuple[dict[str, dict[str, dict[str, list[Unit]]]], dict]:
    """Assign every name unit to dev or heldout so that no token is in both.

    Returns ``pools[split][origin][category] -> units`` and a report of dropped units (a unit
    whose tokens were already given to both parts by earlier units).
    """
    owner: dict[str, str] = {}
    pools: dict[str, dict[str, dict[str, list[Unit]]]] = {s: {} for s in SPLITS}
    dropped = []
    for origin, spec in ORIGINS.items():
        for split in SPLITS:
            pools[split][origin] = {"f": [], "m": [], "surname": [], "middle": []}
        units = _units(origin, spec)
        for cat in ("f", "m", "surname", "middle"):
            group = [u for u in units if u.category == cat]
            random.Random(f"{seed}:{origin}:{cat}").shuffle(group)
            n_held = round(HELDOUT_SHARE * len(group)) if len(group) >= 3 else 0
            for i, unit in enumerate(group):
                toks = unit.tokens()
                owners = {owner[t] for t in toks if t in owner}
                if len(owners) > 1:
                    dropped.append(unit)
                    continue
                split = owners.pop() if owners else ("heldout" if i < n_held else "dev")
                for t in toks:
                    owner[t] = split
                pools[split][origin][cat].append(unit)
    return pools, {"dropped": dropped, "owner": owner}


def split_values(values: list[str], key: str, seed: int = SEED) -> dict[str, list[str]]:
    """Split plain values (cities, streets, trap fillers, templates) ~70/30, deterministically."""
    values = list(values)
    random.Random(f"{seed}:{key}").shuffle(values)
    n_held = round(HELDOUT_SHARE * len(values)) if len(values) >= 3 else 0
    return {"heldout": values[:n_held], "dev": values[n_held:]}


# ---------------------------------------------------------------------------- people
_PARTICLE_START = re.compile(r"^(?:van|de|da|dos|del|von|di|la|le|du)\b")


@dataclass
class Person:
    origin: str
    gender: str  # "f" or "m"
    given: Unit
    surname: Unit | None
    rng: random.Random
    pool: dict[str, list[Unit]]
    ascii: bool = False
    style: dict[str, Any] = field(default_factory=dict)

    # -- spelling helpers
    def _spell(self, text: str) -> str:
        if not self.ascii:
            return text
        if self.origin == "german":
            return text.translate(_GERMAN)
        return fold(text)

    def _gendered(self, unit: Unit | None) -> str:
        if unit is None:
            return ""
        value = unit.alt if (self.gender == "f" and unit.alt) else unit.value
        return self._spell(value)

    @property
    def g(self) -> str:
        value = self._spell(self.given.value)
        if self.origin == "korean" and "-" in value:
            join = self.style.setdefault("korean", self.rng.choice(["-", "-", "-", "", " "]))
            a, b = value.split("-", 1)
            value = {"-": f"{a}-{b}", "": a + b, " ": f"{a} {b.capitalize()}"}[join]
        if self.origin == "chinese_cantonese" and self.style.setdefault(
            "hk_hyphen", self.rng.random() < 0.25
        ):
            a, b = value.split(" ", 1)
            value = f"{a}-{b.lower()}"
        return value

    @property
    def nick(self) -> str | None:
        return self._spell(self.given.alt) if self.given.alt else None

    @property
    def s(self) -> str:
        if self.surname is None:
            return ""
        value = self._gendered(self.surname)
        m = re.match(r"^(Al|El)-(.+)$", value)
        if m:
            variant = self.style.setdefault("al", self.rng.choice(["-", "-", " ", "", "lower"]))
            head, rest = m.groups()
            if variant == "lower":
                value = f"{head.lower()}-{rest}"
            elif variant == "":
                value = head + rest.lower()
            else:
                value = head + variant + rest
        return value

    def _middle(self) -> str | None:
        units = self.pool["middle"]
        if not units:
            return None
        unit = self.style.setdefault("middle", self.rng.choice(units))
        return self._gendered(unit)

    def _other(self, cat: str, exclude: set[str]) -> Unit | None:
        options = [u for u in self.pool[cat] if u.value not in exclude]
        return self.rng.choice(options) if options else None

    # -- forms
    def full(self) -> tuple[str, str]:
        if self.surname is None:
            return self.g, "mononym"
        share = ORIGINS[self.origin].get("family_first", 0.0)
        if share and self.rng.random() < share / 2:  # many write their full name family first
            return self.family()
        three = ORIGINS[self.origin].get("three")
        if three == "bin" and self.origin == "malay":
            link = "binti" if self.gender == "f" else "bin"
            if self.style.setdefault("malay_bin", self.rng.random() < 0.6):
                return f"{self.g} {link} {self.s}", "full"
        return f"{self.g} {self.s}", "full"

    def family(self) -> tuple[str, str]:
        if self.surname is None or not ORIGINS[self.origin].get("family_first"):
            return self.full()
        if self.origin == "vietnamese":
            middle = self._middle()
            return (
                f"{self.s} {middle} {self.g}" if middle else f"{self.s} {self.g}"
            ), "family_first"
        return f"{self.s} {self.g}", "family_first"

    def three(self) -> tuple[str, str]:
        kind = ORIGINS[self.origin].get("three")
        if self.surname is None or kind is None:
            return self.full()
        g, s = self.g, self.s
        if kind == "given2":
            if " " in g:
                return f"{g} {s}", "three_part"
            other = self.style.get("given2")
            if other is None:
                unit = self._other(self.gender, {self.given.value})
                if unit is None:
                    return self.full()
                other = self.style.setdefault("given2", self._spell(unit.value))
            return f"{g} {other} {s}", "three_part"
        if kind == "spanish":
            unit = self.style.get("surname2") or self._other("surname", {self.surname.value})
            if unit is None:
                return self.full()
            self.style["surname2"] = unit
            return f"{g} {s} {self._gendered(unit)}", "three_part"
        if kind in ("middle", "patronymic", "prefix"):
            middle = self._middle()
            if middle is None:
                return self.full()
            return (f"{middle} {g} {s}" if kind == "prefix" else f"{g} {middle} {s}"), "three_part"
        if kind == "bin":
            link = ("binti" if self.origin == "malay" else "bint") if self.gender == "f" else "bin"
            if self.origin == "malay":
                return f"{g} {link} {s}", "three_part"
            father = self.style.get("father") or self._other("m", {self.given.value})
            if father is None:
                return self.full()
            self.style["father"] = father
            return f"{g} {link} {self._spell(father.value)} {s}", "three_part"
        if kind == "father":
            grand = self.style.get("grand") or self._other("surname", {self.surname.value})
            if grand is None:
                return self.full()
            self.style["grand"] = grand
            return f"{g} {s} {self._spell(grand.value)}", "three_part"
        if kind == "family":
            return self.family()
        return self.full()

    def initials(self) -> tuple[str, str]:
        if self.surname is None:
            return self.g, "mononym"
        spec = ORIGINS[self.origin]
        if self.rng.random() < spec.get("initial_given", 0.0):
            other = self._other("surname", set()) or self.surname
            return f"{fold(other.value)[0].upper()}. {self.g}", "initials"
        parts = [p for p in re.split(r"[\s-]+", self.g) if p]
        letters = [p[0].upper() for p in parts]
        middle = self._middle() if spec.get("three") in ("middle", "patronymic") else None
        if middle and self.rng.random() < 0.6:
            letters.append(middle[0].upper())
        sep = self.rng.choice([". ", ". ", "."])
        return sep.join(letters) + ". " + self.s, "initials"

    def comma(self) -> tuple[str, str]:
        if self.surname is None:
            return self.g, "mononym"
        return f"{self.s}, {self.g}", "surname_comma_given"

    def given_form(self, nick_share: float = 0.25) -> tuple[str, str]:
        if self.nick and self.rng.random() < nick_share:
            return self.nick, "nickname"
        return self.g, "given"

    def surname_form(self) -> tuple[str, str]:
        if self.surname is None:
            return self.g, "mononym"
        value = self.s
        if _PARTICLE_START.match(value) and self.rng.random() < 0.5:
            value = value[0].upper() + value[1:]
        return value, "surname"

    def render(self, attr: str | None) -> tuple[str, str]:
        if attr == "given":
            return self.given_form()
        if attr == "nick":
            return (self.nick, "nickname") if self.nick else (self.g, "given")
        if attr == "surname":
            return self.surname_form()
        if attr == "full":
            return self.full()
        if attr == "comma":
            return self.comma()
        if attr == "initials":
            return self.initials()
        if attr == "family":
            return self.family()
        if attr == "three":
            return self.three()
        if attr is not None:
            raise ValueError(f"unknown person attribute {attr!r}")
        spec = ORIGINS[self.origin]
        choices = [("full", 0.45), ("three", 0.15), ("initials", 0.06)]
        if spec.get("family_first"):
            choices.append(("family", 0.45 * spec["family_first"] / (1 - spec["family_first"])))
        if self.nick and self.surname is not None:
            choices.append(("nick_surname", 0.06))
        names, weights = zip(*choices, strict=False)
        pick = self.rng.choices(names, weights)[0]
        if pick == "nick_surname":
            return f"{self.nick} {self.s}", "nickname"
        return self.render(pick)


def classify_form(value: str, base: str) -> str:
    """Refine a full name or surname into ``particle`` / ``hyphenated`` when it has one."""
    if base in ("full", "surname"):
        words = {w.casefold() for w in re.split(r"[\s]+", value)}
        if words & PARTICLES or re.search(r"\b(?:Al|El|al|el)-", value):
            return "particle"
        if "-" in value:
            return "hyphenated"
    return base


# ---------------------------------------------------------------------------- templates
@dataclass(frozen=True)
class Template:
    id: str
    context: str
    text: str
    origins: tuple[str, ...] = ()


def parse_templates(path: Path = SOURCES / "templates.txt") -> list[Template]:
    out: list[Template] = []
    head: list[str] | None = None
    body: list[str] = []

    def flush() -> None:
        if head is not None:
            text = "\n".join(body).strip("\n")
            origins = tuple(o.strip() for o in head[2].split(",")) if len(head) > 2 else ()
            out.append(Template(head[0].strip(), head[1].strip(), text, origins))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("@@"):
            flush()
            head, body = [p.strip() for p in line[2:].split("|")], []
        elif head is not None:
            body.append(line)
    flush()
    return out


def template_half(template_id: str) -> str:
    """``tune`` or ``held``: a fixed split of probe templates by a hash of their id (used by
    ``benchmarks/world_probe.py --template-half`` and by ``train/make_data.py``, which trains
    on tune halves only)."""
    digest = hashlib.sha256(template_id.encode("utf-8")).digest()
    return "held" if digest[0] % 2 else "tune"


def probe_templates(path: Path, half: str | None = None) -> list[Template]:
    """The templates of ``path`` (this syntax), only one ``half`` of them if given."""
    return [t for t in parse_templates(path) if half is None or template_half(t.id) == half]


_SLOT = re.compile(
    r"\{([A-Z])(?:\.(\w+))?(?::(upper|lower))?\}"
    r"|\{(city2|city|country|region|addr)(?::(upper|lower))?\}"
)
GENDER = {"A": None, "B": None, "C": None, "F": "f", "G": "f", "M": "m", "N": "m"}


# ---------------------------------------------------------------------------- generation
@dataclass
class Piece:
    text: str
    span: dict[str, Any] | None = None  # type, origin, form, casing


class Generator:
    def __init__(self, seed: int = SEED) -> None:
        self.seed = seed
        self.pools, self.name_report = split_names(seed)
        self.places: dict[str, dict[str, dict[str, list[str]]]] = {s: {} for s in SPLITS}
        for origin, spec in PLACES.items():
            for kind in ("cities", "regions"):
                parts = split_values(_items(spec[kind]), f"{origin}:{kind}", seed)
                for s in SPLITS:
                    self.places[s].setdefault(origin, {})[kind] = parts[s]
            for s in SPLITS:
                self.places[s][origin]["countries"] = _items(spec["countries"])
        self.streets: dict[str, dict[str, dict[str, list[str]]]] = {s: {} for s in SPLITS}
        for key, spec in ADDRESSES.items():
            for kind in ("streets", "areas"):
                parts = split_values(_items(spec[kind]), f"addr:{key}:{kind}", seed)
                for s in SPLITS:
                    self.streets[s].setdefault(key, {})[kind] = parts[s]
        templates = parse_templates()
        self.templates: dict[str, list[Template]] = {s: [] for s in SPLITS}
        by_context: dict[str, list[Template]] = {}
        for t in templates:
            by_context.setdefault(t.context, []).append(t)
        for context in sorted(by_context):
            ids = split_values([t.id for t in by_context[context]], f"tpl:{context}", seed)
            for s in SPLITS:
                self.templates[s] += [t for t in by_context[context] if t.id in ids[s]]

    # -- people and places
    def person(
        self,
        rng: random.Random,
        split: str,
        origin: str,
        gender: str | None,
        needs_surname: bool = False,
    ) -> Person:
        pool = self.pools[split][origin]
        gender = gender or rng.choice("fm")
        if not pool[gender]:
            gender = "m" if gender == "f" else "f"
        given = rng.choice(pool[gender])
        spec = ORIGINS[origin]
        surname = None
        mononym = 0.0 if needs_surname else spec.get("mononym", 0.0)
        if pool["surname"] and rng.random() >= mononym:
            surname = rng.choice(pool["surname"])
        return Person(
            origin, gender, given, surname, rng, pool, ascii=rng.random() < spec.get("ascii", 0.0)
        )

    def place(
        self,
        rng: random.Random,
        split: str,
        origin: str,
        kind: str,
        avoid: set[str],
        stay: bool = False,
    ) -> tuple[str, str]:
        if not stay and rng.random() > 0.75:
            origin = rng.choice(sorted(PLACES))
        options = [p for p in self.places[split][origin][kind] if p not in avoid]
        while not options:  # e.g. an origin with too few regions to give the heldout part any
            origin = rng.choice(sorted(PLACES))
            options = [p for p in self.places[split][origin][kind] if p not in avoid]
        value = rng.choice(options)
        if kind == "cities" and value != fold(value) and rng.random() < 0.3:
            value = fold(value)
        return value, origin

    def address(self, rng: random.Random, split: str, origin: str) -> tuple[str, str]:
        key = PLACES[origin]["address"]
        if key is None or rng.random() > 0.8:
            origin = rng.choice(sorted(o for o in PLACES if PLACES[o]["address"]))
            key = PLACES[origin]["address"]
        spec = self.streets[split][key]
        pattern = rng.choice(ADDRESSES[key]["patterns"])
        n1, n2 = rng.randint(1, 9), rng.randint(2, 40)
        fields = {
            "n": rng.randint(1, 250),
            "n1": n1,
            "n2": n2,
            "street": rng.choice(spec["streets"]) if spec["streets"] else "Main Road",
            "area": rng.choice(spec["areas"]) if spec["areas"] else "",
            "city": rng.choice(self.places[split][origin]["cities"]),
            "pin": rng.randint(110001, 799999),
            "zip4": rng.randint(1000, 9999),
            "zip5": f"{rng.randint(1000, 99999):05d}",
            "zip6": rng.randint(100000, 999999),
            "jp": f"{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}",
            "cep": f"{rng.randint(10000, 99999)}-{rng.randint(0, 999):03d}",
            "pl": f"{rng.randint(0, 99):02d}-{rng.randint(0, 999):03d}",
            "nl": f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
            f"{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
            "uk": f"{rng.choice(['SW', 'N', 'M', 'LS', 'EH', 'CF', 'BS', 'G'])}"
            f"{rng.randint(1, 20)} {rng.randint(1, 9)}"
            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
            "st": rng.choice(["TX", "OH", "WA", "CO", "GA", "MA", "PA", "TN", "MN", "CA"]),
        }
        value = pattern.format(**fields)
        value = value.format(**fields)  # fields inside street names ("Street {n2}")
        return re.sub(r",\s*,", ",", value).replace(" ,", ","), origin

    # -- one message
    def render(
        self, rng: random.Random, split: str, template: Template, origin: str
    ) -> list[Piece] | None:
        people: dict[str, Person] = {}
        used_places: set[str] = set()
        loc_origin: str | None = None
        pieces: list[Piece] = []
        pos = 0
        text = template.text.replace("{{", "\x00").replace("}}", "\x01")
        for m in _SLOT.finditer(text):
            pieces.append(Piece(text[pos : m.start()]))
            pos = m.end()
            if m.group(1):
                letter, attr, case = m.group(1), m.group(2), m.group(3)
                if letter not in people:
                    p_origin = origin
                    if people and rng.random() > 0.6:
                        p_origin = rng.choice(sorted(ORIGINS))
                    # A template that names the surname apart needs a person who has one.
                    needs = (
                        re.search(r"\{" + letter + r"\.(?:surname|comma|family)", text) is not None
                    )
                    taken = {p.given.value for p in people.values()}
                    for _ in range(10):  # two people of one message never share a given name
                        person = self.person(rng, split, p_origin, GENDER[letter], needs)
                        if person.given.value not in taken:
                            break
                    people[letter] = person
                person = people[letter]
                value, base = person.render(attr)
                span = {
                    "type": "PERSON",
                    "origin": person.origin,
                    "form": classify_form(value, base),
                    "casing": case or "original",
                }
            else:
                kind, case = m.group(4), m.group(5)
                if kind == "addr":
                    value, p_origin = self.address(rng, split, origin)
                    span = {"type": "STREET_ADDRESS", "origin": p_origin}
                else:
                    key = {
                        "city": "cities",
                        "city2": "cities",
                        "country": "countries",
                        "region": "regions",
                    }[kind]
                    # A country or region after a city is the city's own ("Lagos, Nigeria").
                    stay = loc_origin is not None and kind in ("country", "region")
                    value, p_origin = self.place(
                        rng, split, loc_origin if stay else origin, key, used_places, stay
                    )
                    used_places.add(value)
                    if kind == "city":
                        loc_origin = p_origin
                    span = {"type": "LOCATION", "origin": p_origin, "kind": key}
                span["casing"] = case or "original"
            if case == "upper":
                value = value.upper()
            elif case == "lower":
                value = value.lower()
            pieces.append(Piece(value, span))
        pieces.append(Piece(text[pos:]))
        for piece in pieces:
            piece.text = piece.text.replace("\x00", "{").replace("\x01", "}")
        return pieces


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["swap", "drop", "double"])
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def apply_noise(rng: random.Random, pieces: list[Piece], context: str) -> tuple[str, list[str]]:
    """Casing, dropped punctuation and typos as people type. Returns (casing, noise)."""
    noise: list[str] = []
    r = rng.random()
    casing = "lower" if r < 0.18 else "upper" if r < 0.24 else "original"
    if context not in KEEP_PUNCT and rng.random() < 0.15:
        noise.append("nopunct")
        for piece in pieces:
            if piece.span is None:
                piece.text = re.sub(r"[.,!?;:](?=\s|$)", "", piece.text)
    if rng.random() < 0.12:
        candidates = [
            (i, m)
            for i, piece in enumerate(pieces)
            if piece.span is None
            for m in re.finditer(r"\b[a-z]{5,}\b", piece.text)
        ]
        if candidates:
            noise.append("typo")
            for i, m in sorted(
                rng.sample(candidates, min(len(candidates), rng.choice([1, 2]))),
                key=lambda c: -c[1].start(),
            ):
                t = pieces[i].text
                pieces[i].text = t[: m.start()] + _typo(rng, m.group()) + t[m.end() :]
    if casing != "original":
        for piece in pieces:
            piece.text = piece.text.lower() if casing == "lower" else piece.text.upper()
            if piece.span is not None:
                piece.span["casing"] = casing
    return casing, noise


def assemble(pieces: list[Piece]) -> tuple[str, list[dict[str, Any]]]:
    text, spans, pos = "", [], 0
    for piece in pieces:
        if piece.span is not None:
            spans.append(
                {
                    "start": pos,
                    "end": pos + len(piece.text),
                    "type": piece.span["type"],
                    "value": piece.text,
                    **{k: v for k, v in piece.span.items() if k != "type"},
                }
            )
        text += piece.text
        pos += len(piece.text)
    return text, spans


def outside_tokens(text: str, spans: list[dict[str, Any]]) -> set[str]:
    """Keys of the words of ``text`` that overlap no labelled span (same rule as world_eval)."""
    out = set()
    for m in _LETTERS.finditer(text):
        if len(m.group()) >= 2 and not any(
            m.start() < s["end"] and s["start"] < m.end() for s in spans
        ):
            out.add(norm(m.group()))
    return out


def acceptable(text: str, spans: list[dict[str, Any]]) -> bool:
    """Every labelled value stays scorable: none of its words occurs outside the spans, and a
    person shares no word with a place of the same message."""
    outside = outside_tokens(text, spans)
    person_toks: set[str] = set()
    place_toks: set[str] = set()
    for s in spans:
        if s["type"] == "PERSON":
            toks = name_tokens(s["value"])
            person_toks |= toks
        else:
            toks = place_tokens(s["value"])
            place_toks |= toks
        if not toks or toks & outside:
            return False
    return not (person_toks & place_toks)


def casing_of(spans: list[dict[str, Any]], message_casing: str) -> str:
    if message_casing != "original":
        return message_casing
    kinds = {s["casing"] for s in spans}
    return kinds.pop() if len(kinds) == 1 else "original"


def pii_records(gen: Generator, split: str) -> list[dict[str, Any]]:
    rng = random.Random(f"{gen.seed}:pii:{split}")
    origins = sorted(ORIGINS)
    records, seen = [], set()
    order: list[str] = []
    for _i in range(PII_MESSAGES[split]):
        if not order:
            order = origins[:]
            rng.shuffle(order)
        origin = order.pop()
        allowed = [t for t in gen.templates[split] if not t.origins or origin in t.origins]
        weights = [8.0 if t.origins else 1.0 for t in allowed]
        for _attempt in range(60):
            template = rng.choices(allowed, weights)[0]
            pieces = gen.render(rng, split, template, origin)
            if pieces is None:
                continue
            casing, noise = apply_noise(rng, pieces, template.context)
            text, spans = assemble(pieces)
            if text in seen or not acceptable(text, spans):
                continue
            seen.add(text)
            persons = [s for s in spans if s["type"] == "PERSON"]
            records.append(
                {
                    "text": text,
                    "spans": spans,
                    "origin": persons[0]["origin"] if persons else origin,
                    "casing": casing_of(spans, casing),
                    "form": persons[0]["form"] if persons else "none",
                    "context": template.context,
                    "template_id": template.id,
                    "split": split,
                    "traps": [],
                    "pii_free": False,
                    "noise": noise,
                }
            )
            break
    return records


# ---------------------------------------------------------------------------- traps
_TRAP = re.compile(r"\[\[(.+?)(?:::(\w+))?\]\]")


@dataclass(frozen=True)
class TrapTemplate:
    id: str
    kind: str
    text: str  # with [[markup]] or {slots}


def parse_traps(
    path: Path = SOURCES / "traps.txt",
) -> tuple[list[TrapTemplate], dict[str, list[str]]]:
    literal, vocab = [], {}
    n_lit = n_slot = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, _, body = line.partition(":")
        body = body.strip().replace("\\n", "\n")
        if head.startswith("vocab "):
            vocab[head[6:].strip()] = _items(body)
        elif head == "slot":
            n_slot += 1
            literal.append(TrapTemplate(f"trap-slot-{n_slot:02d}", "slot", body))
        else:
            n_lit += 1
            literal.append(TrapTemplate(f"trap-{n_lit:03d}", head.strip(), body))
    return literal, vocab


def _identifier(rng: random.Random, kind: str) -> str:
    hexd = "0123456789abcdef"
    if kind == "sha256":
        return "".join(rng.choice(hexd) for _ in range(64))
    if kind == "uuid":
        h = "".join(rng.choice(hexd) for _ in range(32))
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"
    if kind == "order":
        return rng.choice(
            [
                f"ORD-{rng.randint(2019, 2025)}-{rng.randint(0, 999999):06d}",
                f"#{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}",
                f"A{rng.randint(10, 99)}-{rng.randint(10000, 99999)}",
            ]
        )
    if kind == "commit":
        return "".join(rng.choice(hexd) for _ in range(rng.choice([7, 8, 12])))
    if kind == "pod":
        alnum = "bcdfghjklmnpqrstvwxz2456789"
        return (
            f"{rng.choice(['api', 'worker', 'web', 'billing', 'ingest'])}-"
            + "".join(rng.choice(hexd) for _ in range(10))
            + "-"
            + "".join(rng.choice(alnum) for _ in range(5))
        )
    if kind == "ticket":
        return f"{rng.choice(['PLAT', 'OPS', 'DATA', 'SEC', 'WEB'])}-{rng.randint(10, 9999)}"
    raise ValueError(kind)


def _render_literal(text: str, default_kind: str) -> tuple[str, list[tuple[str, str]]]:
    out, traps, pos = "", [], 0
    for m in _TRAP.finditer(text):
        out += text[pos : m.start()] + m.group(1)
        traps.append((m.group(1), m.group(2) or default_kind))
        pos = m.end()
    return out + text[pos:], traps


_TRAP_SLOT = re.compile(
    r"\{(lang2?|product2?|company2?|eponym|k8s2?|sha256|uuid|order|commit|pod|ticket)\}"
)
_SLOT_KIND = {
    "lang": "language",
    "product": "product",
    "company": "company",
    "eponym": "eponym",
    "k8s": "k8s",
}


def _render_slots(
    rng: random.Random, text: str, vocab: dict[str, list[str]]
) -> tuple[str, list[tuple[str, str]]]:
    text, traps = _render_literal(text, "common_word")
    out, pos, used = "", 0, set()
    for m in _TRAP_SLOT.finditer(text):
        out += text[pos : m.start()]
        pos = m.end()
        name = m.group(1).rstrip("2")
        if name in _SLOT_KIND:
            vk = _SLOT_KIND[name]
            value = rng.choice([v for v in vocab[vk] if v not in used])
            used.add(value)
            kind = vk
        else:
            value, kind = _identifier(rng, name), "identifier"
        out += value
        traps.append((value, kind))
    return out + text[pos:], traps


def _trap_record(
    text: str, traps: list[tuple[str, str]], casing: str, tpl: TrapTemplate, split: str
) -> dict[str, Any]:
    if casing == "lower":
        text, traps = text.lower(), [(p.lower(), k) for p, k in traps]
    elif casing == "upper":
        text, traps = text.upper(), [(p.upper(), k) for p, k in traps]
    phrases: dict[str, str] = {}
    for p, k in traps:
        assert p in text, (p, text)
        phrases.setdefault(p, k)
    return {
        "text": text,
        "spans": [],
        "origin": "none",
        "casing": casing,
        "form": "none",
        "context": "trap",
        "template_id": tpl.id,
        "split": split,
        "traps": list(phrases),
        "trap_kinds": list(phrases.values()),
        "pii_free": True,
        "noise": [],
    }


def trap_records(gen: Generator, split: str) -> list[dict[str, Any]]:
    templates, vocab = parse_traps()
    by_kind: dict[str, list[TrapTemplate]] = {}
    for t in templates:
        by_kind.setdefault(t.kind, []).append(t)
    chosen: list[TrapTemplate] = []
    for kind in sorted(by_kind):
        ids = split_values([t.id for t in by_kind[kind]], f"trap:{kind}", gen.seed)[split]
        chosen += [t for t in by_kind[kind] if t.id in ids]
    split_vocab = {k: split_values(v, f"vocab:{k}", gen.seed)[split] for k, v in vocab.items()}
    rng = random.Random(f"{gen.seed}:traps:{split}")
    records = []
    for tpl in chosen:
        if tpl.kind == "slot":
            for _ in range(SLOT_FILLS):
                text, traps = _render_slots(rng, tpl.text, split_vocab)
                casing = "lower" if rng.random() < 0.2 else "original"
                records.append(_trap_record(text, traps, casing, tpl, split))
            continue
        text, traps = _render_literal(tpl.text, tpl.kind)
        records.append(_trap_record(text, traps, "original", tpl, split))
        r = rng.random()
        if r < 0.3 and text != text.lower():
            records.append(_trap_record(text, traps, "lower", tpl, split))
        elif r < 0.4 and text != text.upper():
            records.append(_trap_record(text, traps, "upper", tpl, split))
    unique, seen = [], set()
    for rec in records:
        if rec["text"] not in seen:
            seen.add(rec["text"])
            unique.append(rec)
    return unique


# ---------------------------------------------------------------------------- output
KEY_ORDER = (
    "id",
    "text",
    "spans",
    "origin",
    "casing",
    "form",
    "context",
    "template_id",
    "split",
    "traps",
    "trap_kinds",
    "pii_free",
    "noise",
)


def generate(seed: int = SEED) -> dict[str, list[dict[str, Any]]]:
    gen = Generator(seed)
    out = {}
    for split in SPLITS:
        records = pii_records(gen, split) + trap_records(gen, split)
        random.Random(f"{seed}:order:{split}").shuffle(records)
        for i, rec in enumerate(records):
            rec["id"] = f"world-{split}-{i:05d}"
        out[split] = [{k: rec[k] for k in KEY_ORDER if k in rec} for rec in records]
    return out


def dumps(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="directory for the jsonl files")
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare a fresh generation with the files on disk; write nothing",
    )
    args = parser.parse_args(argv)
    data = generate()
    status = 0
    for split, records in data.items():
        path = args.out / FILES[split]
        text = dumps(records)
        n_pii = sum(not r["pii_free"] for r in records)
        if args.check:
            same = path.exists() and path.read_text(encoding="utf-8") == text
            print(f"{path}: {'up to date' if same else 'DIFFERS'}")
            status |= not same
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}: {n_pii} messages with PII, {len(records) - n_pii} PII-free")
    return status


if __name__ == "__main__":
    sys.exit(main())
