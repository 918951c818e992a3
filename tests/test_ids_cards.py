"""Cards of 12-19 digits, any separator, Luhn-checked (issue 9)."""

from __future__ import annotations

import pytest

from chatveil.detect.recognizers import CardNumberRecognizer

CARDS = CardNumberRecognizer()


def found(text: str, threshold: float = 0.4) -> list[str]:
    results = CARDS.analyze(text, ["CREDIT_CARD"], None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)
            if r.score >= threshold]


@pytest.mark.parametrize("text, value", [
    ("card 4111.1111.1111.1111 thanks", "4111.1111.1111.1111"),
    ("4111.1111.1111.1111.", "4111.1111.1111.1111"),
    ("maestro 6759 6498 2648", "6759 6498 2648"),
    ("my maestro card is 675964982648", "675964982648"),
    ("debit: 6759-6498-2648", "6759-6498-2648"),
    ("pay with 5555 5555 5555 4444 please", "5555 5555 5555 4444"),
    ("diners 3056 930902 5904", "3056 930902 5904"),
    ("19 digits 6011 0009 9013 9424 345? no: 4000 0000 0000 0000 006", "4000 0000 0000 0000 006"),
])
def test_cards_any_separator(text: str, value: str) -> None:
    assert value in found(text)


@pytest.mark.parametrize("text", [
    "order 675964982648",  # 12 digits, Luhn-valid, but no card word
    "ref 123456789012",  # not a Maestro range
    "card 6759 6498 2649",  # Luhn-invalid
    "version 4111.1111.1111.1112",
    "10.0.0.1 and 192.168.1.100",
    "tracking 1Z999AA10123456784",
])
def test_not_cards(text: str) -> None:
    assert found(text) == []
