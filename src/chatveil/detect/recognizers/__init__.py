"""Fast regex/checksum and name-list recognizers that Presidio does not ship in the form we need.

They are plain Presidio ``PatternRecognizer`` / ``EntityRecognizer`` subclasses, so they run
inside the ``AnalyzerEngine`` like any predefined recognizer. Each pattern carries a confidence
that reflects its false-positive risk (seed 004); weak shapes only pass the guard's threshold
when a context word ("phone", "call", "fax", ...) is near the match.

Context is checked on the raw text around the match, not on spaCy lemmas: the guard's NER
pipeline runs without a lemmatizer, so Presidio's lemma-based context enhancer sees nothing.
No recognizer here passes ``context=`` to Presidio, so scores are never boosted twice.

One family per module: ``cards``, ``iban``, ``phones``, ``ssn``, ``api_keys``, ``secrets``
(high-entropy assignments), ``national_ids``, ``dates_of_birth``, ``addresses``, ``handles``
(``@user.names``), ``filenames`` (names in attached files' names), ``signoffs`` ("- Ama"
ending a message), ``tables`` (person columns of pasted tables), ``dialogue`` (the answer
to "what's your name?"), ``ips`` (Presidio's, without slices), ``names`` (person rules),
``places``, ``ner`` (spaCy, filtered),
``evidence`` (names and places of any origin and casing from word shape, fields, cues, email
cross-evidence, a world gazetteer and in-text consistency), ``trained`` (chatveil's trained
NER, filtered; the detector runs it on every line of texts up to a size). Shared
helpers live in ``_common`` (context words, the own-flags base, text tests), ``_checks``
(check digits of national identifiers), ``_lexicon`` (name, place, English and technical word
lists) and ``_shape`` (line casing, technical spans, typos and compounds). A new family goes in
a module of its own and into :func:`default_recognizers`.

Optional, not in the defaults: ``TransformersNerRecognizer`` (module ``transformers_ner``) runs
a Hugging Face token-classification model from a local directory; it is imported on first
access, and loads ``torch`` and ``transformers`` only when its model is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from presidio_analyzer import EntityRecognizer

from chatveil.detect.recognizers._common import luhn_valid
from chatveil.detect.recognizers.addresses import StreetAddressRecognizer
from chatveil.detect.recognizers.api_keys import ApiKeyRecognizer
from chatveil.detect.recognizers.cards import CardNumberRecognizer
from chatveil.detect.recognizers.dates_of_birth import DateOfBirthRecognizer
from chatveil.detect.recognizers.dialogue import NameAnswerRecognizer
from chatveil.detect.recognizers.evidence import NameEvidenceRecognizer
from chatveil.detect.recognizers.filenames import FileNameRecognizer
from chatveil.detect.recognizers.handles import HandleRecognizer
from chatveil.detect.recognizers.iban import IbanCodeRecognizer, iban_valid
from chatveil.detect.recognizers.ips import IpAddressRecognizer
from chatveil.detect.recognizers.names import PersonNameRecognizer
from chatveil.detect.recognizers.national_ids import NationalIdRecognizer
from chatveil.detect.recognizers.ner import FilteredSpacyRecognizer
from chatveil.detect.recognizers.phones import InternationalPhoneRecognizer
from chatveil.detect.recognizers.places import KnownPlaceRecognizer
from chatveil.detect.recognizers.secrets import SecretAssignmentRecognizer
from chatveil.detect.recognizers.signoffs import SignOffRecognizer
from chatveil.detect.recognizers.ssn import UsSsnContextRecognizer
from chatveil.detect.recognizers.tables import TableColumnRecognizer
from chatveil.detect.recognizers.trained import FilteredTrainedNerRecognizer
from chatveil.detect.recognizers.travel import PassengerNameRecognizer

if TYPE_CHECKING:
    from chatveil.detect.recognizers.transformers_ner import TransformersNerRecognizer

__all__ = [
    "ApiKeyRecognizer",
    "CardNumberRecognizer",
    "DateOfBirthRecognizer",
    "FileNameRecognizer",
    "FilteredSpacyRecognizer",
    "FilteredTrainedNerRecognizer",
    "HandleRecognizer",
    "IbanCodeRecognizer",
    "InternationalPhoneRecognizer",
    "IpAddressRecognizer",
    "KnownPlaceRecognizer",
    "NameAnswerRecognizer",
    "NameEvidenceRecognizer",
    "NationalIdRecognizer",
    "PassengerNameRecognizer",
    "PersonNameRecognizer",
    "SecretAssignmentRecognizer",
    "SignOffRecognizer",
    "StreetAddressRecognizer",
    "TableColumnRecognizer",
    "TransformersNerRecognizer",
    "UsSsnContextRecognizer",
    "default_recognizers",
    "iban_valid",
    "luhn_valid",
]


def __getattr__(name: str) -> Any:
    """The optional recognizers, imported on first access."""
    if name == "TransformersNerRecognizer":
        from chatveil.detect.recognizers.transformers_ner import TransformersNerRecognizer

        return TransformersNerRecognizer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _email_recognizer(language: str) -> EntityRecognizer:
    """Presidio's email recognizer without context words: every email it keeps already has the
    highest score (its domain is checked), which a context word cannot raise, so Presidio's
    context enhancer would only scan the tokens around each email for nothing."""
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    class _ContextFreeEmailRecognizer(EmailRecognizer):
        CONTEXT: list[str] = []  # noqa: RUF012 - Presidio reads it as the default

    return _ContextFreeEmailRecognizer(supported_language=language, name="EmailRecognizer")


def default_recognizers(language: str = "en") -> list[EntityRecognizer]:
    """Every recognizer a guard runs by default (only those of requested entities execute)."""
    from presidio_analyzer.predefined_recognizers import UrlRecognizer, UsSsnRecognizer

    return [
        FilteredSpacyRecognizer(supported_language=language),
        _email_recognizer(language),
        IbanCodeRecognizer(supported_language=language),
        IpAddressRecognizer(supported_language=language),
        UsSsnRecognizer(supported_language=language),
        UsSsnContextRecognizer(supported_language=language),
        UrlRecognizer(supported_language=language),
        CardNumberRecognizer(supported_language=language),
        InternationalPhoneRecognizer(supported_language=language),
        ApiKeyRecognizer(supported_language=language),
        HandleRecognizer(supported_language=language),
        SecretAssignmentRecognizer(supported_language=language),
        NationalIdRecognizer(supported_language=language),
        DateOfBirthRecognizer(supported_language=language),
        StreetAddressRecognizer(supported_language=language),
        PersonNameRecognizer(supported_language=language),
        KnownPlaceRecognizer(supported_language=language),
        NameEvidenceRecognizer(supported_language=language),
        FileNameRecognizer(supported_language=language),
        SignOffRecognizer(supported_language=language),
        PassengerNameRecognizer(supported_language=language),
        TableColumnRecognizer(supported_language=language),
        NameAnswerRecognizer(supported_language=language),
        # FilteredTrainedNerRecognizer (every line) is added per text by the detector, for
        # texts up to GuardConfig.trained_ner_max_chars (see chatveil.detect._presidio).
    ]
