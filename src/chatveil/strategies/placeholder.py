"""The ``placeholder`` strategy: numbered stand-ins such as ``<PERSON_1>``."""

from __future__ import annotations

__all__ = ["PLACEHOLDER_RE"]

#: Placeholders as models return them: ``<PERSON_1>``, ``< person 1 >``.
PLACEHOLDER_RE = r"<\s*(?P<pl>[A-Za-z]+)[\s_]*(?P<pn>\d{1,6})\s*>"
