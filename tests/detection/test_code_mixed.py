"""Chat that mixes another language into English (Hinglish, Roman Urdu, Taglish, Pidgin,
Swahili, Malay, Spanish): its small words are no names, and the names in it are still found.
Written for these tests; none of these messages is in an evaluation set."""

from __future__ import annotations

import pytest

from chatveil import Guard
from chatveil.detect.recognizers._shape import without_mixed_in
from detected import masked, persons


@pytest.mark.parametrize("text, words", [
    ("bhai kal ki presentation ke liye slides bana do, mujhe time nahi hai",
     ["kal", "ke", "liye", "bana", "mujhe", "nahi", "hai"]),
    ("yaar mera laptop phir se hang ho raha hai, kya karun",
     ["mera", "phir", "raha", "hai", "kya"]),
    ("pakisend naman yung slides bago mag meeting, salamat po",
     ["pakisend", "naman", "yung", "salamat", "po"]),
    ("abeg wetin dey happen for office today, una no dey reply",
     ["abeg", "wetin", "dey"]),
    ("tafadhali nisaidie na hii email, asante sana",
     ["tafadhali", "hii", "asante"]),
    ("boleh tolong check email saya, nak hantar petang ni",
     ["boleh", "tolong", "saya", "nak"]),
])
def test_the_small_words_of_a_mixed_in_language_are_no_names(warm_guard: Guard, text: str,
                                                            words: list[str]) -> None:
    found = " ".join(persons(warm_guard, text))
    for word in words:
        assert word not in found.split(), (word, found)


@pytest.mark.parametrize("text, name", [
    ("kal meeting mein priyanka ne bola ki report late hogi", "priyanka"),
    ("pupunta kami ni marites sa mall mamaya, sama ka?", "marites"),
    ("abeg tell chukwuemeka make him send the invoice", "chukwuemeka"),
    ("makasih ya wulandari, nanti aku transfer", "wulandari"),
    ("oye, did you talk to ximena about the party?", "ximena"),
])
def test_names_in_mixed_in_chat_are_still_found(warm_guard: Guard, text: str,
                                               name: str) -> None:
    assert masked(warm_guard, text, name), persons(warm_guard, text)


@pytest.mark.parametrize("value", [
    "sang hoon park",  # Korean "hoon", not the Hindi "am"
    "nguyen van hai",  # Vietnamese "Hai", not the Hindi "is"
])
def test_a_name_word_that_is_also_a_small_word_elsewhere_stays_in_its_name(value: str) -> None:
    text = f"my landlord is {value} and he wont reply"
    start = text.index(value)
    assert without_mixed_in(text, start, start + len(value)) == [(start, start + len(value))]


def test_a_span_is_cut_at_the_small_words_inside_it() -> None:
    text = "main mumbai ja raha hoon kal"
    pieces = [text[a:b] for a, b in without_mixed_in(text, 0, len(text))]
    assert pieces == ["main mumbai "]


def test_a_capitalised_product_suffix_is_still_an_eponym(warm_guard: Guard) -> None:
    # "SE" names an edition; "se" in lower case is a word of another language
    assert persons(warm_guard, "We moved from Java SE to Jakarta EE last year") == []
    assert masked(warm_guard, "tu primo babatunde se casa en mayo", "babatunde")
