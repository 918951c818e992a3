"""IP addresses: Presidio's ``IpRecognizer``, without the short IPv6 forms that are slices.

``a[::2]``, ``b[1::2]``, ``s[2::]`` and ``df.iloc[::10]`` are Python or NumPy slices, and
Presidio reads ``::2``, ``1::2``, ``2::`` as compressed IPv6 addresses. A compressed IPv6 value
with at most two groups is dropped when it sits inside square brackets that follow a name or a
closing bracket (a subscript); ``listen [::1]:80`` and ``[2001:db8::1]:8080`` stay.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import IpRecognizer

__all__ = ["IpAddressRecognizer"]

_SHORT_IPV6 = re.compile(r"[0-9A-Fa-f]{0,4}::[0-9A-Fa-f]{0,4}")


def in_subscript(text: str, start: int) -> bool:
    """``start`` is inside ``name[...]`` (an opening bracket glued to a name, ``)`` or ``]``,
    with no closing bracket or line break between it and ``start``)."""
    line_start = text.rfind("\n", 0, start) + 1
    opening = text.rfind("[", line_start, start)
    if opening <= line_start or text.find("]", opening, start) != -1:
        return False
    before = text[opening - 1]
    return before.isalnum() or before in "_)]'\""


class IpAddressRecognizer(IpRecognizer):
    """Presidio's IPv4/IPv6 recognizer; short compressed IPv6 forms inside a subscript are
    slices, not addresses."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not (
            _SHORT_IPV6.fullmatch(text, r.start, r.end) and in_subscript(text, r.start))]
