"""Context filters and span trimming applied after detection (seed 003): code blocks, URLs,
file paths, the allow list, whitespace and possessives around names."""

from __future__ import annotations

import re

from chatveil.config import GuardConfig
from chatveil.spans import Span

__all__ = ["skipped_regions", "trim"]

#: Regions whose spans are left alone when configured.
_CODE_BLOCK = re.compile(r"```.*?(?:```|\Z)|`[^`\n]+`", re.DOTALL)
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'`]+|\bwww\.[^\s<>\"'`]+", re.IGNORECASE)
_FILE_PATH = re.compile(
    r"(?<![\w.])(?:~|\.{1,2})?(?:/[\w.\-]+){2,}/?|\b[A-Za-z]:\\(?:[\w.\- ]+\\)*[\w.\-]+"
)



_NAME_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
_TITLE_BEFORE = re.compile(r"(?<!\w)(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? $")


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
