"""Forms of address of other languages: the word after "Señora", "Herrn", "pak", "chị" (or
before "Bey", "úr") is a name even when it is a word too; a title that is a word elsewhere
("pan", "don", "bu", "em") counts only on a line in its language. Written for these tests; none
of these messages is in an evaluation set."""

from __future__ import annotations

import pytest

from chatveil import Guard
from chatveil.detect.recognizers._titles import AFTER, BEFORE, counts_on
from detected import masked, persons


@pytest.mark.parametrize("text, name", [
    ("Bitte schicken Sie die Unterlagen an Herrn Baker in der Buchhaltung.", "Baker"),
    ("Estimada Sra. Bishop, le confirmamos la cita para el martes por la mañana.", "Bishop"),
    ("Estimado Sr. Porter, le escribo para confirmar la reserva del salón.", "Porter"),
    ("tolong kabari pak hartono kalau rapatnya jadi diundur ke minggu depan", "hartono"),
    ("Gentile Sig.ra Marsh, la ringrazio per la sua disponibilità di ieri.", "Marsh"),
    ("Beste mevrouw Bloem, hierbij stuur ik u de offerte voor de verbouwing.", "Bloem"),
    ("Mehmet Bey yarınki toplantıya katılamayacak, sizi sonra arayacak.", "Mehmet"),
    ("Tisztelt Szabó úr, köszönöm a gyors választ a tegnapi levelemre.", "Szabó"),
])
def test_the_word_a_title_of_another_language_names_is_masked(warm_guard: Guard, text: str,
                                                             name: str) -> None:
    assert masked(warm_guard, text, name), text


@pytest.mark.parametrize("text", [
    "Put the pan on the stove and add the onions when the oil is hot.",
    "haan ji main kal aaunga, kya bhai sab theek hai?",
    "Thank you sir, the deploy went fine and the logs are clean.",
    "I'll fly to San Francisco and then on to San Jose next week.",
    "yes madam the report is ready and uploaded to the drive",
])
def test_a_title_word_in_english_text_names_no_one(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == [], text


def test_a_title_that_is_a_word_elsewhere_counts_only_in_its_language() -> None:
    assert counts_on("Pan", BEFORE, "pl")
    assert not counts_on("Pan", BEFORE, None)  # "Pan the camera", "a frying pan"
    assert not counts_on("bu", BEFORE, "tr")  # "this" in Turkish
    assert counts_on("Señora", BEFORE, None)
    assert counts_on("Bey", AFTER, None)
    assert not counts_on("Mr", BEFORE, None)  # the English titles stay with the English rule


@pytest.mark.parametrize("text, name", [
    # a closing of another language: the line after it signs, though the name be a common
    # word of the language's frequency list ("Wojtek", "Rizky" are)
    ("Dziękuję za pomoc z raportem, wszystko już działa.\nPozdrawiam\nWojtek", "Wojtek"),
    ("Terima kasih atas bantuannya kemarin, semuanya sudah beres.\nSalam,\nRizky", "Rizky"),
    ("Moram otkazati sastanak u petak, možeš li javiti ostalima?\nLijep pozdrav,\nDragana",
     "Dragana"),
    # an introduction of another language: the first word even when a word of the language
    ("bonjour, je m'appelle sherif soliman et ma commande n'est jamais arrivée", "sherif"),
    ("Hola, me llamo Rosa Delgado y quiero cambiar la fecha de mi reserva.", "Rosa Delgado"),
    # a title after a name in capitals: the next word in capitals is no "San Diego"
    ("YARDIM EDER MISIN AMANUEL ABI TAŞINIYOR VEDA ETMEK ISTIYORUM", "AMANUEL"),
    # "Dkt." is an abbreviation: the word after it opens no sentence, so it is no function
    # word of the line ("au" is Swahili "or")
    ("Dkt. Au alisema kwamba mtoto wangu anahitaji kupumzika kwa siku tatu.", "Au"),
])
def test_closings_introductions_and_abbreviated_titles_of_other_languages(
        warm_guard: Guard, text: str, name: str) -> None:
    assert masked(warm_guard, text, name), text
