"""IP addresses: Presidio's recognizer, without Python/NumPy slices read as IPv6."""

from __future__ import annotations

import pytest

from chatveil.detect.recognizers import IpAddressRecognizer

IPS = IpAddressRecognizer()


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in IPS.analyze(text, ["IP_ADDRESS"], None)
            if r.score >= 0.4]


@pytest.mark.parametrize("text", [
    "x = a[::2]", "b[1::2]", "a[::3, ::2]", "s[2::]", "np.s_[::2]", "df.iloc[::10]",
])
def test_slices_are_not_addresses(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text, value", [
    ("listen [::1]:80", "::1"),
    ("Connect to [2001:db8::1]:8080", "2001:db8::1"),
    ("[::ffff:192.168.1.1]:80", "::ffff:192.168.1.1"),
    ('hosts["2001:db8::1"] = 1', "2001:db8::1"),  # a long address in a subscript stays
    ("my ip: ::1", "::1"),
    ("server 192.168.10.10", "192.168.10.10"),
])
def test_addresses_stay(text: str, value: str) -> None:
    assert found(text) == [value]
