"""Street addresses and the postcodes that sit in them."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import Pattern, RecognizerResult

from chatveil.detect.recognizers._common import OwnFlagsPatternRecognizer

# ---------------------------------------------------------------------- street addresses
_STREET_TYPES = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    "Terrace|Ter|Circle|Cir|Parkway|Pkwy|Square|Sq|Highway|Hwy|Trail|Crescent|Close|Row|Alley|"
    "Strasse|Straße|Straat|Plaza|Heights|Hill|Gardens|Grove|Walk|Marg|Nagar"
)
#: Street types that are safe in lower-case text after a house number ("4331 s lakeview st").
_LOWER_STREET_TYPES = (
    "street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|terrace|"
    "ter|circle|cir|parkway|pkwy|highway|hwy|crescent|marg"
)
_STREET_PREFIXES = (
    r"Via|Viale|Rue|Calle|Avenida|Avda\.|Rua|Piazza|Piazzale|Largo|Travessa|Praça|Plaza|ul\.|"
    r"Ulica|Strada|Carrer|Camino|Boulevard|Avenue|Chaussée|Chemin|Allée|Corso|Paseo|Ronda|"
    r"Carretera|Vicolo|Contrada|Borgo|Rotonda|Stretto|Lungomare|Salita|Traversa|Callejón|"
    r"Cañada|Pasaje|Pasadizo|Alameda|Glorieta|Rambla|Travesía|Urbanización|Cuesta|Vial|Acceso|"
    r"Bajada|Camí|Rúa|Passeig|Avinguda|Praceta|Estrada"
)
#: Prefixes that are safe in lower case ("piazza margherita, 629"); "via" is an English word.
_LOWER_PREFIXES = (
    r"viale|piazza|piazzale|vicolo|contrada|corso|largo|lungomare|calle|callejón|avenida|"
    r"paseo|plaza|carrer|rua|travessa|praça|rue|chemin|allée|boulevard|glorieta|rambla|"
    r"travesía|pasaje|alameda|cañada|carretera|ulica"
)
_STREET_SUFFIXES = (
    r"straat|weg|laan|gracht|plein|kade|dijk|steenweg|gasse|straße|strasse|str\.|allee|platz|"
    r"damm|ufer|chaussee|vej|vägen|gatan|gata|gade|veien|vegen|utca|tie|katu"
)
#: Suffixes that are safe in any casing ("musterstr. 12a"): no English word ends in them.
_SAFE_SUFFIXES = r"straat|gracht|laan|steenweg|gasse|straße|strasse|str\.|allee|platz|damm"
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|"
    "AS|GU|MP|PR|VI|FM|MH|PW|AA|AE|AP"  # territories, freely associated states, military
)
_HOUSE = r"(?:\b\d{1,5}[A-Za-z]?[ \t]+)?"
#: A house number: 12, 12a, 5/3, 71-82, 12 bis.
_NUMBER = r"\d{1,5}[A-Za-z]?(?:[/\-]\d{1,5}[A-Za-z]?)?\b"
_FR_WAYS = (
    r"rue|avenue|av\.|boulevard|bd|place|chemin|allée|allee|impasse|quai|cours|route|square|"
    r"passage|rond-point|faubourg"
)
_PARTICLES = (
    r"de\s+la|de\s+l'|de\s+l’|de\s+los|de\s+las|des|du|de|d'|d’|del|della|delle|dei|degli|"
    r"dello|la|le|les|van|von|der|den"
)
_NAME = r"[^\W\d_][\w'’.\-]*"
_RECOGNIZER = "ChatveilStreetAddressRecognizer"

#: French / Spanish / Italian street words with a house number before them.
_NUMBER_FIRST_WAY = re.compile(
    r"(?<![\w.,])\d{1,4}(?:[ \t]?(?:bis|ter|[a-zA-Z])\b)?,?[ \t]+(?:" + _FR_WAYS + r")[ \t]+"
    r"(?:(?:" + _PARTICLES + r")[ \t]*)?" + _NAME + r"(?:[ \t]+(?:(?:" + _PARTICLES + r")[ \t]*)?"
    r"[A-ZÀ-Þ][\w'’\-]*){0,3}",
    re.IGNORECASE,
)
#: "avenue des Champs-Élysées", "Calle de Alcalá", "Via del Corso": street word + particle + Name.
_WAY_PARTICLE_NAME = re.compile(
    r"\b(?:" + _FR_WAYS + r"|calle|avenida|paseo|plaza|via|viale|piazza|corso|largo)[ \t]+"
    r"(?:" + _PARTICLES + r")[ \t]*[A-ZÀ-Þ][\w'’\-]*(?:[ \t\-][A-ZÀ-Þ][\w'’\-]*){0,2}",
    re.IGNORECASE,
)
_LOWER_SUFFIXED = re.compile(
    r"(?<![\w.])[^\W\d_][\w\-]*(?:" + _SAFE_SUFFIXES + r")[ \t]*" + _NUMBER, re.IGNORECASE
)
_LOWER_PREFIXED = re.compile(
    r"(?<![\w.])(?:" + _LOWER_PREFIXES + r")[ \t]+(?:[^\W\d_][\w'’.\-]*,?[ \t]+){1,4}" + _NUMBER,
    re.IGNORECASE,
)
#: "4331 s lakeview st": house number, optional direction, 1-3 name words, street type.
_LOWER_US = re.compile(
    r"(?<![\w.,])\d{1,6}[ \t]+(?:(?:n|s|e|w|ne|nw|se|sw|north|south|east|west)\.?[ \t]+)?"
    r"((?:[a-z][a-z'\-]*[ \t]+){1,3})(?:" + _LOWER_STREET_TYPES + r")\b\.?",
    re.IGNORECASE,
)
_NOT_STREET_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "and",
        "or",
        "but",
        "my",
        "your",
        "our",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
        "these",
        "those",
        "down",
        "up",
        "over",
        "across",
        "along",
        "into",
        "onto",
        "off",
        "out",
        "around",
        "per",
        "each",
        "every",
        "more",
        "less",
        "few",
        "many",
        "some",
        "all",
        "any",
        "other",
        "another",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "miles",
        "mile",
        "km",
        "times",
        "hours",
        "minutes",
        "days",
        "weeks",
        "years",
        "people",
        "items",
        "dollars",
        "euros",
        "pounds",
        "way",
        "main",
    ]
) - {"main"}

#: What may follow a street: ", 10115 Berlin", " LS1 4AB", ", omaha, ne 68118", "\n75002 Paris".
_CITY_REST = r"(?:[^\W\d]|['’\-]|\.(?=\w))*"  # "St.Gallen" keeps its dot, "Berlin." does not
_CITY_WORD = r"[^\W\d_]" + _CITY_REST
_CITY = _CITY_WORD + r"(?:[ \t]+" + _CITY_WORD + r"){0,2}"
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}"
_POSTCODE = (
    r"(?:[A-Z]{1,2}-)?\d{5}(?:-\d{4})?"  # DE, FR, ES, IT, US ZIP (+4), "D-10115"
    r"|\d{4}[ \t]?[A-Z]{2}(?![\w])"  # NL 1015 CJ
    r"|\d{4}"  # AT, CH, BE, DK
    r"|[1-9]\d{2}[ \t]?\d{3}"  # IN PIN 560001 / 560 001
    r"|" + _UK_POSTCODE
)
_TAIL = re.compile(
    r"(?:[ \t]*,[ \t]*|[ \t]*\r?\n[ \t]*|[ \t]+)"
    r"(?:(?:" + _CITY + r")(?:[ \t]*,[ \t]*|[ \t]+))?"
    r"(?:(?:" + _US_STATES + r")[ \t]+)?"
    r"(?:" + _POSTCODE + r")(?![\w\-])"
    r"(?:[ \t]+(?!(?:and|or|but|is|was|to|for|the|on|in|at|please|thanks|if|so)\b)"
    + _CITY_WORD
    + r"(?:[ \t]+(?-i:[A-ZÀ-Þ])"
    + _CITY_REST
    + r")?)?",
    re.IGNORECASE,
)
#: A postcode after its own word: "zip code 94105", "PLZ 10115", "postcode LS1 4AB".
_CUED_POSTCODE = re.compile(
    r"\b(?:zip(?:[ \t]?code)?|post(?:al)?[ \t]?code|plz|code[ \t]postal|cp|cap|pin[ \t]?code)"
    r"[ \t]*(?:is|:|#|no\.?)?[ \t]*((?:" + _POSTCODE + r"|[1-9]\d{5}))(?![\w\-])",
    re.IGNORECASE,
)
_TAIL_NEEDS_CITY = re.compile(r"\d{4}|[1-9]\d{2}[ \t]?\d{3}")


class StreetAddressRecognizer(OwnFlagsPatternRecognizer):
    """Street addresses: ``221B Baker Street``, ``Via Carlo Cattaneo 130``, ``Kromwater 38``,
    ``Musterstr. 12a, 10115 Berlin``, ``12 rue de la Paix, 75002 Paris``, ``4331 s lakeview
    st, omaha, ne 68118``, ``Keizersgracht 123, 1015 CJ Amsterdam``, ``12, MG Road,
    Bengaluru 560001``, ``Suite 286``, ``PSC 4457, Box 7534``, ``Austin, TX 78701``.

    A postcode (with its city) that follows a street belongs to the address: the span is
    extended over it, so it never survives next to a masked street.
    """

    PATTERNS = (
        Pattern(
            "number + name + street type",
            r"\b\d{1,6}[A-Za-z]?,?\s+(?:[A-Z][\w'\-]*\.?\s+){1,4}(?:" + _STREET_TYPES + r")\b\.?"
            r"(?:,?\s+(?:Apt|Apartment|Suite|Unit|Flat|#)\.?\s*[\w\-]+)?",
            0.7,
        ),
        # Via Carlo Cattaneo 130, 92 Rue de la Paix 12, ul. Karpacka 69
        Pattern(
            "street word + name + number",
            _HOUSE
            + r"\b(?:"
            + _STREET_PREFIXES
            + r")[ \t]+(?:[^\W\d_][\w'’.\-]*,?[ \t]+){0,4}"
            + _NUMBER,
            0.6,
        ),
        # Kromwater-style names ending in a street suffix: Hulsterdreef is not, Lozerlaan 172 is
        Pattern(
            "street-suffixed name + number",
            _HOUSE + r"\b[A-ZÀ-Þ][\w\-]*(?:" + _STREET_SUFFIXES + r")\.?[ \t]+" + _NUMBER,
            0.6,
        ),
        Pattern(
            "apartment or suite",
            r"\b(?:Apt|Apartment|Suite|Flat)\.?[ \t]*#?\d{1,5}[A-Za-z]?\b",
            0.5,
        ),
        Pattern(
            "military or PO box",
            r"\b(?:PSC|Unit|CMR)[ \t]+\d{3,5},?[ \t]+Box[ \t]+\d{1,5}\b"
            r"|\b(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}\b"
            r"|\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+\d{1,6}\b",
            0.7,
        ),
        Pattern("US state + ZIP", r"\b(?:" + _US_STATES + r")[ \t]+\d{5}(?:-\d{4})?\b", 0.6),
        # LS1 4AB, SW1A 1AA: a full UK postcode in capitals
        Pattern("UK postcode", r"\b" + _UK_POSTCODE + r"\b", 0.5),
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="STREET_ADDRESS",
            patterns=list(self.PATTERNS),
            supported_language=supported_language,
            name=_RECOGNIZER,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: Any = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        results += self._extra(text)
        for r in results:
            if r.score >= 0.5:
                r.end = street_end(text, r.end)
        return results

    def _extra(self, text: str) -> list[RecognizerResult]:
        found = []
        if re.search(r"[A-ZÀ-Þ]", text):
            found += [
                self._result(m.start(), m.end(), 0.55)
                for m in _WAY_PARTICLE_NAME.finditer(text)
                if any(ch.isupper() for ch in m.group(0)[3:])
            ]
        if not any(ch.isdigit() for ch in text):
            return found
        found += self._anchored(text)
        for regex, score in (
            (_NUMBER_FIRST_WAY, 0.6),
            (_LOWER_SUFFIXED, 0.6),
            (_LOWER_PREFIXED, 0.55),
        ):
            found += [self._result(m.start(), m.end(), score) for m in regex.finditer(text)]
        found += [self._result(m.start(1), m.end(1), 0.6) for m in _CUED_POSTCODE.finditer(text)]
        for m in _LOWER_US.finditer(text):
            words = m.group(1).split()
            if not any(w.casefold() in _NOT_STREET_NAMES for w in words):
                found.append(self._result(m.start(), m.end(), 0.55))
        return found

    def _anchored(self, text: str) -> list[RecognizerResult]:
        """Addresses found from their postcode: ``<street>, <postcode + city>`` on one line or
        two, whatever the street looks like ("46 caroline mission", "Borgo Gaetano, 9")."""
        found = []
        for m in _ANCHOR.finditer(text):
            city = m.start("city_after") if m.group("city_after") is not None else m.end()
            end = _city_end(text, city)
            street = _street_before(text, m.start())
            four = m.group("pc4") is not None or m.group("nl") is not None
            if four and (street is None or _MONTH_WORD.search(text, street, m.start())):
                continue  # "July 28, 1950 in": a year, not a 4-digit postcode
            nl = m.group("nl")
            if nl is not None and nl.islower() and nl in _CITY_STOP | _TWO_LETTER:
                continue
            if street is not None:
                found.append(self._result(street, end, 0.6))
            elif m.group("pc4") is None:  # a bare 4-digit code needs its street
                found.append(self._result(m.start("block"), end, 0.5))
        return found

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            "STREET_ADDRESS",
            start,
            end,
            score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: _RECOGNIZER,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


# ---------------------------------------------------------------------- postcode anchors
_SEP = r"(?:,[ \t]*\r?\n?|\r?\n)[ \t]*"
_ANCHOR = re.compile(
    _SEP + r"(?P<block>"
    # US: Omaha, NE 68118
    r"" + _CITY + r"[ \t]*,[ \t]*(?:" + _US_STATES + r")[ \t]+\d{5}(?:-\d{4})?(?![\w\-])"
    # UK: Leeds LS1 4AB (the city is optional)
    r"|(?:" + _CITY + r"[ \t]+)?[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}(?![\w\-])"
    # IN: Bengaluru 560001, Kottayam-768595, Guna - 628104
    r"|" + _CITY + r"[ \t]*[-–]?[ \t]*[1-9]\d{2}[ \t]?\d{3}(?![\w\-])"
    # ES/IT: Madrid, 28013 / 98141, Giampilieri Marina
    r"|" + _CITY + r",[ \t]*\d{5}(?![\w\-])"
    r"|\d{5},[ \t]*(?P<city_after>[^\W\d_])"
    # DE/FR/ES/IT 10115 Berlin, D-10115 Berlin, NL 1015 CJ Amsterdam, AT/CH/BE 1010 Wien
    r"|(?:[A-Z]{1,2}-)?\d{5}[ \t]+(?=[^\W\d_])"
    r"|\d{4}[ \t]?(?P<nl>[A-Z]{2})(?:[ \t]+|(?![\w\-]))"
    r"|(?P<pc4>\d{4})[ \t]+(?=[^\W\d_])"
    r")",
    re.IGNORECASE,
)
#: Words that end a sentence's lead-in to an address ("ship it to", "my address is", "at").
_LEAD_IN = re.compile(
    r"(?:^|[:\n]|(?<=[a-z]{2}[.!?])[ \t]|\b(?:to|at|is|in|on|from|address|adresse|dirección|"
    r"indirizzo|adres|anschrift)\b)[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
_TWO_LETTER = frozenset(
    [
        "am",
        "an",
        "as",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "it",
        "me",
        "my",
        "no",
        "of",
        "ok",
        "or",
        "so",
        "up",
        "us",
        "we",
    ]
)
_MONTH_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE
)
_CITY_WORD_RE = re.compile(r"[ \t]*(" + _CITY_WORD + r")")
_CITY_STOP = frozenset(
    [
        "and",
        "or",
        "but",
        "is",
        "was",
        "to",
        "for",
        "the",
        "on",
        "in",
        "at",
        "please",
        "thanks",
        "if",
        "so",
        "last",
        "next",
        "this",
        "that",
        "when",
        "after",
        "before",
        "because",
        "with",
        "by",
    ]
)


def _city_end(text: str, pos: int) -> int:
    """Where a city name that starts at or after ``pos`` ends: one word, and more words while
    they are capitalised or not common English words ("Osterode am Harz", "ancarano")."""
    from chatveil._words import common_words

    common = common_words()
    m = _CITY_WORD_RE.match(text, pos)
    if m is None or m.group(1).casefold() in _CITY_STOP:
        return pos
    end = m.end()
    for _ in range(2):
        m = _CITY_WORD_RE.match(text, end)
        if m is None or "\n" in text[end : m.start(1)]:
            break
        word = m.group(1)
        if word.casefold() in _CITY_STOP or (word[0].islower() and word.casefold() in common):
            break
        end = m.end()
    # "(ME)": an Italian province code in brackets belongs to the city
    prov = re.match(r"[ \t]*\([A-Z]{2}\)", text[end:])
    return end + prov.end() if prov else end


def _street_before(text: str, anchor: int) -> int | None:
    """Start of the street part of an address whose postcode block starts at ``anchor``
    (after its separator): at most two comma-separated parts back to a lead-in, one of them
    with a house number; ``None`` if there is none."""
    line_start = text.rfind("\n", 0, anchor)
    if text[anchor] == "\n" or text[anchor : anchor + 2] == "\r\n":  # street on the line before
        line_start = text.rfind("\n", 0, max(line_start, 0))
    window = max(line_start + 1, anchor - 90, 0)
    lead = None
    for m in _LEAD_IN.finditer(text, window, anchor):
        if m.end() < anchor:
            lead = m.end()
    start = lead if lead is not None else window
    street = text[start:anchor]
    if not street.strip() or len(street.split()) > 10:
        return None
    parts = [p for p in re.split(r",[ \t]*|\r?\n", street) if p.strip()]
    if len(parts) > 2:
        keep = parts[-2:]
        start = anchor - len(street) + street.rfind(keep[0])
        parts = keep
    joined = " ".join(parts)
    if not any(ch.isdigit() for ch in joined) or re.search(r"[.!?][ \t]", joined):
        return None
    while start < anchor and text[start] in " \t":
        start += 1
    return start


def street_end(text: str, end: int) -> int:
    """Where an address that ends its street part at ``end`` really ends: past a following
    postcode and its city (``, 10115 Berlin``, `` LS1 4AB``, ``, omaha, ne 68118``)."""
    m = _TAIL.match(text, end)
    if m is None:
        return end
    code = m.group(0)
    # a bare 4-digit or 6-digit number right after a street could be anything: it needs a city
    # word after it (", 1015 Wien") or a city before it (", Bengaluru 560001")
    bare = _TAIL_NEEDS_CITY.fullmatch(re.sub(r"^[\s,]+", "", code).strip())
    if bare is not None:
        return end
    return m.end()
