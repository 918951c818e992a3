"""National identifiers: UK NINO, DE Steuer-ID, FR NIR, IN Aadhaar and PAN, ES DNI/NIE,
IT codice fiscale, NL BSN, and passport / driver's licence / ID-card numbers after their cue.

Every identifier with a check digit or letter is verified (``_checks``); shapes that are common
in other numbers (a 9-digit BSN, a 12-digit Aadhaar written as one run) only count next to
their own word. Lower-case forms of the lettered identifiers count only with their cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from chatveil.detect.recognizers._checks import (
    bsn_valid,
    cf_valid,
    dni_valid,
    nino_valid,
    nir_valid,
    steuer_id_valid,
    verhoeff_valid,
)
from chatveil.detect.recognizers._common import context_regex, near

__all__ = ["NationalIdRecognizer", "national_id_kind"]

_NAME = "ChatveilNationalIdRecognizer"

_NUM_START = r"(?<![\w\-.,+/])(?<!\d )"
_NUM_END = r"(?![\w]|[\-.,/]\d| \d)"


@dataclass(frozen=True)
class _Kind:
    name: str
    regex: re.Pattern[str]
    valid: Callable[[str], bool]
    score: float  # without a cue
    cue: re.Pattern[str]
    cued: float = 0.95
    grouped_score: float | None = None  # when written in groups (Aadhaar 4-4-4)


def _compact(value: str) -> str:
    return re.sub(r"[\s\-.]", "", value)


KINDS: tuple[_Kind, ...] = (
    _Kind(
        "UK_NINO",
        re.compile(
            r"(?<![\w])[A-Z]{2}[ \-]?\d{2}[ \-]?\d{2}[ \-]?\d{2}[ \-]?[A-D](?![\w])", re.IGNORECASE
        ),
        nino_valid,
        0.7,
        context_regex(["national insurance", "ni number", "ni no", "nino", "nin", "ni"]),
    ),
    _Kind(
        "FR_NIR",
        re.compile(
            _NUM_START + r"[12][ ]?\d{2}[ ]?\d{2}[ ]?(?:\d{2}|2[AB])[ ]?\d{3}[ ]?\d{3}"
            r"[ ]?\d{2}" + _NUM_END,
            re.IGNORECASE,
        ),
        nir_valid,
        0.8,
        context_regex(
            [
                "sécu",
                "secu",
                "sécurité sociale",
                "securite sociale",
                "nir",
                "insee",
                "social security",
                "carte vitale",
                "numéro de sécurité sociale",
            ]
        ),
    ),
    _Kind(
        "IT_CF",
        re.compile(
            r"(?<![\w])[A-Z]{6}[\dLMNP-V]{2}[A-EHLMPR-T][\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}"
            r"[A-Z](?![\w])",
            re.IGNORECASE,
        ),
        cf_valid,
        0.9,
        context_regex(["codice fiscale", "cf", "c.f.", "fiscal code", "tax code"]),
    ),
    _Kind(
        "ES_DNI",
        re.compile(r"(?<![\w])(?:[XYZ][ \-]?\d{7}|\d{8})[ \-]?[A-Z](?![\w])", re.IGNORECASE),
        lambda v: dni_valid(v),
        0.65,
        context_regex(["dni", "nie", "nif", "documento", "identidad", "id number"]),
    ),
    _Kind(
        "IN_PAN",
        re.compile(r"(?<![\w])[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z](?![\w])", re.IGNORECASE),
        lambda v: True,
        0.7,
        context_regex(["pan", "pan card", "pan no", "permanent account number", "income tax"]),
    ),
    _Kind(
        "IN_AADHAAR",
        re.compile(_NUM_START + r"[2-9]\d{3}([ \-]?)\d{4}\1\d{4}" + _NUM_END),
        verhoeff_valid,
        0.35,
        context_regex(["aadhaar", "aadhar", "adhaar", "uid", "uidai", "uid number"]),
        grouped_score=0.6,
    ),
    _Kind(
        "DE_STEUER_ID",
        re.compile(_NUM_START + r"\d{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}" + _NUM_END),
        steuer_id_valid,
        0.45,
        context_regex(
            [
                "steuer-id",
                "steuerid",
                "steuer id",
                "steuer-identifikationsnummer",
                "steueridentifikationsnummer",
                "identifikationsnummer",
                "idnr",
                "tax id",
                "tax identification number",
                "tin",
                "steuernummer",
            ]
        ),
    ),
    _Kind(
        "NL_BSN",
        re.compile(
            _NUM_START + r"(?:\d{4}[ .]?\d{2}[ .]?\d{3}|\d{3}[ .]\d{3}[ .]\d{3})" + _NUM_END
        ),
        bsn_valid,
        0.3,
        context_regex(
            [
                "bsn",
                "burgerservicenummer",
                "sofinummer",
                "sofi-nummer",
                "sofi nummer",
                "citizen service number",
            ]
        ),
    ),
)

#: Document numbers named by their cue: "passport number is X1234567", "DL# D123-4567-8901".
_DOC_CUE = re.compile(
    r"(?:\b(?:passport|passeport|reisepass|pasaporte|passaporto)"
    r"|\b(?:driver'?s'?|driving|drivers)[ \t]+licen[cs]e"
    r"|\bDL|\b(?:national|citizen)[ \t]+id(?:entity)?(?:[ \t]+card)?"
    r"|\b(?:id|identity)[ \t]+card|\bpersonalausweis|\bcarte[ \t]+d'identit[ée]"
    r"|\bF[üu]hrerschein|\bpermis[ \t]+de[ \t]+conduire|\bcarnet[ \t]+de[ \t]+conducir)"
    r"(?:[ \t]+(?:number|numbers|no\.?|nr\.?|num\.?|#|id|nummer|numéro|número|numero))?"
    r"(?:[ \t]*\#)?(?:[ \t]*\([^()\n]{1,40}\))?"  # "passport number (copy attached): X"
    r"(?:[ \t]*,?[ \t]+(?:it's|it’s|it is|its|which is))?"
    r"(?:[ \t]+(?:is|was|reads|=))?[ \t]*[:=]?[ \t]*"
    r"(?P<value>[A-Z0-9](?:[A-Z0-9]|[ \-](?=[A-Z0-9])){4,19})(?![\w])",
    re.IGNORECASE,
)
#: "I typed X1234567 as passport number", "D123-4567-8901 is my driver's licence".
_DOC_CUE_AFTER = re.compile(
    r"(?<![\w\-])(?P<value>[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){4,19})[ \t]+"
    r"(?=(?:as|is|was|=|my|the|a|an|our|his|her|your)\b)"
    r"(?:(?:as|is|was|=)[ \t]+)?(?:(?:my|the|a|an|our|his|her|your)[ \t]+)?"
    r"(?:(?:valid|correct|real|proper|new|old|current|expired|genuine)[ \t]+)?"
    r"(?:passport|driver'?s'?[ \t]+licen[cs]e|driving[ \t]+licen[cs]e|drivers[ \t]+licen[cs]e|"
    r"DL|(?:national|citizen)[ \t]+id|id[ \t]+card|identity[ \t]+card)\b",
    re.IGNORECASE,
)
_DOC_NOT_VALUES = frozenset(
    ["expired", "expires", "renewed", "number", "please", "attached", "below", "above"]
)


def national_id_kind(value: str) -> str | None:
    """Which checksum-verified identifier ``value`` is (``"FR_NIR"``...), or ``None``."""
    compact = _compact(value)
    for kind in KINDS:
        if kind.regex.fullmatch(value) and kind.valid(compact.upper()):
            return kind.name
    return None


def _document_value(raw: str) -> str:
    """The document number at the start of ``raw``: groups that hold a digit ("D123-4567"),
    after at most one short upper-case group ("AB 123456"); ``""`` if there is none."""
    groups = re.split(r"([ \-])", raw)
    out = ""
    for i in range(0, len(groups), 2):
        group = groups[i]
        if any(ch.isdigit() for ch in group):
            out += (groups[i - 1] if i else "") + group
        elif i == 0 and group.isupper() and len(group) <= 3:
            out = group
        else:
            break
    return out if any(ch.isdigit() for ch in out) else ""


class NationalIdRecognizer(EntityRecognizer):
    """National identifiers and identity-document numbers, reported as ``NATIONAL_ID``."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=["NATIONAL_ID"], supported_language=supported_language, name=_NAME
        )

    def load(self) -> None:  # nothing to load
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if "NATIONAL_ID" not in entities:
            return []
        results: list[RecognizerResult] = []
        has_digit = any(ch.isdigit() for ch in text)
        if not has_digit:
            return results
        for kind in KINDS:
            for m in kind.regex.finditer(text):
                value = m.group(0)
                if not kind.valid(_compact(value).upper()):
                    continue
                cued = near(
                    text, m.start(), m.end(), kind.cue, kind.cue, window_before=40, window_after=24
                )
                if cued:
                    score = kind.cued
                elif any(ch.islower() for ch in value):
                    continue  # lower-case lettered IDs only with their cue
                elif kind.grouped_score is not None and not value.isdigit():
                    score = kind.grouped_score
                else:
                    score = kind.score
                results.append(self._result(m.start(), m.end(), score, kind.name))
        for m in _DOC_CUE.finditer(text):
            value = _document_value(m.group("value"))
            if not value or value.casefold() in _DOC_NOT_VALUES:
                continue
            start = m.start("value")
            results.append(self._result(start, start + len(value), 0.85, "DOCUMENT"))
        for m in _DOC_CUE_AFTER.finditer(text):
            value = m.group("value")
            if any(ch.isdigit() for ch in value) and sum(ch.isalnum() for ch in value) >= 5:
                results.append(self._result(m.start("value"), m.end("value"), 0.8, "DOCUMENT"))
        return results

    def _result(self, start: int, end: int, score: float, kind: str) -> RecognizerResult:
        return RecognizerResult(
            "NATIONAL_ID",
            start,
            end,
            score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: _NAME,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "kind": kind,
            },
        )
