"""Names in the names of attached files (detect.recognizers.filenames), names in slash lists,
and names beside a comma that is no list of tools. The names are made up for these tests."""

from __future__ import annotations

import re

import pytest

from chatveil import Guard
from chatveil.detect.recognizers import FileNameRecognizer


def names(text: str) -> list[str]:
    found = FileNameRecognizer().analyze(text, ["PERSON"])
    return [text[r.start:r.end] for r in sorted(found, key=lambda r: r.start)]


@pytest.mark.parametrize("text, expected", [
    ("I've attached Okonjo_CV_final_v3.pdf for you", ["Okonjo"]),
    ("send legal contract_Varga_signed.pdf and NDA-Tomasz-Wrona.pdf", ["Varga", "Tomasz", "Wrona"]),
    ("DOCUMENTS IN FILE ZAKI_MOSTAFA_DOCUMENTS.ZIP", ["ZAKI", "MOSTAFA"]),
    ("see ibekwe_cv_final.pdf", ["ibekwe"]),          # no list holds it: a personal document
    ("attached el-Sayed_CV.docx", ["el-Sayed"]),       # the particle goes with the name
    ("scan passport_van_der_Meulen.jpg", ["van_der_Meulen"]),
])
def test_names_in_the_names_of_files(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "see report_Q3_final.xlsx and IMG_2041.jpg",
    "fix main.py and utils_helpers.py",              # source files are code
    "invoice_ACME_2024.pdf, setup-guide-v2.pdf, data_export.csv",
    "the doc is at https://example.org/files/Maria_Lopez.pdf",  # part of a URL
    "Kubernetes_Cheatsheet.pdf and Screenshot_2024-05-01.png",
    "Okonjo_notes.txt",                              # unknown word, no personal-document word
])
def test_files_that_name_nobody(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize("text, expected", [
    # short family names of the name lists' blind spot, in personal documents
    ("see Ng_CV.pdf", ["Ng"]),
    ("attached resume-Do-Minh.pdf", ["Do", "Minh"]),   # "do" is a word: beside a name only
    ("Oh_passport_scan.jpg is the scan", ["Oh"]),
    ("NG_WEI_CV.PDF", ["NG", "WEI"]),                   # the case of the whole stem
    ("resume_Ko_Minji.pdf", ["Ko", "Minji"]),           # a language code beside a name
    # and nothing else of two letters
    ("CV_en_final.pdf and CV_KO.pdf", []),              # language codes
    ("report_v2.pdf", []),
    ("Letter_To_Bank.pdf", []),                         # an English word
    ("MA_transcript.pdf", []),                          # an acronym in a mixed-case stem
    ("Ko_CV.pdf", []),                                  # a language code alone
    ("Ng_notes.txt", []),                               # no personal-document word
])
def test_short_family_names_in_the_names_of_files(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize("text", ["CV_en_final.pdf", "report_v2.pdf"])
def test_the_guard_leaves_file_names_without_names_unchanged(warm_guard: Guard,
                                                             text: str) -> None:
    message = f"Please review {text} before Friday"
    assert warm_guard.pseudonymize(message, session_id="no-names-in-files") == message


def test_the_guard_replaces_a_short_family_name_in_a_file_name(presidio_guard: Guard) -> None:
    text = "My files: Ng_CV.pdf and Oh_passport_scan.jpg"
    masked = presidio_guard.pseudonymize(text, session_id="short")
    assert not {"Ng", "Oh"} & set(re.split(r"[\W_]+", masked))
    assert presidio_guard.restore(masked, session_id="short") == text


def test_the_guard_masks_and_restores_a_file_name(warm_guard: Guard) -> None:
    text = "Please review NDA-Tomasz-Wrona.pdf and Okonjo_CV_final_v3.pdf before Friday"
    out = warm_guard.pseudonymize(text, session_id="file-names")
    assert "Tomasz" not in out and "Wrona" not in out and "Okonjo" not in out
    assert warm_guard.restore(out, session_id="file-names") == text


@pytest.mark.parametrize("text, people", [
    ("Who should I invite — Matthias/Arnel/Bezawit? Two spots left.",
     ["Matthias", "Arnel", "Bezawit"]),
    ("My father-in-law, Alistair Pemberton, uses a wheelchair.", ["Alistair Pemberton"]),
    ("Your technician (Priyanka badge 4471) left early", ["Priyanka"]),  # a badge number
    ("Welcome Oisin Ashworth (design), Eleanor Hughes (backend), and Charlotte Hughes (legal).",
     ["Oisin Ashworth", "Eleanor Hughes", "Charlotte Hughes"]),
])
def test_names_beside_slashes_and_commas(warm_guard: Guard, text: str, people: list[str]) -> None:
    found = [text[s.start:s.end] for s in warm_guard.detect(text)
             if s.entity_type in ("PERSON", "LOCATION")]
    assert found == people


@pytest.mark.parametrize("text", [
    "Routes: AMS/BCN and DXB/SIN are sold out",
    "We use Python/Django and React/Redux, and Maya or Blender for 3D",
    "compare ErrImagePull and Terminating pod states",
    "upgrading from javax to Jakarta EE 10, what breaks?",
])
def test_codes_and_tools_beside_slashes_and_commas(warm_guard: Guard, text: str) -> None:
    assert [s for s in warm_guard.detect(text) if s.entity_type in ("PERSON", "LOCATION")] == []


def test_a_file_name_that_ends_a_sentence() -> None:
    assert names("I have attached documents in file Varga_Ilona_documents.zip. Thanks") == [
        "Varga", "Ilona"]
    assert names("see archive.tar.gz") == []


def test_no_word_of_a_file_name_joined_by_underscores_reaches_the_model(
        presidio_guard: Guard) -> None:
    # restore matches whole words and `_` is a word character, so a name inside such a file
    # name is protected with its whole file name: the other words of it, a name no rule found
    # among them, never reach the model either
    text = "please check Wojcik_Agata_notes.pdf and scan_Thandiwe_Mokoena_2024.jpg, thanks"
    masked = presidio_guard.pseudonymize(text, session_id="joined")
    assert not {"Wojcik", "Agata", "Thandiwe", "Mokoena"} & set(re.split(r"[\W_]+", masked))
    assert presidio_guard.restore(masked, session_id="joined") == text
