"""Postal addresses with their postcodes, in any casing (issue 9)."""

from __future__ import annotations

import pytest

from chatveil.detect.recognizers import StreetAddressRecognizer

ADDR = StreetAddressRecognizer()


def found(text: str, threshold: float = 0.5) -> list[str]:
    results = ADDR.analyze(text, ["STREET_ADDRESS"], None)
    return sorted({text[r.start : r.end] for r in results if r.score >= threshold})


def covered(text: str, value: str) -> bool:
    i = text.index(value)
    return any(s <= i and i + len(value) <= e
               for s, e in {(r.start, r.end) for r in ADDR.analyze(text, ["STREET_ADDRESS"])
                            if r.score >= 0.5})


@pytest.mark.parametrize("text, street, postcode", [
    ("Ship to Musterstr. 12a, 10115 Berlin please", "Musterstr. 12a", "10115"),
    ("12 rue de la Paix, 75002 Paris", "12 rue de la Paix", "75002"),
    ("4331 s lakeview st, omaha, ne 68118", "4331 s lakeview st", "68118"),
    ("Keizersgracht 123, 1015 CJ Amsterdam", "Keizersgracht 123", "1015 CJ"),
    ("Calle Mayor 5, 28013 Madrid", "Calle Mayor 5", "28013"),
    ("Via Roma 10, 00184 Roma", "Via Roma 10", "00184"),
    ("Flat 2, 14 High St, Leeds LS1 4AB", "14 High St", "LS1 4AB"),
    ("12, MG Road, Bengaluru 560001", "MG Road", "560001"),
    ("musterstr. 12a\n10115 berlin", "musterstr. 12a", "10115"),
    ("hauptstraße 5, 80331 münchen", "hauptstraße 5", "80331"),
    ("keizersgracht 123, 1015 cj amsterdam", "keizersgracht 123", "1015 cj"),
    ("10 Downing Street, London SW1A 2AA.", "10 Downing Street", "SW1A 2AA"),
])
def test_street_and_postcode_in_one_span(text: str, street: str, postcode: str) -> None:
    assert covered(text, street)
    assert covered(text, postcode)
    assert covered(text, text[text.index(street) : text.index(postcode) + len(postcode)])


@pytest.mark.parametrize("text, value", [
    ("I love the avenue des Champs-Élysées", "avenue des Champs-Élysées"),
    ("meet me on Via del Corso", "Via del Corso"),
    ("my zip code is 94105", "94105"),
    ("PLZ: 10115", "10115"),
])
def test_other_forms(text: str, value: str) -> None:
    assert value in found(text)


@pytest.mark.parametrize("text", [
    "we walked 5 miles down the road",
    "we have 3 Street Fighter games",
    "sent via email to the team",
    "I live at 221B Baker Street, London",  # no postcode: the city is not taken along
    "the cap is 10",
    "there were 2024 items",
])
def test_no_postcode_or_address(text: str) -> None:
    if "Baker" in text:
        assert found(text) == ["221B Baker Street"]
    else:
        assert found(text) == []
