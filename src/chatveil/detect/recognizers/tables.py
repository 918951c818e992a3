"""Names in the person columns of pasted tables: CSV, TSV, semicolon-separated and markdown.

An export pasted into a chat ("DATE,SHIFT,STAFF,ROLE" then a row per shift) names people in
a column whose header says so (name, staff, employee, candidate, owner...: the person labels
of :mod:`~chatveil.detect.recognizers._lexicon`, which form fields share). Every cell of
such a column, in the rows below the header with as many cells, is a person, whatever its
words: no list has to know the name, and its casing does not matter. Cells without letters,
with digits or an ``@`` (an id, a date, an email: other recognizers read those) and cells
such as "n/a", "TBD" or "unassigned" are left alone.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from chatveil._words import unaccented
from chatveil.detect.recognizers._common import (
    PersonRuleRecognizer,
    lines_with_offsets,
    wordset,
)
from chatveil.detect.recognizers._lexicon import PERSON_LABELS

__all__ = ["TableColumnRecognizer"]

#: Column headers whose cells are people (casefolded, without accents; spaces and "_" as one
#: space): the person labels, and any of them followed by "name" ("customer name").
_PERSON_HEADERS = frozenset(unaccented(label) for label in PERSON_LABELS)
_DELIMITERS = (",", ";", "\t", "|")
_HAS_DIGIT_OR_AT = re.compile(r"[\d@]")
#: Cells of a person column that name no one.
_NO_ONE = wordset("""
n/a na none null nil unknown tbd tba tbc unassigned nobody anyone everyone all team me you
yes no true false pending vacant open
""") | {"-", "?"}


def _cells(line: str, delimiter: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of ``line``, quotes respected for CSV."""
    cells, start, quoted = [], 0, False
    for i, ch in enumerate(line):
        if ch == '"' and delimiter != "|":
            quoted = not quoted
        elif ch == delimiter and not quoted:
            cells.append((start, i))
            start = i + 1
    cells.append((start, len(line)))
    if delimiter == "|":  # "| a | b |": the edges are no cells
        if cells and not line[cells[0][0]:cells[0][1]].strip():
            cells = cells[1:]
        if cells and not line[cells[-1][0]:cells[-1][1]].strip():
            cells = cells[:-1]
    return cells


def _header_key(cell: str) -> str:
    return " ".join(unaccented(cell.strip(" \t\"'*").casefold()).replace("_", " ").split())


def _person_header(cell: str) -> bool:
    """True if ``cell`` is the header of a column of people."""
    key = _header_key(cell)
    return key in _PERSON_HEADERS or (key.endswith(" name") and key[:-5] in _PERSON_HEADERS)


class TableColumnRecognizer(PersonRuleRecognizer):
    """PERSON for the cells of a table's person columns (see the module docstring)."""

    SCORE = 0.7

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        if "PERSON" not in entities or "\n" not in text or \
                not any(d in text for d in _DELIMITERS):
            return []
        lines = lines_with_offsets(text)
        results: list[RecognizerResult] = []
        i = 0
        while i < len(lines):
            found = self._table(text, lines, i, results)
            i = found if found > i else i + 1
        return results

    def _table(self, text: str, lines: list[tuple[int, str]], i: int,
               results: list[RecognizerResult]) -> int:
        """Read the table whose header is line ``i`` (if it is one); the next line to read."""
        _, header = lines[i]
        for delimiter in _DELIMITERS:
            if delimiter not in header:
                continue
            heads = _cells(header, delimiter)
            columns = [k for k, (a, b) in enumerate(heads) if _person_header(header[a:b])]
            if len(heads) < 2 or not columns:
                continue
            j = i + 1
            while j < len(lines):
                start, row = lines[j]
                if delimiter == "|" and re.fullmatch(r"[\s|:\-]+", row) and row.strip():
                    j += 1  # the markdown rule under the header
                    continue
                cells = _cells(row, delimiter)
                if len(cells) != len(heads) or (not _HAS_DIGIT_OR_AT.search(row) and any(
                        _person_header(row[a:b]) for a, b in cells)):
                    break  # the table ends, or another one starts
                for k in columns:
                    self._cell(text, start + cells[k][0], start + cells[k][1], results)
                j += 1
            return j
        return i

    def _cell(self, text: str, start: int, end: int, results: list[RecognizerResult]) -> None:
        while start < end and text[start] in " \t\"'*":
            start += 1
        while end > start and text[end - 1] in " \t\"'*":
            end -= 1
        value = text[start:end]
        words = re.findall(r"[^\W\d_]+", value)
        if not words or _HAS_DIGIT_OR_AT.search(value) or value.casefold() in _NO_ONE:
            return
        results.append(self.person(start, end))
