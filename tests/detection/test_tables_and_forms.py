"""Person columns of pasted tables (detect.recognizers.tables), form labels in other
languages, and two given names joined by "&". The names are made up for these tests."""

from __future__ import annotations

import pytest

from chatveil import Guard
from chatveil.detect.recognizers import TableColumnRecognizer


def cells(text: str) -> list[str]:
    found = TableColumnRecognizer().analyze(text, ["PERSON"])
    return [text[r.start:r.end] for r in sorted(found, key=lambda r: r.start)]


def test_the_person_column_of_a_csv_export() -> None:
    text = ("DATE,SHIFT,STAFF,ROLE\n2026-12-08,EARLY,DANUTA KRÓL,SUPERVISOR\n"
            '2026-12-09,NIGHT,"WRONA, TOMASZ",SECURITY\nwho works twice?')
    assert cells(text) == ["DANUTA KRÓL", "WRONA, TOMASZ"]


def test_the_person_columns_of_a_markdown_table() -> None:
    text = ("| Candidate | Role | Owner |\n|---|---|---|\n| Efua Mensah | Analyst | Gui |\n"
            "| Lau Chak Lam | Analyst | TBD |\nWho is furthest along?")
    assert cells(text) == ["Efua Mensah", "Gui", "Lau Chak Lam"]


@pytest.mark.parametrize("text", [
    "id,status,total\n12,open,3\n14,closed,5",          # no person column
    "name,email\nkwame.o@example.org,x@example.org",  # emails are read elsewhere
    "a, b, c\nsome text, with commas, here",            # prose with commas
])
def test_tables_that_name_no_one(text: str) -> None:
    assert cells(text) == []


@pytest.mark.parametrize("text, expected", [
    # "<label> name", and a header written without its accents (_lexicon.PERSON_LABELS)
    ("Doctor name\tWard\nEfua Mensah\tB", ["Efua Mensah"]),
    ("Prenom,Nom\nTomasz,Wrona", ["Tomasz", "Wrona"]),
    # a form's "Spouse:" heads no column: "wife" in a cell does not start another table
    ("Name,Relation\nIlona Varga,wife\nTomasz Wrona,son", ["Ilona Varga", "Tomasz Wrona"]),
])
def test_person_columns_named_like_form_fields(text: str, expected: list[str]) -> None:
    assert cells(text) == expected


@pytest.mark.parametrize("text", [
    "From,To,Fare\nAMS,BCN,EUR 80\nDXB,SIN,EUR 420",   # a form's "From:" is no column of people
    "host,port\nlocalhost,8080\ndb-primary,5432",
    "Team,Lead time\nops,three days",
])
def test_field_labels_that_head_no_column_of_people(text: str) -> None:
    assert cells(text) == []


def test_a_new_header_ends_the_table() -> None:
    text = "name,team\nyaw,ops\nid,name\n12,Ilona Varga"
    assert cells(text) == ["yaw", "Ilona Varga"]


@pytest.mark.parametrize("text, people", [
    ("Peux-tu m'aider ?\nNom : ASANTE\nPrénom : Yaw", ["ASANTE", "Yaw"]),
    ("Traduce esto:\nNombre: Megan\nApellidos: Bishop", ["Megan", "Bishop"]),
    ("Welcome team: Thiago & Vinicius", ["Thiago", "Vinicius"]),
    ("Twins Wenjing & Shuang (8) are coming", ["Wenjing", "Shuang"]),
])
def test_forms_in_other_languages_and_given_names_joined_by_and(
        warm_guard: Guard, text: str, people: list[str]) -> None:
    found = [text[s.start:s.end] for s in warm_guard.detect(text) if s.entity_type == "PERSON"]
    assert all(p in found for p in people), found


def test_firms_joined_by_and_stay(warm_guard: Guard) -> None:
    text = ("Compare Marks & Spencer, Johnson & Johnson, Procter & Gamble, Ernst & Young "
            "and Simon & Schuster")
    assert [s for s in warm_guard.detect(text) if s.entity_type == "PERSON"] == []
