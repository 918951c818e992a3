"""Phones in national layouts, checked with ``phonenumbers`` (issue 9)."""

from __future__ import annotations

import pytest

from chatveil.detect.recognizers import InternationalPhoneRecognizer
from chatveil.detect.recognizers.phones import PHONE_REGIONS, valid_phone

PHONES = InternationalPhoneRecognizer()


def found(text: str, threshold: float = 0.4) -> list[str]:
    results = PHONES.analyze(text, ["PHONE_NUMBER"], None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)
            if r.score >= threshold]


@pytest.mark.parametrize("text, value", [
    ("Ring me on (0191) 4960584 tomorrow", "(0191) 4960584"),
    ("my mobile is (07700) 154728", "(07700) 154728"),
    ("098765 43210", "098765 43210"),
    ("Meu celular: 11 95602 7562", "11 95602 7562"),
    ("wechat or phone +86-13876839100", "+86-13876839100"),
    ("Regards,\nPriya\nM: 7360749330", "7360749330"),
    ("the number I registered with is 4960584", "4960584"),
    ("whatsapp 0612345678", "0612345678"),
    ("Tel.: 030 12345678", "030 12345678"),
    ("Handy 0151 23456789", "0151 23456789"),
    ("appelez-moi au 06 12 34 56 78", "06 12 34 56 78"),
    ("chiamami al 347 123 4567", "347 123 4567"),
    ("+61 4 1234 5678 is my aussie number", "+61 4 1234 5678"),
    ("0041 44 668 18 00", "0041 44 668 18 00"),
])
def test_national_layouts(text: str, value: str) -> None:
    assert value in found(text)


@pytest.mark.parametrize("text", [
    "order 12345678 shipped",
    "order number 0612345678",
    "Total: 1 234 567 EUR",
    "upgrade to v10.15.7",
    "on 2023-04-05 at 10:30",
    "price 12.345.678",
    "my number is 5551234",  # a short run needs a strong phone word
    "invoice 4960584",
    "2019-2023",
])
def test_near_misses_stay(text: str) -> None:
    assert found(text) == []


def test_bare_digit_runs_need_a_cue() -> None:
    assert found("7360749330 was the total") == []
    assert found("call me on 7360749330") == ["7360749330"]


def test_regions_and_validity() -> None:
    assert len(PHONE_REGIONS) >= 25
    assert valid_phone("+44 20 7946 0958")
    assert valid_phone("11 95602 7562")
    assert not valid_phone("123")


@pytest.mark.parametrize("text", [
    "When: 1993-01-04 14:56:41",
    "at 09:42:02.142336 the job ended",
    "ref 4438 8032 6676 4971",
    "order 1993-05-12T04:19:37.004064",
])
def test_dates_times_and_longer_runs_are_not_phones(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text, value", [
    ("Jessica Davis, 3302596453", "3302596453"),  # a contact line: name, separator, number
    ("Lisa Davis | 0612345678 | sales", "0612345678"),
    ("whatsapp 8 742 105 94 47", "8 742 105 94 47"),  # one-digit trunk prefix
    ("0664117421", "0664117421"),  # a trunk-prefixed national number in one run
    ("T: 01 234521520", "01 234521520"),
])
def test_contact_lines_and_trunk_forms(text: str, value: str) -> None:
    assert value in found(text)


@pytest.mark.parametrize("text, value", [
    ("text me at (351) 936863569 pls", "(351) 936863569"),  # country code in brackets
    ("(351) 924154091", "(351) 924154091"),
    ("mobile: (+358) 017065537", "(+358) 017065537"),  # "+" code, trunk 0 kept
    ("Best,\nNancy Silva\nM: (+358) 420766709", "(+358) 420766709"),
    ("Christina Myers, 09/ 424 32 61", "09/ 424 32 61"),  # area code, slash
    ("text me at 0662/78853070 pls", "0662/78853070"),
    ("Victor Anderson, 1 (957) 561-4786", "1 (957) 561-4786"),
    ("Tel. (02).0946.0507", "(02).0946.0507"),
    ("pls call 974 1 449 asap", "974 1 449"),  # a one-digit middle group after a cue
    ("5062329041", "5062329041"),  # the whole message is a valid number
    ("  18179843072.", "18179843072"),
])
def test_bracketed_codes_slashes_and_lone_numbers(text: str, value: str) -> None:
    assert found(text) == [value]


@pytest.mark.parametrize("text", [
    "(12) 345678 items",  # not a country code that makes a valid number
    "Total (1) 2345678",
    "see 03/2021",
    "on 01/15/2020 we",
    "path /api/0662/78853070/x",
    "7360749330 was the total",  # a lone number only when it is the whole message
    "1234",
    "12 3 45 items",
])
def test_new_layouts_keep_their_near_misses(text: str) -> None:
    assert found(text) == []
