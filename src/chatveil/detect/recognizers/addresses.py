"""Street addresses."""

from __future__ import annotations

from presidio_analyzer import Pattern

from chatveil.detect.recognizers._common import OwnFlagsPatternRecognizer

# ---------------------------------------------------------------------- street addresses
_STREET_TYPES = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    "Terrace|Ter|Circle|Cir|Parkway|Pkwy|Square|Sq|Highway|Hwy|Trail|Crescent|Close|Row|Alley|"
    "Strasse|Straße|Straat|Plaza|Heights|Hill|Gardens|Grove|Walk"
)


_STREET_PREFIXES = (
    r"Via|Viale|Rue|Calle|Avenida|Avda\.|Rua|Piazza|Largo|Travessa|Praça|Plaza|ul\.|Ulica|"
    r"Strada|Carrer|Camino|Boulevard|Avenue|Chaussée|Chemin|Allée"
)
_STREET_SUFFIXES = (
    r"straat|weg|laan|gracht|plein|kade|dijk|steenweg|gasse|straße|strasse|allee|platz|damm|"
    r"vej|vägen|gatan|gata|gade|veien|vegen|utca|tie|katu"
)
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
_HOUSE = r"(?:\b\d{1,5}[A-Za-z]?[ \t]+)?"


class StreetAddressRecognizer(OwnFlagsPatternRecognizer):
    """Street addresses: ``221B Baker Street``, ``Via Carlo Cattaneo 130``, ``Kromwater 38``,
    ``Suite 286``, ``PSC 4457, Box 7534``, ``APO AP 95145``, ``Austin, TX 78701``."""

    PATTERNS = (
        Pattern(
            "number + name + street type",
            r"\b\d{1,6}[A-Za-z]?\s+(?:[A-Z][\w'\-]*\.?\s+){1,4}(?:" + _STREET_TYPES + r")\b\.?"
            r"(?:,?\s+(?:Apt|Apartment|Suite|Unit|Flat|#)\.?\s*[\w\-]+)?",
            0.7,
        ),
        # Via Carlo Cattaneo 130, 92 Rue de la Paix 12, ul. Karpacka 69
        Pattern(
            "street word + name + number",
            _HOUSE + r"\b(?:" + _STREET_PREFIXES + r")[ \t]+(?:[^\W\d_][\w'’.\-]*[ \t]+){0,4}"
            r"\d{1,5}[A-Za-z]?\b",
            0.6,
        ),
        # Kromwater-style names ending in a street suffix: Hulsterdreef is not, Lozerlaan 172 is
        Pattern(
            "street-suffixed name + number",
            _HOUSE + r"\b[A-ZÀ-Þ][^\W\d_]*(?:" + _STREET_SUFFIXES + r")\.?[ \t]+\d{1,5}[A-Za-z]?\b",
            0.6,
        ),
        Pattern("apartment or suite",
                r"\b(?:Apt|Apartment|Suite|Flat)\.?[ \t]*#?\d{1,5}[A-Za-z]?\b", 0.5),
        Pattern("military or PO box",
                r"\b(?:PSC|Unit|CMR)[ \t]+\d{3,5},?[ \t]+Box[ \t]+\d{1,5}\b"
                r"|\b(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}\b"
                r"|\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+\d{1,6}\b",
                0.7),
        Pattern("US state + ZIP", r"\b(?:" + _US_STATES + r")[ \t]+\d{5}(?:-\d{4})?\b", 0.6),
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="STREET_ADDRESS",
            patterns=list(self.PATTERNS),
            supported_language=supported_language,
            name="ChatveilStreetAddressRecognizer",
        )
