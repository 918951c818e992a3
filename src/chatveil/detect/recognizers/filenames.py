"""Names in the names of files: ``Rahman_CV_final_v3.pdf``, ``contract_Kuipers_signed.pdf``,
``NDA-Julien-Faure.pdf``, ``ZAKI_MOSTAFA_DOCUMENTS.ZIP``.

People name the documents about a person after that person (resumes, contracts, scans of
papers), and chat pastes those file names. A file name here is a word with a document, image
or archive extension; its stem is cut at ``_``, ``-`` and ``.``. A part is a name when it is a
given name or surname of the name lists (and no English or technical word), or, in a file
name that says it is a personal document (``cv``, ``contract``, ``passport``...), any part of
three letters or more that is no English, technical or document word. Name particles
(``el-Sayed``, ``van_der_Berg``) go with the name after them. Source files (``main.py``) and
URLs are not read: their parts are code, not people.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from chatveil.detect.recognizers._common import PersonRuleRecognizer, wordset
from chatveil.detect.recognizers._lexicon import (
    NOT_A_NAME_WORD,
    english_dictionary,
    world_names,
)
from chatveil.detect.recognizers._shape import technical_word
from chatveil.detect.recognizers.names import PARTICLES

__all__ = ["FileNameRecognizer"]

#: Documents, images, archives and media people attach to a chat.
_EXTENSIONS = ("pdf|docx?|odt|rtf|txt|pages|xlsx?|ods|csv|pptx?|odp|key|jpe?g|png|gif|heic|"
               "webp|tiff?|bmp|zip|rar|7z|tar|gz|mp3|m4a|wav|mp4|mov|avi|eml|msg|vcf")
_FILE = re.compile(
    r"(?<![\w.\-/\\@:])([^\W_][\w.\-]*?)\.(?:" + _EXTENSIONS + r")(?![\w\-/]|\.\w)", re.IGNORECASE)
_PART = re.compile(r"[^\W\d_]+")
#: Words of file names that say the file is about one person.
_PERSONAL = wordset("""
cv cvs resume resumes résumé lebenslauf curriculum vitae bio biodata profile portfolio
contract contrato nda agreement offer appointment passport visa id idcard license licence
permit payslip paystub salary certificate cert diploma transcript marksheet reference
recommendation letter application documents docs photo headshot selfie signature signed
medical prescription report discharge birth marriage
""")
#: Words of file names that are no names and may be no English words either.
_DOCUMENT_WORDS = _PERSONAL | wordset("""
final draft copy scan scanned img image pic dsc screenshot screen shot edited edit new old
updated revised rev ver version v fw fwd re doc pdf file files attachment attached sheet
page pages part front back eng en de fr es pt ar hi zh tmp temp
""")


class FileNameRecognizer(PersonRuleRecognizer):
    """PERSON spans for the name words of attached files' names (see the module docstring)."""

    KNOWN_SCORE = 0.7

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        if "PERSON" not in entities or "." not in text:
            return []
        results: list[RecognizerResult] = []
        for m in _FILE.finditer(text):
            results += self._names_in(text, m.start(1), m.end(1))
        return results

    def _names_in(self, text: str, start: int, end: int) -> list[RecognizerResult]:
        parts = [(p.start(), p.end(), p.group(0).casefold())
                 for p in _PART.finditer(text, start, end)]
        personal = any(key in _PERSONAL for _, _, key in parts)
        english = english_dictionary()
        first, last = world_names()
        out: list[RecognizerResult] = []
        particle_at: int | None = None
        for a, b, key in parts:
            if key in PARTICLES:
                particle_at = a if particle_at is None else particle_at
                continue
            ordinary = key in english or key in _DOCUMENT_WORDS or key in NOT_A_NAME_WORD or \
                technical_word(key)
            known = (key in first or key in last) and not ordinary
            shaped = personal and not ordinary and len(key) >= 3 and \
                re.search(r"[aeiouy]", key) is not None
            if known or shaped:
                begin = a if particle_at is None else particle_at
                out.append(self.person(begin, b, self.KNOWN_SCORE if known else self.SCORE))
            particle_at = None
        return out
