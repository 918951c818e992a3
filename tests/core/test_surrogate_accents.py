"""A surrogate never gives its original away by differing from it only in accents."""

from __future__ import annotations

from chatveil.pseudonymize import _Context


def test_a_surrogate_equal_to_a_word_of_the_text_without_accents_clashes() -> None:
    words = _Context("Mon 10:00 Jéssica, Tue 09:00 Olena", ["Jéssica", "Olena"])
    assert words.clash("Jéssica", "Jessica", (), 0)
    assert words.clash("Jéssica", "Jessica Brown", (("Jéssica", "Jessica"),), 0)
    assert not words.clash("Jéssica", "Amanda", (), 0)


def test_the_accent_free_text_still_clashes_with_its_own_words() -> None:
    words = _Context("ask Renée and Zoë", ["Renée", "Zoë"])
    assert words.clash("Zoë", "Renee", (), 0)
    assert words.clash("Zoë", "Zoe", (), 0)
