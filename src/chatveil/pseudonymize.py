"""Pseudonymize: spans + a session's vault -> masked text and new entries."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chatveil.index import LiteralIndex
from chatveil.spans import Span
from chatveil.state.entries import Entry, Vault
from chatveil.strategies import SHAPE_RE

__all__ = [
    "MAX_ATTEMPTS",
    "SHAPED",
    "inside",
    "mentions_new",
    "name_words",
    "recall_spans",
    "surrogate_regions",
]

SHAPED = re.compile(f"{SHAPE_RE.pattern}|\\[REDACTED [A-Z]+\\]", re.IGNORECASE)
#: Candidates tried per original before giving up (SurrogateCollisionError).
MAX_ATTEMPTS = 64


def name_words(value: str) -> set[str]:
    """A value and its words, casefolded (what a surrogate must not coincide with)."""
    folded = value.casefold()
    return {folded, *folded.split()}



def surrogate_regions(text: str, vaults: Sequence[Vault]) -> list[tuple[int, int]]:
    """Where ``text`` holds tokens, placeholders, redactions or the vaults' surrogates."""
    regions = [m.span() for m in SHAPED.finditer(text)] if ("[" in text or "<" in text) else []
    for vault in vaults:
        regions += [(s, e) for s, e, _ in vault.restore_index.finditer(text)]
    return regions


def inside(span: Span, regions: list[tuple[int, int]]) -> bool:
    """True if ``span`` lies within one region (a surrogate is never masked again)."""
    return any(a <= span.start and span.end <= b for a, b in regions)


def recall_spans(text: str, vault: Vault, parts: bool = True) -> list[Span]:
    """Every occurrence of an original this session already knows (session recall).

    Names that are also ordinary words count only capitalised, so "will" never recalls "Will".
    """
    return recall_in(text, vault.recall_index, parts)


def recall_in(text: str, index: LiteralIndex[tuple[Entry, bool]], parts: bool) -> list[Span]:
    spans = []
    for start, end, (entry, capital_only) in index.finditer(text):
        if capital_only and not text[start].isupper():
            continue
        is_part = text[start:end].casefold() != entry.original.casefold()
        if is_part and not parts:
            continue
        spans.append(Span(start, end, "PERSON" if is_part else entry.entity_type, 1.0))
    return spans


def mentions_new(text: str, words: frozenset[str], vault: Vault, since: int) -> bool:
    """True if an original added to the vault after ``since`` occurs in ``text``."""
    if since >= vault.version:
        return False
    index, anchors = vault.recall_index_since(since)
    if anchors.isdisjoint(words):
        return False
    return bool(recall_in(text, index, parts=True))
