"""Complete person names that detection found only in part.

The recognizers often find one word of a name and miss its neighbour: a short or English-looking
surname ("Oh Jungmi", "Hwang, Shim"), a middle word that is also an abbreviation ("Phan Thu
Ang"), a given name written in CamelCase ("KyungHwa Baek"). A name replaced in part leaks the
rest ("Tiffany Thu Frank"). After all recognizers have spoken, each person span is widened over
the words beside it on its own line when they read as name words, and two person spans with one
such word between them become one. Nothing here finds a name on its own: it only completes one
that another rule found, so PII-free text is untouched.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from chatveil.detect.recognizers._common import (
    NAME_WORD,
    WORD,
    contraction,
    glued,
    sentence_start,
    word_tokens,
    wordset,
)
from chatveil.detect.recognizers._lexicon import (
    AMBIGUOUS,
    EPONYM_NEXT,
    JOB_WORDS,
    NOT_A_NAME_WORD,
    NOT_A_PERSON,
    SHORT_SURNAMES,
    english_dictionary,
    world_names,
)
from chatveil.detect.recognizers._shape import (
    LineCases,
    line_cases,
    mixed_in_word,
    syllable_name,
    technical_word,
)
from chatveil.detect.recognizers.evidence import (
    EDGE_VERBS,
    LINK_WORDS,
    ORG_SUFFIXES,
    RELATION_WORDS,
    VERBS_BEFORE,
    common_word_goes_on,
    repeatable,
)
from chatveil.spans import Span

__all__ = ["complete_names", "without_openers"]

#: Words that link or greet, never part of a name even when some list has them as one.
_LINKS = LINK_WORDS | EDGE_VERBS | RELATION_WORDS | wordset(
    "for from by at in on dear hi hello hey thanks thank regards cheers")
#: Words that stand beside a name without belonging to it: links, titles, jobs.
_NEVER = _LINKS | JOB_WORDS | wordset("mr mrs ms miss dr prof sir madam team")
_LEFT = re.compile(r"(?P<w>" + NAME_WORD + r")(?P<gap> |, )$")
_RIGHT = re.compile(r"(?P<gap> |, )(?P<w>" + NAME_WORD + r")")
#: What may follow "Surname, Given" / come before it: the end of an entry of a list or a line.
_ENTRY_END = re.compile(r"[ \t]*(?:$|[;)\]|]|\n)", re.MULTILINE)
_ENTRY_START = re.compile(r"(?:^|[:;(\[|]|\n)[ \t]*$")
_MAX_WORDS = 2  # words added on each side of a span
#: One or two name words in brackets right after a name: "Pegah (Sheikh)", "Robert (Bob)".
_BRACKETED = re.compile(r"[ \t]\((?P<w>" + NAME_WORD + r")\)")
_BEFORE_BRACKET = re.compile(r"(?P<w>" + NAME_WORD + r")[ \t]\($")
_FIRST_PERSON = frozenset(["me", "myself", "i"])
#: What may stand right before a name's first word: a label's colon, "my name is", "i am".
_NAME_OPENS = re.compile(r"(?::|\bname is|\bi am|\bi'm|\bi’m)[ \t]*$", re.IGNORECASE)
_SHORT_LINE = re.compile(r"[ \t]*(?P<words>" + NAME_WORD + r"(?: " + NAME_WORD + r"){1,3})[ \t]*")
_CLAUSE_END = re.compile(r"[ \t]*(?:$|[.,;:!?|)\]—–]|[ \t]-[ \t])", re.MULTILINE)


class _Words:
    """The tests on one text's words, with its line casings."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cases: LineCases = line_cases(text)
        self.english = english_dictionary()
        self.first, self.last = world_names()

    def name_word(self, s: int, e: int, span_text: str, between: bool = False,
                  after: bool = False) -> bool:
        """``text[s:e]`` may belong to the name ``span_text`` beside it: cased like a name on
        its line, no stop word, verb, job or technical term, and a known name word, a short
        family name, or no English word (``between`` two parts of a name, any such word).
        ``after`` the name, a known family name that is also a title or a job counts
        ("Monah Sheikh", "Grace King")."""
        w = self.text[s:e]
        key = w.casefold()
        surname = after and key in self.last and key not in _LINKS
        if surname and self.cases.at(s) != "mixed" and common_word_goes_on(self.text, key, e):
            return False  # no case to tell: "priya won the hackathon", "priya long ago"
        if len(key) < 2 or len(key) > 20 or (key in _NEVER and not surname) or \
                contraction(key) or mixed_in_word(self.text, w) or (
                key in STOP_WORDS and not self._family_name_last(s, e) and
                not self._family_name_first(s, e)):
            return False
        if not (between or surname) and (
                key in NOT_A_NAME_WORD or key in NOT_A_PERSON or key in EPONYM_NEXT or
                technical_word(key, sure=True)):
            return False  # (between two parts of a name, "Thu" is no weekday: "Phan Thu Ang")
        case = self.cases.at(s)
        if case == "mixed":
            if not w[:1].isupper():
                return False
            if len(w) > 1 and w.isupper() and not span_text.isupper() and not (
                    after and len(key) >= 3 and key not in self.english and
                    w.replace("-", "").isalpha() and any(c in "aeiouy" for c in key)):
                return False  # (but a family name in capitals after a name: "Heba HEGAZY")
            if any(c.isupper() for c in w[1:]) and not w.isupper() and "-" not in w and \
                    not syllable_name(w, self.english):
                return False
        known = key in self.first or key in self.last or key in SHORT_SURNAMES
        if case == "mixed" and not after and sentence_start(self.text, s) and \
                key in self.english and (not known or key in AMBIGUOUS) and \
                not (w.isupper() and span_text.isupper()):
            # capitalised only because a sentence starts: "Will Anna come?" (but a name in
            # capitals says nothing by its capitals: "summary: MARK ANTHONY PANGILINAN")
            return False
        if known or between:
            return True
        parts = [p for p in key.split("-") if p]
        return not any(p in self.english for p in parts)

    def loose_word(self, s: int, e: int, span_text: str) -> bool:
        """``text[s:e]`` may belong to the name ``span_text`` when what stands around them
        says so (a line that holds nothing else): any word cased like the name, but no stop
        word, greeting, verb, job, chat, time or technical word."""
        w = self.text[s:e]
        key = w.casefold()
        if len(key) < 2 or key in STOP_WORDS or key in _NEVER or key in NOT_A_NAME_WORD or \
                mixed_in_word(self.text, w) or \
                key in NOT_A_PERSON or key in EPONYM_NEXT or technical_word(key, sure=True) \
                or contraction(key):
            return False
        if self.cases.at(s) != "mixed":
            return True
        return w[:1].isupper() and w.isupper() == span_text.isupper()

    def _family_name_first(self, s: int, e: int) -> bool:
        """``Do Yun Kang`` after "my name is", ``do yun park`` after "name:": a short family
        name that is also a stop word opens a name right after a label or an introduction
        (where "do" cannot be a verb before a name, unlike "Do Anna and Ben agree?")."""
        return self.text[s:e].casefold() in SHORT_SURNAMES and \
            _NAME_OPENS.search(self.text, max(0, s - 16), s) is not None

    def _family_name_last(self, s: int, e: int) -> bool:
        """``Khai Do.``, ``Tat Do`` at the end of a line: a short family name that is also a
        stop word, capitalised on a mixed line right after a name and closing the clause (the
        end of the line or a punctuation mark follows, not a word: "Anna Do you know")."""
        w = self.text[s:e]
        return w.casefold() in SHORT_SURNAMES and w[:1].isupper() and w[1:].islower() and \
            self.cases.at(s) == "mixed" and self.text[s - 1:s] == " " and \
            _CLAUSE_END.match(self.text, e) is not None


