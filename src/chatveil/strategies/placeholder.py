"""The ``placeholder`` strategy: numbered stand-ins such as ``<PERSON_1>``."""

from __future__ import annotations

from chatveil.strategies._base import Candidate, Request, label_for

__all__ = ["PLACEHOLDER_RE", "PlaceholderStrategy", "placeholder_for"]

#: Placeholders as models return them: ``<PERSON_1>``, ``< person 1 >``.
PLACEHOLDER_RE = r"<\s*(?P<pl>[A-Za-z]+)[\s_]*(?P<pn>\d{1,6})\s*>"


def placeholder_for(entity_type: str, number: int) -> str:
    """``<LABEL_number>``."""
    return f"<{label_for(entity_type)}_{number}>"


class PlaceholderStrategy:
    """``<LABEL_n>``, numbered per label and session by the vault store's counters."""

    name = "placeholder"
    reversible = True

    def candidate(self, request: Request) -> Candidate:
        label = label_for(request.entity_type)
        return Candidate(placeholder_for(request.entity_type, request.number(label)))
