"""Messages written wholly in another language than English: their ordinary words stay, their
names and places go. Written for these tests; none of these messages is in an evaluation set
(``benchmarks/foreign_*.txt`` measures the same on text no rule was written from)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from chatveil import Guard
from chatveil.detect.recognizers._languages import foreign_words, line_languages
from detected import found, masked


@pytest.mark.parametrize("text", [
    "Kannst du mir ein gutes Rezept für eine Suppe geben? Ich habe nur Zwiebeln im Haus.",
    "Necesito cambiar la fecha de mi vuelo porque tengo una reunión importante el viernes.",
    "Est-ce que tu peux m'aider à écrire une lettre de réclamation pour ma machine à laver ?",
    "Preciso de ajuda para organizar o orçamento da casa, as contas estão muito altas.",
    "Puoi spiegarmi la differenza tra il passato e il presente con qualche esempio?",
    "Kun je een korte samenvatting maken van dit artikel over de energietransitie?",
])
def test_an_ordinary_message_in_another_language_keeps_its_words(warm_guard: Guard,
                                                                 text: str) -> None:
    # before lines in other languages were recognised, most of these words became fake names
    assert found(warm_guard, text, ("PERSON", "LOCATION")) == [], text


@pytest.mark.parametrize("text, name, entity", [
    ("Hola Priyanka, te escribo porque el informe de ventas todavía no está listo.",
     "Priyanka", "PERSON"),
    ("Sehr geehrter Herr Nguyen, vielen Dank für Ihre Nachricht von gestern.", "Nguyen",
     "PERSON"),
    ("Mi colega Oluwaseun Adeyemi llega el lunes para la reunión del equipo.",
     "Oluwaseun Adeyemi", "PERSON"),
    ("Frau Okafor wird Sie morgen wegen der Rechnung anrufen.", "Okafor", "PERSON"),
    # a word of the language capitalised inside a sentence is taken for the name it is here
    ("Hi Min-jun Han, gracias por la ayuda con el informe de ayer.", "Han", "PERSON"),
    ("Nous partons à Marseille la semaine prochaine avec les enfants.", "Marseille",
     "LOCATION"),
])
def test_names_and_places_in_another_language_are_found(warm_guard: Guard, text: str,
                                                        name: str, entity: str) -> None:
    assert masked(warm_guard, text, name, entity), text


@pytest.mark.parametrize("text", [
    "Can you make a weekly schedule from this?\nTue 5pm - Ha Eun and her brother (chemistry)",
    "3e9f1d4 gus: refactor csv export\na1f3c2e fix login redirect loop",
    "my ex keeps texting me\njoko ilaria told me\nme please stop",
    "Please summarise the meeting notes and send them to the team by Friday.",
])
def test_english_text_has_no_words_of_another_language(text: str) -> None:
    assert foreign_words(text) == frozenset()


def test_a_word_of_the_language_is_ordinary_only_where_it_is_one() -> None:
    text = "Hola Min-jun Han, ellos han llegado hoy a la oficina con los documentos."
    words = foreign_words(text)
    assert "han" in words and "Han" not in words
    assert {"llegado", "oficina", "documentos"} <= words
    # a capitalised word of the language before a name is left to the name rules
    assert "Hola" not in words


def test_german_nouns_are_ordinary_words_in_capitals_too() -> None:
    text = "Gibt es ein gutes Rezept für Kartoffelsalat ohne Mayonnaise? Wir grillen am Samstag."
    assert {"Rezept", "Samstag", "Gibt", "ein"} <= foreign_words(text)


def test_elided_and_hyphenated_words_are_judged_by_their_parts() -> None:
    text = "Est-ce que tu peux m'aider à écrire une lettre de réclamation pour ma machine ?"
    assert {"Est-ce", "m'aider", "réclamation"} <= foreign_words(text)


def test_a_line_with_few_function_words_is_told_by_its_letters() -> None:
    # Turkish joins most function words to the word: its letters tell the line, and a word
    # that begins with a common word is one too ("gecikti", "boğazım")
    text = "İki gündür boğazım ağrıyor ve yutkunurken zorlanıyorum. Doktora gitmem gerekir mi?"
    assert {"boğazım", "ağrıyor", "gerekir"} <= foreign_words(text)
    # a few letters of another language in English text are no such line
    assert foreign_words("Özil and Łukasz met Ødegaard in Kraków for the match") == frozenset()


def test_importing_chatveil_loads_no_word_frequencies() -> None:
    code = ("import sys, chatveil\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'wordfreq'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("text, language, words", [
    # Croatian: spaCy's list under "hr", wordfreq's under "sh" (Serbo-Croatian)
    ("Trebam pomoć oko pisanja molbe za posao, možeš li mi dati nekoliko savjeta?", "hr",
     {"pomoć", "pisanja", "posao", "savjeta"}),
    # Czech typed without its accents ("prosím", "žádost", "příští")
    ("muzes mi prosim poradit jak napsat zadost o dovolenou na pristi tyden", "cs",
     {"prosim", "napsat", "zadost", "pristi"}),
    # too few function words to tell: told by the language's common words
    ("Kaip parašyti gerą motyvacinį laišką darbdaviui?", "lt", {"parašyti", "laišką"}),
    # Swahili: no spaCy or wordfreq list; chatveil's own function words
    ("Naomba msaada wa kuandika barua ya kuomba kazi, sijui nianzie wapi.", "sw",
     {"wa", "ya", "sijui", "wapi"}),
    # case endings on common words: "hakemus" + "-en", "kirjoittaa" + "-maan"
    ("Voisitko auttaa minua kirjoittamaan hakemuksen kesätyöpaikkaan?", "fi",
     {"hakemuksen", "kirjoittamaan"}),
])
def test_languages_with_few_function_words_or_no_accents_are_told(text: str, language: str,
                                                                  words: set[str]) -> None:
    assert {code for _s, _e, code in line_languages(text)} == {language}
    assert words <= foreign_words(text)


@pytest.mark.parametrize("text", [
    "Trebam pomoć oko pisanja molbe za posao, možeš li mi dati nekoliko savjeta?",
    "Voisitko auttaa minua kirjoittamaan hakemuksen kesätyöpaikkaan?",
])
def test_messages_of_those_languages_keep_their_words(warm_guard: Guard, text: str) -> None:
    assert found(warm_guard, text, ("PERSON", "LOCATION")) == [], text


def test_a_name_with_a_case_ending_is_no_common_word() -> None:
    # "mustafa" begins with Finnish "musta" (black) but is a name of the world lists (case
    # endings are read on lines with capitals only, so this line has some)
    text = "Kysyin eilen mustafa kanssa siitä uudesta työpaikasta ja palkasta."
    assert "mustafa" not in foreign_words(text)