class _Intervals:
    """Sorted character ranges, asked in logarithmic time whether they touch or hold a range
    (a long document has thousands of spans: a scan per question would be quadratic)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self._ranges = sorted(ranges)
        self._starts = [a for a, _ in self._ranges]
        self._reach = list(itertools.accumulate((b for _, b in self._ranges), max))

    def overlaps(self, a: int, b: int) -> bool:
        """Some range shares a character with ``a:b``."""
        i = bisect.bisect_left(self._starts, b) - 1  # the ranges that start before b
        return i >= 0 and self._reach[i] > a

    def holds(self, a: int, b: int) -> bool:
        """Some range holds all of ``a:b``."""
        i = bisect.bisect_right(self._starts, a) - 1
        return i >= 0 and self._reach[i] >= b


def complete_names(text: str, spans: Iterable[Span]) -> list[Span]:
    """``spans`` with each person span widened over the name words beside it (see the
    module docstring); other spans are returned as they are."""
    spans = _relations(text, list(spans))
    persons = sorted((s for s in spans if s.entity_type == "PERSON"), key=lambda s: s.start)
    if not persons:
        return spans
    others = [s for s in spans if s.entity_type != "PERSON"]
    taken = _Intervals((s.start, s.end) for s in others)
    words = _Words(text)

    def free(a: int, b: int) -> bool:
        return not taken.overlaps(a, b)

    out: list[Span] = []
    for span in persons:
        start, end = span.start, span.end
        if out and out[-1].end >= start:  # already inside the previous, widened span
            if end > out[-1].end:
                prev = out.pop()
                out.append(Span(prev.start, end, "PERSON", max(prev.score, span.score)))
            continue
        start, end = _widen(words, start, end, free)
        start, end = _whole_line(words, start, end, free)
        if out:
            prev = out[-1]
            gap = text[prev.end:start]
            one_word = re.fullmatch(r" " + NAME_WORD + r" ", gap) is not None
            if start <= prev.end or gap == " " or (one_word and free(prev.end, start) and (
                    words.name_word(prev.end + 1, start - 1, text[start:end], between=True))):
                out[-1] = Span(prev.start, max(end, prev.end), "PERSON",
                               max(prev.score, span.score))
                continue
        out.append(Span(start, end, "PERSON", span.score))
    out += _parenthesised(words, out, taken)
    people, places = _list_items(words, out, others, taken)
    out += people
    if places:
        gone = set(places)
        others = [s for s in others if s not in gone]
    out += _repeats(words, out, taken)
    return others + out + _mentions(words, out, taken)


#: Lower-case words that open a request to or about someone, never a name's first word.
_OPENERS = VERBS_BEFORE | wordset("ok okay pls please plz")
_FIRST_WORD = re.compile(r"([^\W\d_]+)[ \t]+(?=[^\W\d_])")


#: "my friend ", "our new landlord ": a relation right before a value makes it a person.
_RELATION_BEFORE = re.compile(
    r"(?<![^\W_])(?:my|our|your|his|her|their)[ \t]+(?:[^\W\d_]+[ \t]+)?"
    r"(?P<rel>[^\W\d_][\w'’\-]*)[ \t]+$", re.IGNORECASE)
#: Relations that may also stand before a thing ("my report Lagos Q3", "my lead Berlin").
_NOT_ONLY_PEOPLE = wordset("report contact lead hire")


def _relations(text: str, spans: list[Span]) -> list[Span]:
    """A place span right after a relation ("my friend Mahbub Mollah" with "Mahbub" taken for
    a town) is a person: no one calls a place "my friend"."""
    out = []
    for span in spans:
        if span.entity_type == "LOCATION":
            m = _RELATION_BEFORE.search(text, max(0, span.start - 40), span.start)
            rel = m.group("rel").casefold() if m is not None else ""
            if rel in RELATION_WORDS and rel not in _NOT_ONLY_PEOPLE:
                span = Span(span.start, span.end, "PERSON", span.score)
        out.append(span)
    return out


def without_openers(text: str, spans: Iterable[Span]) -> list[Span]:
    """``spans`` with each person span cut after the lower-case verbs or openers some
    recognizers take in with a name: "ping sarah" -> "sarah", "ok ping Minh" -> "Minh"."""
    out = []
    for span in spans:
        start = span.start
        while span.entity_type == "PERSON" and \
                (m := _FIRST_WORD.match(text, start, span.end)) is not None and \
                m.group(1).islower() and m.group(1) in _OPENERS:
            start = m.end()
        out.append(span if start == span.start else
                   Span(start, span.end, span.entity_type, span.score))
    return out


def _parenthesised(words: _Words, persons: list[Span], taken: _Intervals) -> list[Span]:
    """A family name or nickname in brackets right after a name, or the name right before
    a family name in brackets: "Pegah (Sheikh)", "Hoc (Võ)", "Robert (Bob) Smith"; not a
    role or team ("Ifeoma Nnadi (Sales)")."""
    text = words.text
    spans = _Intervals((s.start, s.end) for s in persons)
    found = []
    for span in persons:
        value = text[span.start:span.end]
        m = _BRACKETED.match(text, span.end)
        if m is not None and m.group("w").casefold() not in JOB_WORDS and \
                not spans.overlaps(m.start("w"), m.end("w")) and \
                not taken.overlaps(m.start("w"), m.end("w")) and \
                words.name_word(m.start("w"), m.end("w"), value, after=True):
            found.append(Span(m.start("w"), m.end("w"), "PERSON", span.score))
        if text[span.start - 1:span.start] != "(" or text[span.end:span.end + 1] != ")":
            continue
        m = _BEFORE_BRACKET.search(text, max(0, span.start - 40), span.start)
        if m is not None and not spans.overlaps(m.start("w"), m.end("w")) and \
                not taken.overlaps(m.start("w"), m.end("w")) and \
                words.name_word(m.start("w"), m.end("w"), value, between=True):
            found.append(Span(m.start("w"), m.end("w"), "PERSON", span.score))
    return found


#: One item of a list of people: one to three words, then perhaps a remark in brackets
#: ("liya alemu (legal)"); "and", "or" and "&" only join items.
_ITEM_WORD = r"(?!(?i:and|or)\b)" + NAME_WORD
_ITEM = (r"(?<![^\W\d_])(" + _ITEM_WORD + r"(?:[ \t]" + _ITEM_WORD + r"){0,2})"
         r"(?:[ \t]*\([^()\n]{1,40}\))?")
_ITEM_GLUE = (r"(?:[ \t]*[,;][ \t]*(?:(?i:and|or)[ \t]+|&[ \t]*)?|[ \t]+(?:(?i:and|or)|&)[ \t]+"
              r"|[ \t]?/[ \t]?)")
_ITEM_RE = re.compile(_ITEM)
_ITEM_LIST = re.compile(_ITEM + r"(?:" + _ITEM_GLUE + _ITEM + r")+")
_AMPERSAND_PAIR = re.compile(r"[ \t]+&[ \t]+")
_AND_PAIR = re.compile(r"[ \t]+and[ \t]+")


def _list_items(words: _Words, persons: list[Span], others: list[Span], taken: _Intervals
                ) -> tuple[list[Span], list[Span]]:
    """The other items of a list of three or more items of one to three words, two of which
    are people (the writer counts: "me, Dodo, Fernanda and Ramanan"; "nahom kebede (design),
    mekdes gebremedhin (backend), and liya alemu (legal)"), or of a pair joined by "&" one of
    which is a person ("yating & lei"; joined by "and", capitalised on a mixed line: "Elif and
    Can"). An item counts when every word of it reads as a name
    word on its line (capitalised on a mixed line; elsewhere no stop, chat, job or technical
    word, and no English word unless a name list has it); of the first item, the words that
    do at its end ("invited liya alemu"), of the last those at its start ("& lei finally
    broke up"). Returns the new person spans, and the place
    spans of such a list that has the writer in it or mostly names, where the place is a
    one-word given name too (a given name taken for a town: "Layla, Harry and Michele"), now
    persons."""
    text = words.text
    found: list[Span] = []
    places: list[Span] = []
    spans = _Intervals((s.start, s.end) for s in persons)
    ends = [s.end for s in persons]  # disjoint, in text order
    towns = {(s.start, s.end): s for s in others if s.entity_type == "LOCATION"}
    for m in _ITEM_LIST.finditer(text):
        items = [i.span(1) for i in _ITEM_RE.finditer(text, m.start(), m.end())]
        inside = [spans.overlaps(a, b) for a, b in items]
        me = any(text[a:b].casefold().split()[-1] in _FIRST_PERSON for a, b in items)  # "it's me"
        glue = text[items[0][1]:items[1][0]] if len(items) == 2 else ""
        # two people: "yating & lei"; "Elif and Can" only capitalised on a mixed line
        strict = _AND_PAIR.fullmatch(glue) is not None
        pair = strict or _AMPERSAND_PAIR.fullmatch(glue) is not None
        if not any(inside) or ((sum(inside) + me < 2 or len(items) < 3) and not pair):
            continue
        first = bisect.bisect_right(ends, m.start())  # the first name ending inside the list
        score = min(s.score for s in persons[first:] if s.start < m.end())
        most = 2 * sum(inside) > len(items)  # "Layla, Harry, Michele and James"
        for n, ((a, b), named) in enumerate(zip(items, inside, strict=True)):
            item = list(WORD.finditer(text, a, b))
            if taken.overlaps(a, b):  # a given name the model took for a town
                place = towns.get((a, b))
                if place is None or len(item) != 1 or words.cases.at(a) != "mixed" or \
                        not words.name_word(a, b, text[a:b], between=True) or \
                        not (me or (most and text[a:b].casefold() in words.first)):
                    continue
                places.append(place)
                if not named:
                    found.append(Span(a, b, "PERSON", score))
                continue
            if named:
                continue
            ok = [_list_word(words, w.start(), w.end(), strict) for w in item]
            if me or most:
                # a list of people: its one word next to the other items is a name, an
                # English word too ("ME, ANGELICA, REYNALDO AND RHEA")
                k = -1 if n == 0 else 0
                if (len(item) == 1 or n in (0, len(items) - 1)) and not ok[k]:
                    ok[k] = _placed_name_word(words, item[k].start(), item[k].end())
            if n == 0:  # the first item: its last words ("invited liya alemu")
                k = len(ok)
                while k and ok[k - 1]:
                    k -= 1
                if k < len(ok):
                    found.append(Span(item[k].start(), b, "PERSON", score))
            elif n == len(items) - 1:  # the last: its first words ("& lei finally broke up")
                k = 0
                while k < len(ok) and ok[k]:
                    k += 1
                if k:
                    found.append(Span(a, item[k - 1].end(), "PERSON", score))
            elif all(ok):
                found.append(Span(a, b, "PERSON", score))
    return found, places


def _list_word(words: _Words, s: int, e: int, strict: bool = False) -> bool:
    """A word of an item in a list of people that reads as a name word (see
    :func:`_list_items`); ``strict`` (a pair joined by "and"), only a capitalised given name
    or surname of the lists on a mixed line."""
    key = words.text[s:e].casefold()
    if strict:
        return words.cases.at(s) == "mixed" and (key in words.first or key in words.last) and \
            words.name_word(s, e, words.text[s:e])
    if words.cases.at(s) == "mixed":
        return words.name_word(s, e, words.text[s:e], between=True)
    if len(key) < 2 or key in STOP_WORDS or key in _NEVER or key in NOT_A_NAME_WORD or \
            key in NOT_A_PERSON or technical_word(key, sure=True):
        return False
    return key not in words.english or key in words.first or key in words.last


def _placed_name_word(words: _Words, s: int, e: int) -> bool:
    """A word that may be a given name where the place says it is one, an English word too:
    no stop, chat, job, time or technical word, capitalised on a mixed line."""
    key = words.text[s:e].casefold()
    if len(key) < 2 or key in STOP_WORDS or key in _NEVER or key in NOT_A_NAME_WORD or \
            key in NOT_A_PERSON or technical_word(key, sure=True) or contraction(key):
        return False
    return words.cases.at(s) != "mixed" or words.text[s:e][:1].isupper()


def _repeats(words: _Words, persons: list[Span], taken: _Intervals) -> list[Span]:
    """Other mentions of a one-word name that is also an English word, written the same way:
    in the middle of a sentence on a mixed line ("Binh or Man? ... but Man signs off"), or on
    a line of one casing where a word that owns or acts stands, not a thing or a verb before
    its object ("at hunter's place ... will hunter be cooking ... hunter will be upset", not
    "the hunter", "mark the ticket"). (Names that are no English words are repeated by the
    evidence recognizer already.)"""
    text = words.text
    names: dict[str, float] = {}
    for span in persons:
        value = text[span.start:span.end]
        key = value.casefold()
        if WORD.fullmatch(value) and key in words.english and key not in STOP_WORDS and \
                key not in _NEVER and ((value[:1].isupper() and value[1:].islower()) or (
                    value.islower() and words.cases.at(span.start) != "mixed")):
            names[value] = max(span.score, names.get(value, 0.0))
    if not names:
        return []
    persons_at = _Intervals((s.start, s.end) for s in persons)
    tokens = word_tokens(text)
    found = []
    for k, (s, e, w) in enumerate(tokens):
        score = names.get(w)
        if score is None or persons_at.overlaps(s, e) or taken.overlaps(s, e):
            continue
        mixed = words.cases.at(s) == "mixed"
        if mixed != (w[:1].isupper()):
            continue
        if mixed and sentence_start(text, s):
            continue
        if not mixed and not _acts(text, tokens, k):
            continue
        found.append(Span(s, e, "PERSON", score))
    return found


#: Before a thing, not a person ("the hunter", "my honey"); before an object, after a verb
#: ("mark the ticket", "rose up").
_THING_BEFORE = wordset("the a an this that these those my your his her our their its some any "
                        "no every each of")
_OBJECT_AFTER = wordset("the a an this that these those my your his her our their its it them "
                        "him me us up down off out as")


def _acts(text: str, tokens: Sequence[tuple[int, int, str]], k: int) -> bool:
    """Token ``k`` stands where a person does on a line of one casing: no determiner before
    it and no object after it, with only a blank, a comma or a possessive between."""
    if k > 0 and tokens[k - 1][2].casefold() in _THING_BEFORE and \
            text[tokens[k - 1][1]:tokens[k][0]] == " ":
        return False
    if k + 1 < len(tokens):
        gap = text[tokens[k][1]:tokens[k + 1][0]]
        if gap == " " and tokens[k + 1][2].casefold() in _OBJECT_AFTER:
            return False
    return True


def _mentions(words: _Words, persons: list[Span], taken: _Intervals) -> list[Span]:
    """Other mentions, in any casing, of the words of every name found, whichever recognizer
    found it, when the word is no English, technical or chat word: "@hiếu.ngô: ... @hiếu.ngô:",
    "tell Okonjo ... OKONJO's". (The evidence recognizer does the same for the names its own
    rules and spaCy found; this also covers the trained model's and the other rules'.)"""
    text = words.text
    keys: dict[str, float] = {}
    for span in persons:
        for m in WORD.finditer(text, span.start, span.end):
            key = m.group(0).casefold()
            if repeatable(key, words.english):
                keys[key] = max(span.score, keys.get(key, 0.0))
    if not keys:
        return []
    persons_at = _Intervals((s.start, s.end) for s in persons)
    tokens = word_tokens(text)
    found = []
    for k, (s, e, w) in enumerate(tokens):
        score = keys.get(w.casefold())
        if score is None or persons_at.overlaps(s, e) or taken.overlaps(s, e) or \
                glued(text, s, e):
            continue
        if k + 1 < len(tokens) and text[e:tokens[k + 1][0]] in (" ", ", ") and \
                tokens[k + 1][2].casefold().rstrip(".") in ORG_SUFFIXES:
            continue  # a firm named after the person: "Okonkwo Ltd"
        found.append(Span(s, e, "PERSON", score))
    return found


def _list_entry(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` ("Oh, Hankyu") stands alone as an entry of a list or a line."""
    return _ENTRY_START.search(text, max(0, start - 12), start) is not None and \
        _ENTRY_END.match(text, end) is not None


def _whole_line(words: _Words, start: int, end: int, free: Callable[[int, int], bool]
                ) -> tuple[int, int]:
    """A line of two to four words and nothing else, half of which are the name found, is
    that name ("jawed chaudhry" over a CV, "NGUYEN BICH LIEU" in a header): its other words
    are taken when they are cased like the name and are no stop word, greeting, verb, job,
    chat or technical word."""
    text = words.text
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b == -1 else b
    line = _SHORT_LINE.fullmatch(text, a, b)
    if line is None or (a, b) == (start, end):
        return start, end
    a, b = line.span("words")
    rest = [m for m in WORD.finditer(text, a, b) if m.end() <= start or m.start() >= end]
    total = len(WORD.findall(text, a, b))
    name = text[start:end]
    if 2 * len(rest) > total or not free(a, b) or not all(
            words.loose_word(m.start(), m.end(), name) for m in rest):
        return start, end
    return a, b


def _widen(words: _Words, start: int, end: int, free: Callable[[int, int], bool]
           ) -> tuple[int, int]:
    """The span ``start:end`` widened over at most two name words on each side; over a comma
    only for a one-word name in a "Surname, Given" list entry."""
    text = words.text
    for _ in range(_MAX_WORDS):
        m = _LEFT.search(text, max(0, start - 40), start)
        if m is None or not free(m.start(), start):
            break
        comma = m.group("gap") == ", "
        name = text[start:end]
        if (comma and (" " in name or not _list_entry(text, m.start(), end))) or \
                not words.name_word(m.start("w"), m.end("w"), name):
            break
        start = m.start("w")
        if comma:
            break
    for _ in range(_MAX_WORDS):
        m = _RIGHT.match(text, end)
        if m is None or not free(end, m.end()):
            break
        comma = m.group("gap") == ", "
        name = text[start:end]
        if (comma and (" " in name or not _list_entry(text, start, m.end()))) or \
                not words.name_word(m.start("w"), m.end("w"), name, after=not comma):
            break
        end = m.end("w")
        if comma:
            break
    return start, end
