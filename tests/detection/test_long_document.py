"""A pasted document of half a megabyte: default strategies, exact round trip."""

from __future__ import annotations

import random

import pytest
from faker import Faker

from chatveil import Guard

_FILL = ("The delivery window was moved twice without notice.",
         "Support said the parcel is in transit and should arrive soon.",
         "I have attached the receipt and the tracking number below.",
         "Please let me know if anything else is needed from my side.")


def _document(paragraphs: int, seed: int) -> str:
    """Distinct paragraphs, each with a person, a street, a city, an email, a phone and a
    colleague."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        street = f"{fake.building_number()} {fake.street_name()}"
        out.append(
            f"Hello, my name is {fake.name()}. My order was supposed to arrive at {street}, "
            f"{fake.city()}, but no. Write to {fake.email()} or call {fake.phone_number()}. "
            f"My colleague {fake.name()} had the same problem. "
            + " ".join(rng.choice(_FILL) for _ in range(6))
        )
    return "\n\n".join(out)


@pytest.mark.slow
def test_half_a_megabyte_round_trips_with_the_default_strategies(presidio_guard: Guard) -> None:
    text = _document(1300, seed=21)
    assert len(text) > 450_000
    masked = presidio_guard.pseudonymize(text, session_id="long-doc")
    assert presidio_guard.restore(masked, session_id="long-doc") == text
    entries = presidio_guard.vault("long-doc").entries
    street_entries = [e for e in entries if e.entity_type == "STREET_ADDRESS"]
    assert len(street_entries) > 100
    # so many names that every word of the usual fake streets is taken: later streets get
    # widened surrogates (this used to raise SurrogateCollisionError after about 400 kB)
    assert any("-" in e.surrogate or e.surrogate.startswith("<") for e in street_entries)
    for entry in street_entries:
        assert entry.surrogate in masked
        assert f" {entry.original}," not in masked
