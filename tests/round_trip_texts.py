"""Generated conversations for the round-trip property: restore(echo(pseudonymize(t))) == t.

A conversation is a list of user texts written in one session. Ordinary texts are filled from
templates with Faker values of one locale (names, emails, phones, addresses, cities, IBANs,
cards), mentioned again later in other casings ("MARIA", "maria lopez", "Lopez" alone).
Adversarial texts are built from what the session has issued so far: its surrogates, their
name parts and their shapes (tokens, placeholders), in other casings, glued into compounds
("Ramos-sur-Dumas"), next to the originals they stand for.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from chatveil import Guard
from chatveil.state.entries import Entry

#: Faker locales the values come from (names, phones, addresses of nine+ countries).
LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "pl_PL",
           "tr_TR", "sv_SE")

TEMPLATES = (
    "Hi, I'm {name}. Mail me at {email} or call {phone}.",
    "{name} lives at {street}, {city}.",
    "Please send the contract to {name} ({email}) before Friday.",
    "My IBAN is {iban} and my card is {card}.",
    "Can you draft a reply to {name}? {first} asked about the invoice.",
    "Thanks {first}! I'll tell {name} to phone {phone} tomorrow.",
    "Meeting notes: {name}, {name2} and I met in {city}.",
    "{first} {last} wrote: please call back on {phone}.",
    "Dear Mr {last}, your order ships to {street}.",
    "{NAME} CALLED AGAIN ABOUT {city}",
    "fwd from {lname}: new number {phone}, mail {email}",
    "Ask {name2} whether {last} still works in {city}.",
    "Card {card} belongs to {name}; ping {email}.",
    "Summary for {name}: moved from {city} to {street}.",
    "{name}'s manager is {name2}. {last2}'s desk is near {first}'s.",
)

ECHOES: tuple[Callable[[str], str], ...] = (
    lambda m: m,
    lambda m: f"Sure! You wrote:\n{m}\nAnything else?",
    lambda m: f"> {m}",
    lambda m: f'"{m}"',
)


def _case(rng: random.Random, value: str) -> str:
    """``value`` as people type it: mostly as is, sometimes upper, lower or title case."""
    roll = rng.random()
    if roll < 0.6:
        return value
    if roll < 0.73:
        return value.upper()
    if roll < 0.86:
        return value.lower()
    return value.title()


class Person:
    def __init__(self, fake: Any) -> None:
        self.first, self.last = fake.first_name(), fake.last_name()
        self.name = f"{self.first} {self.last}"


def _values(fake: Any, rng: random.Random, people: list[Person]) -> dict[str, str]:
    if not people or rng.random() < 0.5:
        people.append(Person(fake))
    p = rng.choice(people)
    q = Person(fake) if len(people) < 2 or rng.random() < 0.3 else rng.choice(people)
    if q not in people:
        people.append(q)
    return {
        "name": _case(rng, p.name), "first": _case(rng, p.first), "last": _case(rng, p.last),
        "NAME": p.name.upper(), "lname": p.name.lower(),
        "name2": _case(rng, q.name), "last2": _case(rng, q.last),
        "email": fake.email(), "phone": fake.phone_number(),
        "street": fake.street_address().replace("\n", ", "), "city": fake.city(),
        "iban": fake.iban(), "card": fake.credit_card_number(),
    }


def ordinary(fake: Any, rng: random.Random, people: list[Person]) -> str:
    """A user text from a template, with values of the conversation's locale."""
    return rng.choice(TEMPLATES).format(**_values(fake, rng, people))


_SHAPES = ("<{label}_{n}>", "[PII_{label}_{hex}]", "< {label} {n} >", "<{llabel}_{n}>",
           "[pii_{llabel}_{hex}]")


def adversarial(rng: random.Random, entries: Sequence[Entry], people: list[Person]) -> str:
    """A user text built from what the session issued: surrogates, their parts and shapes."""
    pieces: list[str] = []
    for _ in range(rng.randint(1, 3)):
        pieces.append(_piece(rng, entries))
    if people and rng.random() < 0.4:  # next to an original it stands for
        pieces.append(_case(rng, rng.choice(people).name))
    joiners = (" and ", ", ", " from accounting; ", "\n", " ", "-sur-", "'s ", " <-> ")
    out = pieces[0]
    for piece in pieces[1:]:
        out += rng.choice(joiners) + piece
    frame = rng.choice(("{}", "Keep the literal {} in the template.", "Is {} near?",
                        "`{}`", "{}!", "re: {}", "Tell {} hello"))
    return frame.format(out)


