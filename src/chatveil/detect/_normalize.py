"""What detection sees: text as people mean it, with offsets mapped back to the text as written.

Recognizers run on a *view* of the text: NFKC-normalised (fullwidth digits, ligatures, NFD
accents composed), without zero-width and bidi control characters, with percent-encoded
(``%40``), JSON-escaped (``\\u0040``) and HTML-entity (``&#64;``, ``&commat;``) characters
decoded. Every character of the view remembers which characters of the original it came from,
so a span found in the view covers exactly the original characters, encoded ones included: a
``%40`` inside an email is replaced with the email, the ``to='`` before it and the URL around
it are not.

After mapping back, :func:`settle_overlaps` keeps structured values (a checksum- or
format-verified email, phone, card, ID...) whole: a statistical NER span that runs into one is
cut around it instead of swallowing it, and an email's local part never starts with the URL or
code in front of it.

:class:`NormalizingAnalyzerEngine` is Presidio's ``AnalyzerEngine`` with both steps around its
own ``analyze``; :func:`decode_value` and :func:`encode_like` let a surrogate be written in the
encoding of the original (``maria.lopez%40example.org`` -> ``jane.roe%40example.com``).
"""

from __future__ import annotations

import html.entities
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import quote

from presidio_analyzer import AnalyzerEngine, RecognizerResult

from chatveil.detect.recognizers.dates_of_birth import DATE_RE

__all__ = [
    "NormalizingAnalyzerEngine",
    "View",
    "decode_value",
    "encode_like",
    "normalized_view",
    "settle_overlaps",
]

#: Invisible characters people (and attackers) put inside words: zero-width spaces and joiners,
#: word joiner, soft hyphen, BOM, and the bidi embedding/override/isolate controls.
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\ufeff"
)
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_JSON_ESCAPE = re.compile(r"(?:\\u[0-9A-Fa-f]{4})+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPECIAL = re.compile(r"[%\\&]")


class View:
    """The text detection sees and, per character, the original range it stands for."""

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text = text
        self.starts = starts
        self.ends = ends

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original range of the view's ``[start, end)``."""
        return self.starts[start], self.ends[end - 1]


def _printable(s: str) -> bool:
    return all(ch.isprintable() or ch in " \t\n" for ch in s)


def _decode_percent(run: str) -> list[tuple[str, int]] | None:
    """Decoded characters of a ``%XX`` run with the length of source text each came from."""
    raw = bytes(int(run[i + 1 : i + 3], 16) for i in range(0, len(run), 3))
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(raw):
        for n in (1, 2, 3, 4):
            try:
                ch = raw[i : i + n].decode("utf-8")
            except UnicodeDecodeError:
                continue
            break
        else:
            return None
        if not _printable(ch):
            return None
        out.append((ch, 3 * n))
        i += n
    return out


def _decode_json(run: str) -> list[tuple[str, int]] | None:
    units = [int(run[i + 2 : i + 6], 16) for i in range(0, len(run), 6)]
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(units):
        u = units[i]
        if 0xD800 <= u < 0xDC00 and i + 1 < len(units) and 0xDC00 <= units[i + 1] < 0xE000:
            ch = chr(0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00))
            out.append((ch, 12))
            i += 2
            continue
        ch = chr(u)
        if 0xD800 <= u < 0xE000 or not _printable(ch):
            return None
        out.append((ch, 6))
        i += 1
    return out


def _decode_entity(entity: str) -> str | None:
    body = entity[1:-1]
    if body.startswith(("#x", "#X")):
        code = int(body[2:], 16)
    elif body.startswith("#"):
        code = int(body[1:])
    else:
        value = html.entities.html5.get(body + ";")
        return value if value and _printable(value) else None
    if code > 0x10FFFF or 0xD800 <= code < 0xE000:
        return None
    ch = chr(code)
    return ch if _printable(ch) else None


#: Escape runs decoded character by character: ``%XX...`` and ``\\uXXXX...``.
_RUN_DECODERS: dict[str, tuple[re.Pattern[str], Callable[[str], list[tuple[str, int]] | None]]] = {
    "%": (_PERCENT, _decode_percent),
    "\\": (_JSON_ESCAPE, _decode_json),
}


