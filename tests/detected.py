"""What a guard detects in a text, as the detection tests ask it."""

from __future__ import annotations

from chatveil import Guard


def found(guard: Guard, text: str, types: tuple[str, ...] | None = None) -> list[str]:
    """The detected values of ``types`` (any type without it); no span crosses a line break."""
    spans = guard.detect(text)
    for s in spans:
        assert "\n" not in text[s.start:s.end], f"span crosses a line break: {text!r}"
    return [text[s.start:s.end] for s in spans if types is None or s.entity_type in types]


def persons(guard: Guard, text: str) -> list[str]:
    return found(guard, text, ("PERSON",))


def places(guard: Guard, text: str) -> list[str]:
    return found(guard, text, ("LOCATION",))


def masked(guard: Guard, text: str, name: str, entity: str = "PERSON") -> bool:
    """``name`` (its first occurrence) lies inside a detected span of ``entity``."""
    start = text.index(name)
    return any(s.start <= start and start + len(name) <= s.end
               for s in guard.detect(text) if s.entity_type == entity)
