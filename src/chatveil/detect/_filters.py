"""Context filters and span trimming applied after detection (seed 003): code blocks, URLs,
file paths, the allow list, whitespace and possessives around names."""

from __future__ import annotations

import re

from chatveil.config import GuardConfig
from chatveil.spans import Span

__all__ = ["settle_person_or_place", "skipped_regions", "trim"]

#: Regions whose spans are left alone when configured.
_CODE_BLOCK = re.compile(r"```.*?(?:```|\Z)|`[^`\n]+`", re.DOTALL)
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'`]+|\bwww\.[^\s<>\"'`]+", re.IGNORECASE)
_FILE_PATH = re.compile(
    r"(?<![\w.])(?:~|\.{1,2})?(?:/[\w.\-]+){2,}/?|\b[A-Za-z]:\\(?:[\w.\- ]+\\)*[\w.\-]+"
)



_NAME_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
_TITLE_BEFORE = re.compile(r"(?<!\w)(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? $")
#: A lower-case first or last word of a span, with the blank that parts it from the rest.
_FIRST_WORD = re.compile(r"([a-z]+)[ \t]+")
_LAST_WORD = re.compile(r"[ \t]+([a-z]+)$")


def trim(text: str, span: Span) -> Span:
    """Strip whitespace and trailing punctuation NER sometimes includes in a span."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:!?\"'"):
        end -= 1
    if span.entity_type in _NAME_TYPES:
        # a possessive belongs to the sentence, not to the name: "Jane Doe's" -> "Jane Doe"
        for suffix in ("'s", "\u2019s"):
            if text.endswith(suffix, start, end) and end - start > len(suffix):
                end -= len(suffix)
                break
        # nor does a chat word the model took along: "ngl kwabena said", "ask yaw lol"
        # (the lexicon lives beside the recognizers, which load Presidio: not at import)
        from chatveil.detect.recognizers._lexicon import CHAT_WORDS

        while (m := _FIRST_WORD.match(text, start, end)) and m.group(1) in CHAT_WORDS:
            start = m.end()
        while (m := _LAST_WORD.search(text, start, end)) and m.group(1) in CHAT_WORDS:
            end = m.start()
    if span.entity_type == "PERSON":
        # keep a title with the name, so "Mr Smith" is known to be a surname
        title = _TITLE_BEFORE.search(text, max(0, start - 8), start)
        if title is not None:
            start = title.start()
    if (start, end) == (span.start, span.end) or end <= start:
        return span
    return Span(start, end, span.entity_type, span.score)


def skipped_regions(text: str, config: GuardConfig) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    if config.skip_code_blocks and "`" in text:
        regions += [m.span() for m in _CODE_BLOCK.finditer(text)]
    if config.skip_urls:
        regions += [m.span() for m in _URL.finditer(text)]
    if config.skip_file_paths:
        regions += [m.span() for m in _FILE_PATH.finditer(text)]
    return regions


_LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|from|to|near|at|around|outside|across) $")


def settle_person_or_place(text: str, spans: list[Span]) -> list[Span]:
    """One value found as a person by one recognizer and as a place by another takes the type
    the word lists agree on: a known place none of whose words is a known given name
    ("Izmir") is a place, and so is one whose words are also surnames ("Porto Alegre") after
    "in", "from", "to"...; a value made of known name words that are no English words
    ("Almeida Street") and no known place is a person. Otherwise ("Georgia", "Austin") the higher
    score decides, as for any overlap.

    Both spans would mask the value; this only picks the surrogate's kind, so that "a school in
    Izmir" does not become "a school in Daniel".
    """
    by_range: dict[tuple[int, int], set[str]] = {}
    for span in spans:
        if span.entity_type in ("PERSON", "LOCATION"):
            by_range.setdefault((span.start, span.end), set()).add(span.entity_type)
    both = {r for r, types in by_range.items() if len(types) == 2}
    if not both:
        return spans
    from chatveil.detect.recognizers._lexicon import english_dictionary, world_names, world_places

    places = world_places()[0]
    given, family = world_names()
    english = english_dictionary()
    lose: dict[tuple[int, int], str] = {}
    for start, end in both:
        value = " ".join(text[start:end].casefold().split())
        words = [w for w in re.split(r"[\s\-'’]+", value) if w]
        place_like = not any(w in family for w in words) or \
            _LOCATIVE_BEFORE.search(text, max(0, start - 12), start) is not None
        if value in places and place_like and not any(w in given for w in words):
            lose[(start, end)] = "PERSON"
        elif value not in places and words and all(
                (w in given or w in family) and w not in english for w in words):
            lose[(start, end)] = "LOCATION"
    return [s for s in spans if lose.get((s.start, s.end)) != s.entity_type]
