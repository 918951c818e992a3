"""Dates of birth: a date right after a birth cue ("DOB: 6/20/62", "born 3 May 1988").

A date on its own is not personal data here and stays; only the date that a birth word names
is reported, as ``DATE_OF_BIRTH``.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

__all__ = ["DATE_RE", "DateOfBirthRecognizer"]

_NAME = "ChatveilDateOfBirthRecognizer"

_MONTHS = (
    r"jan(?:uary|vier|uar|\.)?|feb(?:ruary|braio|rero|ruar|\.)?|f[ée]v(?:rier|\.)?|"
    r"m[äa]r(?:ch|s|zo|z|\.)?|apr(?:il|ile|\.)?|avr(?:il|\.)?|abr(?:il)?|may|mai|mayo|maggio|"
    r"jun(?:e|i|io|\.)?|juin|giugno|jul(?:y|i|io|\.)?|juil(?:let|\.)?|luglio|"
    r"aug(?:ust|\.)?|ao[uû]t|ago(?:sto)?|sep(?:t(?:ember|embre|\.)?|tiembre|\.)?|set(?:tembre)?|"
    r"oct(?:ober|obre|ubre|\.)?|okt(?:ober)?|ott(?:obre)?|nov(?:ember|embre|\.)?|"
    r"dec(?:ember|\.)?|d[ée]c(?:embre)?|dez(?:ember)?|dic(?:iembre|embre)?|"
    r"januar|janvier|enero|gennaio|februar|marzo|märz|mars|aprile|giugno|dicembre"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
#: The date forms people write.
DATE_RE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # 1990-04-12
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"  # 6/20/62, 20.06.1962
    r"|" + _DAY + r"[ \t]+(?:of[ \t]+|de[ \t]+)?(?:" + _MONTHS + r")\.?,?[ \t]+(?:de[ \t]+)?"
    + _YEAR +  # 3 May 1988, 3rd of May 1988
    r"|(?:" + _MONTHS + r")\.?[ \t]+" + _DAY + r",?[ \t]+" + _YEAR +  # May 3, 1988
    r"|(?:" + _MONTHS + r")\.?[ \t]+" + _YEAR +  # May 1988
    r")"
)
_CUE = (
    r"(?:\bD\.?O\.?B\b\.?|\bdate[ \t]+of[ \t]+birth|\bbirth[ \t]?date|\bbirthday|\bb-day"
    r"|\bborn(?:[ \t]+(?:on|in))?(?:[ \t]+the)?|\bgeboren(?:[ \t]+am)?|\bgeb\.|\bGeburtsdatum"
    r"|\bGeburtstag|\bn[ée]e?[ \t]+le|\bdate[ \t]+de[ \t]+naissance|\bfecha[ \t]+de[ \t]+nacimiento"
    r"|\bnacid[oa][ \t]+el|\bdata[ \t]+di[ \t]+nascita|\bnato[ \t]+il|\bnata[ \t]+il"
    r"|\bgeboortedatum|\bd\.o\.b"
    r"|(?:(?<=,[ \t])|(?<=\())b\.(?=[ \t]*\d|[ \t]+[A-Za-z]{3}))"  # "Jane Roe, b. 3 May 1988"
)
_DOB = re.compile(
    _CUE + r"(?:[ \t]*(?:is|was|:|=|-|–|,|of|\(|:[ \t]*is))*[ \t]*"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+)?"
    r"(?P<date>" + DATE_RE + r")(?![\w]|[-/.]\d)",
    re.IGNORECASE,
)
#: A part of every cue above (same flags): a text without one has no date of birth, and the
#: cheaper search for it spares the full pattern most texts.
_CUE_HINT = re.compile(
    r"d\.?o\.?b|birth|b-day|born|geb|n[ée]e?[ \t]+le|naissance|nacimiento|nacid[oa]|nascita"
    r"|nat[oa][ \t]+il|,[ \t]b\.|\(b\.",
    re.IGNORECASE,
)


class DateOfBirthRecognizer(EntityRecognizer):
    """A date that follows a birth cue (``DOB``, ``date of birth``, ``born``, ``geboren``...)."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["DATE_OF_BIRTH"],
                         supported_language=supported_language,
                         name=_NAME)

    def load(self) -> None:  # nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        if "DATE_OF_BIRTH" not in entities or not any(ch.isdigit() for ch in text) \
                or _CUE_HINT.search(text) is None:
            return []
        out = []
        for m in _DOB.finditer(text):
            out.append(RecognizerResult(
                "DATE_OF_BIRTH", m.start("date"), m.end("date"), 0.9,
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: _NAME,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
            ))
        return out
