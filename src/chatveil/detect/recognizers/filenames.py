"""Names in the names of files: ``Rahman_CV_final_v3.pdf``, ``contract_Kuipers_signed.pdf``,
``NDA-Julien-Faure.pdf``, ``ZAKI_MOSTAFA_DOCUMENTS.ZIP``.

People name the documents about a person after that person (resumes, contracts, scans of
papers), and chat pastes those file names. A file name here is a word with a document, image
or archive extension; its stem is cut at ``_``, ``-`` and ``.``. A part is a name when it is a
given name or surname of the name lists (and no English or technical word), or, in a file
name that says it is a personal document (``cv``, ``contract``, ``passport``...), any part of
three letters or more that is no English, technical or document word. There, a part of two
letters is a name too when it is a common short family name (``Ng_CV.pdf``,
``Oh_passport_scan.jpg``: :data:`~chatveil.detect.recognizers._lexicon.SHORT_SURNAMES`) written
like a name (``Ng``, or in the case of the whole stem) and no document word; one that is also a
language code or an English function word (``ko``, ``vi``, ``do``, ``to``) only beside a name
found in the same file name (``resume-Do-Minh.pdf``). Name particles (``el-Sayed``,
``van_der_Berg``) go with the name after them. Source files (``main.py``) and URLs are not
read: their parts are code, not people.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from chatveil.detect.recognizers._common import PersonRuleRecognizer, wordset
from chatveil.detect.recognizers._lexicon import (
    NOT_A_NAME_WORD,
    SHORT_SURNAMES,
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
#: Language codes a file name may carry (``CV_en.pdf``, ``resume_KO.pdf``), and English words
#: of two letters that say something in a file name: a short family name spelled alike
#: (``Ko``, ``Vi``, ``Do``) counts only beside a name found in the same file name.
_SHORT_AMBIGUOUS = wordset("""
en de fr es pt ar hi zh it nl ru ja jp ko kr vi pl tr sv da fi cs el he hu ro uk th id ms fa ur
bn ta te
an do he so to
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
        stem = text[start:end]
        #: per part: a particle, a name (its score), a short name that needs a name beside it
        scores: list[float | None] = []
        beside: set[int] = set()
        for i, (a, b, key) in enumerate(parts):
            scores.append(None)
            if key in PARTICLES:
                continue
            ordinary = key in english or key in _DOCUMENT_WORDS or key in NOT_A_NAME_WORD or \
                technical_word(key)
            known = (key in first or key in last) and not ordinary
            shaped = personal and not ordinary and len(key) >= 3 and \
                re.search(r"[aeiouy]", key) is not None
            if known or shaped:
                scores[i] = self.KNOWN_SCORE if known else self.SCORE
            elif personal and _short_surname(text[a:b], key, stem):
                scores[i] = self.SCORE
                if key in _SHORT_AMBIGUOUS:
                    beside.add(i)
        for i in beside:  # "Do" only beside a name ("resume-Do-Minh.pdf")
            if not any(0 <= j < len(parts) and scores[j] is not None and j not in beside
                       for j in (i - 1, i + 1)):
                scores[i] = None
        out: list[RecognizerResult] = []
        particle_at: int | None = None
        for (a, b, key), score in zip(parts, scores, strict=True):
            if key in PARTICLES:
                particle_at = a if particle_at is None else particle_at
                continue
            if score is not None:
                begin = a if particle_at is None else particle_at
                out.append(self.person(begin, b, score))
            particle_at = None
        return out


def _short_surname(word: str, key: str, stem: str) -> bool:
    """True if ``word``, a part of a file name's ``stem``, may be a short family name: one of
    :data:`SHORT_SURNAMES`, no document word, written like a name ("Ng") or in the case of
    the whole stem ("NG_CV", "ng_cv"; an acronym such as "MA" in "MA_transcript" is not)."""
    if len(key) != 2 or key not in SHORT_SURNAMES or key in _DOCUMENT_WORDS - _SHORT_AMBIGUOUS:
        return False
    if word[0].isupper() and word[1:].islower():
        return True
    return (word.isupper() and stem.isupper()) or (word.islower() and stem.islower())