def normalized_view(text: str) -> View | None:
    """The view detection should run on, or ``None`` when it would equal ``text``."""
    if text.isascii() and _SPECIAL.search(text) is None:
        return None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)

    def emit(chars: str, a: int, b: int) -> None:
        for ch in chars:
            out.append(ch)
            starts.append(a)
            ends.append(b)

    while i < n:
        ch = text[i]
        if ch in INVISIBLE:
            i += 1
            continue
        escape = _RUN_DECODERS.get(ch)
        if escape is not None:
            pattern, decode = escape
            m = pattern.match(text, i)
            decoded = decode(m.group(0)) if m else None
            if decoded:
                for dch, width in decoded:
                    emit(unicodedata.normalize("NFKC", dch), i, i + width)
                    i += width
                continue
        elif ch == "&":
            m = _ENTITY.match(text, i)
            value = _decode_entity(m.group(0)) if m else None
            if value is not None and m is not None:
                emit(unicodedata.normalize("NFKC", value), i, m.end())
                i = m.end()
                continue
        # a character with the combining marks after it (invisible characters skipped)
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in INVISIBLE):
            j += 1
        cluster = text[i:j]
        if j == i + 1 and ch.isascii():
            emit(ch, i, j)
        else:
            visible = "".join(c for c in cluster if c not in INVISIBLE)
            emit(unicodedata.normalize("NFKC", visible), i, j)
        i = j
    view = "".join(out)
    if view == text:
        return None
    return View(view, starts, ends)


# ---------------------------------------------------------------------- overlaps
#: Types whose values are found by format, checksum or cue (never by a statistical model).
STRUCTURED = frozenset({
    "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS",
    "API_KEY", "NATIONAL_ID", "DATE_OF_BIRTH", "STREET_ADDRESS", "URL", "USERNAME",
})
#: Types a statistical NER reports; they give way to structured values.
SOFT = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME", "GPE", "NORP"})
#: Soft types cut at a token with a digit: names and places hold none, dates are made of them.
_DIGIT_CUT = SOFT - {"DATE_TIME"}
#: A calendar date ("April 07, 1939", "11 June 1992"): its month word is no name or place.
_DATE = re.compile(r"(?<!\w)" + DATE_RE + r"(?!\w)", re.IGNORECASE)
#: Minimum score of a structured value that cuts a NER span.
STRUCTURED_MIN_SCORE = 0.5
#: A token with a digit in it (``8899a7c``, ``249,90``, ``CSTRMG00H61I997X``): never part of a
#: name or a place, so a NER span is cut there.
_DIGIT_TOKEN = re.compile(r"[^\s]*\d[^\s]*")
_EMAIL_LOCAL_STOP = "'\"=:/?&(<[{,;`|\\"
_PIECE_TRIM = " \t\r\n,;:|/\\-–—()[]{}<>\"'`"


def _trim_email(text: str, r: RecognizerResult) -> None:
    """An email's local part starts after the last quote, ``=``, ``/``... before its ``@``."""
    at = text.find("@", r.start, r.end)
    if at <= r.start:
        return
    cut = max(text.rfind(c, r.start, at) for c in _EMAIL_LOCAL_STOP)
    if cut >= r.start:
        r.start = cut + 1