def _piece(rng: random.Random, entries: Sequence[Entry]) -> str:
    reversible = [e for e in entries if e.surrogate and not e.surrogate.startswith("[REDACTED")]
    roll = rng.random()
    if not reversible or roll < 0.15:
        label = rng.choice(("PERSON", "EMAIL", "PHONE", "IBAN", "LOCATION"))
        return rng.choice(_SHAPES).format(label=label, llabel=label.lower(),
                                          n=rng.randint(1, 12), hex=f"{rng.getrandbits(32):08x}")
    entry = rng.choice(reversible)
    surrogate = entry.surrogate
    if roll < 0.45:
        return _case(rng, surrogate)
    parts = [p for _, p in entry.parts] or surrogate.split()
    part = rng.choice(parts)
    if roll < 0.7:
        return _case(rng, part)
    if roll < 0.8:
        return f"{part}-sur-{rng.choice(parts)}"
    if roll < 0.9:  # a stand-in with another number or another spelling
        m = re.fullmatch(r"<([A-Z]+)_(\d+)>", surrogate)
        if m:
            return rng.choice((f"<{m.group(1)}_{int(m.group(2)) + rng.randint(1, 3)}>",
                               f"<{m.group(1).lower()}_{m.group(2)}>",
                               f"< {m.group(1)} {m.group(2)} >"))
        m = re.fullmatch(r"\[PII_([A-Z]+)_([0-9a-f]{8})\]", surrogate)
        if m:
            return rng.choice((surrogate.upper(), surrogate.lower(),
                               f"[PII_{m.group(1)}_{rng.getrandbits(32):08x}]"))
        return f"{part.lower()}.{part.lower()}@example.com"
    return f"{surrogate}{rng.choice(('.', ',', '?', ':'))}"


def conversation(seed: int, entries: Callable[[], Sequence[Entry]], turns: int,
                 adversarial_every: int = 3) -> Iterator[str]:
    """One conversation's user texts, one per turn. Adversarial texts read the session's
    vault (``entries()``) when they are made, so they see what earlier turns issued."""
    from faker import Faker

    rng = random.Random(seed)
    fake = Faker(LOCALES[seed % len(LOCALES)])
    fake.seed_instance(seed)
    people: list[Person] = []
    for turn in range(turns):
        if turn and turn % adversarial_every == 0:
            yield adversarial(rng, entries(), people)
        else:
            yield ordinary(fake, rng, people)


@dataclass
class Report:
    """What a run checked, and every failure (strategy, seed, turn, text, got)."""

    texts: int = 0
    adversarial: int = 0
    streams: int = 0
    failures: list[tuple[str, int, int, str, str]] = field(default_factory=list)


def run(guard: Guard, strategy: str, seeds: Sequence[int], turns: int, report: Report) -> None:
    """Play conversations through ``guard`` as an adapter does, checking every round trip.

    Every turn sends the whole history (``recognise_later=False``: only the model sees the
    masked texts), checks that each masked text of the history restores to its text, that
    the model's echo of the last one (in a random frame) restores to the same frame around
    the text, and that streaming that echo in random chunks gives the same as restoring it
    whole.
    """
    for seed in seeds:
        sid = f"{strategy}-{seed}"
        rng = random.Random(seed * 7919)
        history: list[str] = []

        def vault(sid: str = sid) -> Sequence[Entry]:
            return guard.vault(sid).entries if guard.has_session(sid) else ()

        for turn, text in enumerate(conversation(seed, vault, turns)):
            history.append(text)
            report.texts += 1
            report.adversarial += bool(turn and turn % 3 == 0)
            masked = guard.pseudonymize_batch(history, sid, recognise_later=False)
            for original, m in zip(history, masked, strict=True):
                back = guard.restore(m, sid)
                if back != original:
                    report.failures.append((strategy, seed, turn, original, back))
            frame = rng.choice(ECHOES)
            answer, expected = frame(masked[-1]), frame(text)
            whole = guard.restore(answer, sid)
            if whole != expected:
                report.failures.append((strategy, seed, turn, expected, whole))
            restorer = guard.stream_restorer(sid)
            streamed = "".join(restorer.feed(c) for c in chunkings(rng, answer))
            streamed += restorer.flush()
            report.streams += 1
            if streamed != whole:
                report.failures.append((strategy, seed, turn, f"stream of {whole!r}", streamed))
        guard.forget(sid)


def chunkings(rng: random.Random, text: str) -> list[str]:
    """``text`` cut at random places (sometimes into single characters)."""
    if rng.random() < 0.2:
        return list(text)
    cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 12))))
    out, prev = [], 0
    for c in [*cuts, len(text)]:
        out.append(text[prev:c])
        prev = c
    return out
