"""chatveil's trained names-and-places NER (:mod:`.trained_ner`), filtered and
focused on the lines where the other recognizers are weakest. Opt-in::

    from chatveil.detect.recognizers import FilteredTrainedNerRecognizer
    GuardConfig(custom_recognizers=[FilteredTrainedNerRecognizer()])

Not in the default recognizers: on the world dev set it lowers the person leak from 1.1% to
0.9% (lower case 1.8% -> 1.0%, upper case 3.1% -> 2.5%), but a message typed all in lower or
upper case then takes 1.0-1.2x the time of plain Presidio (the model costs about a third of
spaCy's small model, on top of it).

The small trained model finds names of many origins in any casing, but in technical text it
also takes product and library names for people or places, and it costs about a third of the
spaCy model's time. So here it reads only the lines typed all in lower case or all in upper
case (where spaCy's small model is unreliable and word shape says less), and its results pass
the same filters as every other person/place recognizer: no technical spans
(``_shape.technical_span``), and no span made only of English words ("grace period", "will
do").
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from chatveil.detect.recognizers._common import WORD
from chatveil.detect.recognizers._lexicon import english_dictionary, world_names
from chatveil.detect.recognizers._shape import line_cases, place_not_person, technical_span
from chatveil.detect.recognizers.evidence import EDGE_VERBS
from chatveil.detect.recognizers.trained_ner import TrainedNerRecognizer

__all__ = ["FilteredTrainedNerRecognizer"]


class FilteredTrainedNerRecognizer(TrainedNerRecognizer):
    """:class:`~.trained_ner.TrainedNerRecognizer` on all-lower / all-upper lines,
    minus technical spans and spans made only of English words.

    Args:
        every_line: read every line, not only the all-lower / all-upper ones.
        **kwargs: passed to :class:`~.trained_ner.TrainedNerRecognizer`.
    """

    def __init__(self, *args: Any, every_line: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.every_line = every_line

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for start, end in self._blocks(text):
            for r in super().analyze(text[start:end], entities, nlp_artifacts):
                r.start += start
                r.end += start
                results.append(r)
        english = english_dictionary()
        first, last = world_names()
        kept = []
        for r in results:
            # "says chidinma eze", "burkina faso now": English words at the edges that are
            # no names are not part of the span
            words_at = list(WORD.finditer(text, r.start, r.end))
            while words_at and _edge_word(words_at[0].group(0), first, last, _LEADING):
                words_at.pop(0)
            while words_at and _edge_word(words_at[-1].group(0), first, last, STOP_WORDS):
                words_at.pop()
            if not words_at:
                continue
            r.start, r.end = words_at[0].start(), words_at[-1].end()
            if technical_span(text, r.start, r.end):
                continue
            words = [w.casefold() for w in WORD.findall(text, r.start, r.end)]
            if words and all(w in english for w in words):
                continue
            if r.entity_type == "PERSON" and place_not_person(text, r.start, r.end):
                r.entity_type = "LOCATION"
                r.score = self._scores["LOCATION"]
            kept.append(r)
        return kept

    def _blocks(self, text: str) -> list[tuple[int, int]]:
        """Runs of consecutive lines the model reads, as (start, end) offsets."""
        if self.every_line:
            return [(0, len(text))] if text.strip() else []
        cases = line_cases(text)
        blocks: list[tuple[int, int]] = []
        ends = [*cases.starts[1:], len(text) + 1]
        for start, end, case in zip(cases.starts, ends, cases.cases, strict=True):
            if case == "mixed" or not text[start:end - 1].strip():
                continue
            if blocks and blocks[-1][1] + 1 == start:
                blocks[-1] = (blocks[-1][0], end - 1)
            else:
                blocks.append((start, end - 1))
        return blocks


#: Function words that may open a span of the model but never a name ("from lagos").
_LEADING = frozenset([
    "the", "a", "an", "to", "from", "with", "and", "or", "for", "of", "in", "on", "at", "by",
    "my", "your", "his", "her", "our", "their", "hi", "hey", "dear", "so", "ok",
])


def _edge_word(word: str, first: frozenset[str], last: frozenset[str],
               function_words: frozenset[str] | set[str]) -> bool:
    """A function word or a verb of speech/action at the edge of a span ("says", "now"); other
    English words may be names ("lovely manalo", "grace okonjo", "do yun")."""
    key = word.casefold()
    return key in function_words or (key in EDGE_VERBS and key not in first and key not in last)