def settle_overlaps(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep structured values whole: NER spans that overlap one are cut into the pieces around
    it (pieces of punctuation only are dropped); email local parts are trimmed."""
    for r in results:
        if r.entity_type == "EMAIL_ADDRESS":
            _trim_email(text, r)
    hard = [(r.start, r.end) for r in results
            if r.entity_type in STRUCTURED and r.score >= STRUCTURED_MIN_SCORE and r.end > r.start]
    soft = [r for r in results if r.entity_type in SOFT]
    if not soft:
        return results
    if any(ch.isdigit() for ch in text):
        dates = [m.span() for m in _DATE.finditer(text)]
        inside = {id(r) for r in soft if r.entity_type in _DIGIT_CUT
                  and any(a <= r.start and r.end <= b for a, b in dates)}
        if inside:
            results = [r for r in results if id(r) not in inside]
            soft = [r for r in soft if id(r) not in inside]
    digit_cut: set[int] = set()  # NER spans cut at a token with a digit: a misread identifier
    if any(ch.isdigit() for ch in text):
        for r in soft:
            if r.entity_type not in _DIGIT_CUT:
                continue
            tokens = [m.span() for m in _DIGIT_TOKEN.finditer(text, r.start, r.end)]
            if tokens:
                hard += tokens
                digit_cut.add(id(r))
    hard.sort()
    if not hard:
        return results
    out: list[RecognizerResult] = []
    for r in results:
        if r.entity_type not in SOFT or not any(a < r.end and r.start < b for a, b in hard):
            out.append(r)
            continue
        pos = r.start
        pieces = []
        for a, b in hard:
            if b <= pos or a >= r.end:
                continue
            if a > pos:
                pieces.append((pos, a))
            pos = max(pos, b)
        if pos < r.end:
            pieces.append((pos, r.end))
        for a, b in pieces:
            while a < b and text[a] in _PIECE_TRIM:
                a += 1
            while b > a and text[b - 1] in _PIECE_TRIM:
                b -= 1
            if id(r) in digit_cut and not text[a].isupper():
                continue  # "order 249,90": only capitalised words stay a name beside it
            if b - a >= 2 and any(ch.isalnum() for ch in text[a:b]):
                out.append(RecognizerResult(r.entity_type, a, b, r.score,
                                            r.analysis_explanation, r.recognition_metadata))
    return out


def _to_original(view: View, results: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    out = []
    for r in results:
        if r.end <= r.start:
            continue
        r.start, r.end = view.to_original(r.start, r.end)
        out.append(r)
    return out


class NormalizingAnalyzerEngine(AnalyzerEngine):
    """Presidio's ``AnalyzerEngine`` that analyses the normalised view of a text and returns
    results in the original text's offsets, with structured values kept whole."""

    def analyze(self, text: str, language: str, *args: Any, **kwargs: Any
                ) -> list[RecognizerResult]:
        view = normalized_view(text)
        if view is None:
            return settle_overlaps(text, super().analyze(text, language, *args, **kwargs))
        kwargs.pop("nlp_artifacts", None)  # computed on the original text: redo on the view
        if len(args) >= 10:  # nlp_artifacts given positionally
            args = (*args[:9], None, *args[10:])
        results = super().analyze(view.text, language, *args, **kwargs)
        return _to_original(view, settle_overlaps(view.text, results))

    def analyze_together(self, texts: Sequence[str], language: str, *,
                         nlp_text: Callable[[str], str] = str, batch_size: int = 1,
                         **kwargs: Any) -> list[list[RecognizerResult]]:
        """:meth:`analyze` of each of ``texts`` (the same results, in order), with the NLP
        engine run over all of them at once (``process_batch`` with ``batch_size``): a
        batched NER decodes their states together, in fewer steps.

        ``nlp_text`` gives what the NLP engine reads for a text (the same length and offsets);
        a text with a normalised view is read as its view, as :meth:`analyze` does.
        """
        views = [normalized_view(text) for text in texts]
        nlp_texts = [nlp_text(text) if view is None else view.text
                     for text, view in zip(texts, views, strict=True)]
        artifacts = [artifact for _, artifact in self.nlp_engine.process_batch(
            nlp_texts, language, batch_size=batch_size)]
        out = []
        for text, view, artifact in zip(texts, views, artifacts, strict=True):
            seen = text if view is None else view.text
            results = settle_overlaps(seen, super().analyze(seen, language,
                                                            nlp_artifacts=artifact, **kwargs))
            out.append(results if view is None else _to_original(view, results))
        return out


# ---------------------------------------------------------------------- same encoding
def decode_value(value: str) -> tuple[str, str]:
    """``value`` decoded and the name of its encoding: ``"percent"``, ``"json"``, ``"html"``
    or ``""`` (plain; invisible characters dropped and NFKC applied all the same)."""
    view = normalized_view(value)
    plain = value if view is None else view.text
    if _PERCENT.search(value):
        return plain, "percent"
    if _JSON_ESCAPE.search(value):
        return plain, "json"
    if _ENTITY.search(value):
        return plain, "html"
    return plain, ""


def encode_like(value: str, original: str) -> str:
    """``value`` written in the encoding of ``original``: the characters ``original`` encoded
    (``@`` as ``%40``, ``\\u0040`` or ``&#64;``) are encoded the same way in ``value``."""
    _, kind = decode_value(original)
    if not kind:
        return value
    encoded: dict[str, str] = {}
    if kind == "percent":
        for m in _PERCENT.finditer(original):
            for ch, _width in _decode_percent(m.group(0)) or ():
                encoded.setdefault(ch, "")
        upper = any(c.isupper() for m in _PERCENT.finditer(original) for c in m.group(0)[1:])
        for ch in encoded:
            code = quote(ch, safe="")
            encoded[ch] = code if upper else code.lower()
    elif kind == "json":
        for m in _JSON_ESCAPE.finditer(original):
            for ch, _width in _decode_json(m.group(0)) or ():
                encoded[ch] = "".join(f"\\u{u:04x}" for u in _utf16(ch))
    else:
        for m in _ENTITY.finditer(original):
            decoded = _decode_entity(m.group(0))
            if decoded is not None and len(decoded) == 1:
                encoded[decoded] = m.group(0)
    return "".join(encoded.get(ch, ch) for ch in value)


def _utf16(ch: str) -> list[int]:
    data = ch.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]
