"""What spaCy pipelines read of a text: the same length and offsets, with the runs that make
spaCy's tokenizer quadratic broken up. A leaf module (standard library only), used by the
detector and by chatveil's own trained model."""

from __future__ import annotations

import re

__all__ = ["MAX_RUN", "for_nlp"]

#: Longest run without whitespace spaCy reads whole; longest run of one punctuation mark.
MAX_RUN, _MAX_REPEAT = 64, 4
_REPEAT = re.compile(rf"([^\w\s])[^\w\s]{{{_MAX_REPEAT},}}")
_LONG = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_DELIMITERS = frozenset("()[]{}<>\"'`,;:|/\\=&*#~^")


def for_nlp(text: str) -> str:
    """``text`` as spaCy should read it: the same length and offsets, with runs that make its
    tokenizer quadratic broken up (a run of punctuation marks becomes its first mark and
    spaces; a run of more than 64 characters without whitespace gets a space at least every
    64, at a delimiter where one is near). Returns ``text`` itself when nothing changes.

    Pattern recognizers still read the original text; only NER and context words see this.
    """
    if _REPEAT.search(text) is None and _LONG.search(text) is None:
        return text
    out = _REPEAT.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - 1), text)
    chars = list(out)
    for match in _LONG.finditer(out):
        pos, end = match.span()
        while end - pos > MAX_RUN:
            limit = pos + MAX_RUN
            cut = next((i for i in range(limit, pos + MAX_RUN // 2, -1)
                        if out[i] in _DELIMITERS), limit)
            chars[cut] = " "
            pos = cut + 1
    return "".join(chars)
