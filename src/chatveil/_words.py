"""Common English words: names that are also ordinary words need care ("Will", "May")."""

from __future__ import annotations

import functools
import importlib
import unicodedata

__all__ = ["common_words", "unaccented"]


def unaccented(word: str) -> str:
    """``word`` without combining marks ("jéssica" -> "jessica", "tuấn" -> "tuan")."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """spaCy's English stop words and Faker's English word list, casefolded (loaded once)."""
    words: set[str] = set()
    try:
        from spacy.lang.en.stop_words import STOP_WORDS

        words.update(STOP_WORDS)
    except ImportError:  # pragma: no cover - spaCy is a dependency
        pass
    try:
        provider = importlib.import_module("faker.providers.lorem.en_US").Provider
        words.update(w.casefold() for w in provider.word_list)
    except (ImportError, AttributeError):  # pragma: no cover - older Faker
        pass
    return frozenset(words)
