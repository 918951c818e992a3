"""Word and line tests the person and place recognizers share: line casing, technical spans,
compounds and typos of English words."""

from __future__ import annotations

import bisect
import functools
import re

from chatveil.detect.recognizers._common import WORD, wordset
from chatveil.detect.recognizers._languages import foreign_words
from chatveil.detect.recognizers._lexicon import (
    CONTINENTS,
    EPONYM_NEXT,
    MIXED_IN_WORDS,
    NOT_A_NAME_WORD,
    SURNAME_PARTICLES,
    TECH_JARGON,
    TECH_TERMS,
    WORD_NAMES,
    english_dictionary,
    mixed_in_markers,
    world_name_words,
    world_names,
    world_places,
)

__all__ = [
    "LineCases",
    "address_part",
    "compound",
    "line_cases",
    "place_not_person",
    "technical_span",
    "technical_word",
    "two_people",
    "typo",
]


@functools.lru_cache(maxsize=32)
def line_cases(text: str) -> LineCases:
    """:class:`LineCases` of ``text``, shared by the recognizers that read the same text."""
    return LineCases(text)


class LineCases:
    """The casing of each line of a text: ``upper``, ``lower`` or ``mixed``.

    A line is ``lower`` when its words are in lower case, not counting the pronoun "I",
    acronyms ("how do I fix the API") and a first word in capitals, a speaker's or a field's
    label ("[00:07] CALLER: hi yes it's ..."); ``upper`` when it has no lower-case letter and
    at least four capitals.
    """

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.cases: list[str] = []
        pos = 0
        for line in text.split("\n"):
            self.starts.append(pos)
            self.cases.append(_line_case(line))
            pos += len(line) + 1

    def at(self, pos: int) -> str:
        return self.cases[bisect.bisect_right(self.starts, pos) - 1]


def _line_case(line: str) -> str:
    if line == line.lower():  # no capital: lower case, or no letters at all
        return "lower" if line != line.upper() else "mixed"
    if line == line.upper():  # no small letter
        return "upper" if sum(c.isupper() for c in line) >= 4 else "mixed"
    words = WORD.findall(line)
    rest = [w for k, w in enumerate(words) if not (w == "I" or w.startswith(("I'", "I’")) or
                                                   (w.isupper() and (len(w) <= 5 or k == 0)))]
    if rest and not any(c.isupper() for w in rest for c in w) and \
            2 * len(rest) > len(words):  # "congrats HAT!!! SO PROUD OF YOU" is shouted
        return "lower"
    return "mixed"


def technical_word(key: str, sure: bool = False) -> bool:
    """A casefolded word that names a technology, product or company, or is no name at all.

    With ``sure``, words that are also given names or surnames somewhere ("Ruby", "Julia",
    "Jenkins", "Shannon", "Ford") do not count: they need context to be taken as technical.
    """
    if key in TECH_JARGON or key in NOT_A_NAME_WORD or key in CONTINENTS:
        return True
    if key.endswith("s") and len(key) > 3 and (key[:-1] in TECH_JARGON or
                                               key[:-1] in NOT_A_NAME_WORD):
        return True  # "pdfs", "configs"
    if key in TECH_TERMS:
        return not sure or key not in world_name_words()
    if "-" in key:  # "Runge-Kutta", "Rolls-Royce", "pending-upgrade"
        parts = [p for p in key.split("-") if p]
        if any(p in TECH_TERMS and (not sure or p not in world_name_words()) for p in parts) or \
                (len(parts) == 2 and all(p in TECH_TERMS for p in parts)):
            return True
        english = english_dictionary()
        return bool(parts) and all(p in english for p in parts) and not korean_given(key)
    return False


_NEXT_WORD = re.compile(r"(?:['’]s?)?[ \t\-]+([^\W\d_]+)")
#: Words of addresses that are also eponym words ("Bode plot"): with a number after them
#: ("plot 109-c", "Plot No. 7") they number a piece of land, they name no method.
_NUMBER_NEXT = re.compile(r"[ \t]*(?:no\.?[ \t]*|#[ \t]*)?\d")
_DAY_BEFORE = re.compile(r"(?:\d(?:st|nd|rd|th)?[ \t]*(?:of[ \t]+)?|(?i:\b(?:in|since|until|"
                         r"till|next|last|this|early|mid|late|end of))[ \t]+)$")
#: Months and their abbreviations: several are also given names (April, May, June, Jun).
_MONTHS = wordset("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec""")
_COORD = re.compile(r"[ \t]*(?:,|/|\band\b|\bor\b|\bvs\.?|\bversus\b|&)[ \t]*", re.IGNORECASE)


_AMP_AFTER = re.compile(r"[ \t]*&[ \t]*[A-Z][\w'’]*(?P<more>[ \t]+[A-Z][\w'’]*)?")
_AMP_BEFORE = re.compile(r"(?P<more>[A-Z][\w'’]*[ \t]+)?[A-Z][\w'’]*[ \t]*&[ \t]*$")
#: Words that go on a firm's name after "X & Y" ("Marks & Spencer Group", "Smith & Sons").
_FIRM_WORDS = frozenset(["co", "company", "sons", "partners", "associates", "group", "ltd", "llc",
                         "llp", "inc", "plc", "gmbh"])


def _firm(text: str, start: int, end: int, words: list[str]) -> bool:
    """A one-word name joined by "&" to another capitalised word: a firm ("Procter & Gamble",
    "Johnson & Johnson", "Smith & Sons"), not two people written in full ("Doaa Zaki &
    Mahmoud Hamdy")."""
    after = _AMP_AFTER.match(text, end)
    before = _AMP_BEFORE.search(text, max(0, start - 40), start)
    if after is None and before is None:
        return False
    if len(words) > 1:
        return False
    english = english_dictionary()
    for m in (after, before):
        more = m.group("more").strip().casefold() if m is not None and m.group("more") else ""
        if more and more not in _FIRM_WORDS and more not in english:
            return False  # a second name word on the other side ("& Mahmoud Hamdy")
    if after is not None:
        other = re.search(r"&[ \t]*([^\W\d_][\w'’]*)", after.group(0))
    else:
        other = re.search(r"([^\W\d_][\w'’]*)[ \t]*&[ \t]*$", before.group(0)) \
            if before is not None else None
    pair = [words[0], other.group(1).casefold() if other is not None else ""]
    return not two_people(*pair)


def two_people(first: str, second: str) -> bool:
    """Two casefolded words joined by "&" name two people, not a firm: each is a given name
    of the lists, or no word and no family name ("Thiago & Vinicius", "Chiara & Nacho",
    "Hiwot & Kaleab"). A firm is named after one surname twice, or after surnames and words
    ("Johnson & Johnson", "Procter & Gamble", "Ernst & Young", "Simon & Schuster")."""
    given, family = world_names()
    english = english_dictionary()

    def name(w: str) -> bool:  # a given name, or no word and no family name
        return bool(w) and w not in _FIRM_WORDS and (
            w in given or (w not in english and w not in family))

    def only_given(w: str) -> bool:  # a given name that is no word and no family name
        return w in given and w not in english and w not in family

    if first == second:
        return False
    if name(first) and name(second):
        return True
    # "Santi & Nacho", "Princess & Reynaldo": one side only a given name, the other a name
    # too: a given name that is also a family name, or a given name that is a word
    return any(only_given(a) and (b in given or b in WORD_NAMES or b not in english)
               and b not in _FIRM_WORDS for a, b in ((first, second), (second, first)))


def technical_span(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` names a technology, a company or an eponym rather than a person or a
    place: all its words are technical ("Go", "Jakarta EE"), it is one technical word among
    English words ("Compare Jenkins"), a word such as "algorithm", "filter", "docs" follows
    ("Dijkstra's algorithm", "Kalman filter"), two capitalised words are joined by "&"
    ("Procter & Gamble"), or it is listed beside a technical word ("Maya or Blender")."""
    # the whole hyphenated word: "Newton" of "Newton-Raphson"
    while end < len(text) - 1 and text[end] == "-" and text[end + 1].isalpha():
        end += 1
        while end < len(text) and text[end].isalpha():
            end += 1
    while start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
        start -= 1
        while start > 0 and text[start - 1].isalpha():
            start -= 1
    value = text[start:end]
    words = [w.casefold() for w in WORD.findall(value)]
    if not words:
        return False
    if " ".join(words) in CONTINENTS:
        return True
    english = english_dictionary()
    tech = [technical_word(w, sure=True) for w in words]
    if any(tech) and all(t or w in english or w in EPONYM_NEXT
                         for w, t in zip(words, tech, strict=True)) and \
            not _given_word_and_surname(words):
        return True
    if len(words) == 1 and words[0] in _MONTHS and (
            _NUMBER_NEXT.match(text, end) or _DAY_BEFORE.search(text, max(0, start - 16), start)):
        return True  # "Jun 5", "3 June", "in june": a month, though "Jun" and "June" are names
    m = _NEXT_WORD.match(text, end)
    if m is not None and m.group(1).casefold() in EPONYM_NEXT and not (
            m.group(1).islower() and (_NUMBER_NEXT.match(text, m.end()) or
                                      len(m.group(1)) <= 2)) and \
            not _full_name(WORD.findall(value), english):
        # "Kalman filter", "Java SE", but not "Ayesha Khan plot 109-c" (a numbered plot),
        # "Priyanka badge 4471" (a badge number), "primo babatunde se casa" ("se" in lower
        # case is a word of another language, not "SE") nor "the Peter Pham version" (a
        # person's whole name)
        return True
    if "&" in value or _firm(text, start, end, words):
        return True
    if _beside_technical(text, start, end):
        return True
    # "how do i read a csv file in Julia": a word that is a language or tool as well as a
    # name is the tool in a text that talks about technology
    return len(words) == 1 and words[0] in TECH_TERMS and _technical_text(text)


@functools.lru_cache(maxsize=64)
def _technical_text(text: str) -> bool:
    """The text names a technology or uses programming words that are no names."""
    return any(k in TECH_JARGON or (k in TECH_TERMS and technical_word(k, sure=True))
               for k in {w.casefold() for w in WORD.findall(text)})


def _beside_technical(text: str, start: int, end: int) -> bool:
    """Listed with a product, language or tool that is no name: "Maya or Blender", "Kafka,
    Luigi", "ErrImagePull and Terminating". On a line with capitals, a word in lower case
    does not count: in "Alistair Pemberton, uses a wheelchair" and "(backend), and Charlotte
    Hughes" the word beside the comma is no item of the same list."""
    after = _COORD.match(text, end)
    if after is not None and after.end() > end:
        m = WORD.match(text, after.end())
        if m is not None and _listed_technical(text, m.start(), m.group(0)):
            return True
    head = text[max(0, start - 40):start].rstrip(" \t")
    coord = _COORD_END.search(head)
    if coord is not None:
        words = WORD.findall(head, 0, coord.start())
        if words and _listed_technical(text, start, words[-1]):
            return True
    return False


@functools.lru_cache(maxsize=32)
def mixed_in_text(text: str) -> bool:
    """A line of ``text`` mixes another language into English: two words or more of
    :func:`~._lexicon.mixed_in_markers` typed in lower case, a tenth of the line's words at
    least ("kal mera leave approve karna tha", "pakisend na lang yung file"). Only in such a
    text are the small words of :data:`~._lexicon.MIXED_IN_WORDS` read as ordinary words: in
    English text some of them are names or places ("wali", "maine", "sila")."""
    markers = mixed_in_markers()
    for line in text.split("\n"):
        words = WORD.findall(line)
        hits = sum(1 for w in words if w.islower() and w in markers)
        if hits >= 2 and 10 * hits >= len(words):
            return True
    return False


def mixed_in_word(text: str, word: str) -> bool:
    """``word`` (as typed in ``text``) is a word of another language than English that is no
    name: a small word of the language ``text`` mixes in (in lower case, in
    :data:`~._lexicon.MIXED_IN_WORDS`, and ``text`` mixes one in), or, in any case, an ordinary
    word of a line written in another language as typed there
    (:func:`~._languages.foreign_words`)."""
    return (word.islower() and word in MIXED_IN_WORDS and mixed_in_text(text)) or \
        word in foreign_words(text)


@functools.lru_cache(maxsize=64)
def ordinary_words(text: str) -> frozenset[str]:
    """Casefolded, the words of ``text`` that the name rules read as ordinary words: the small
    words of a language mixed in, and the words :func:`~._languages.foreign_words` finds
    ordinary wherever they stand in ``text`` (not "han" when "Han" is a name further on)."""
    mixed = MIXED_IN_WORDS if mixed_in_text(text) else frozenset()
    other = foreign_words(text)
    if not other:
        return mixed
    seen: dict[str, bool] = {}
    for w in WORD.findall(text):
        key = w.casefold()
        seen[key] = seen.get(key, True) and w in other
    return mixed | {k for k, ok in seen.items() if ok}


def without_mixed_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at the words of another language inside it that are no names:
    the small words of a language mixed into English, typed in lower case
    (:data:`~._lexicon.MIXED_IN_WORDS`, in a text that mixes one in, :func:`mixed_in_text`),
    and the ordinary words of a line in another language (:func:`~._languages.foreign_words`):
    in "kal mera leave approve", "pakisend na lang yung file" or "Mi gato lleva dos días" they
    are no names. Right after a name word or a particle a small mixed-in word is a part of the
    name ("sang hoon", "van hai"), and so is a word of another language that is capitalised
    ("Lan Anh") or on a line in lower case ("ziad azar"), but not a word in lower case on a
    line with capitals ("Okafor wird", "de lo"). The pieces left, those without a letter left
    out; the whole span when it holds none."""
    mixed, other = mixed_in_text(text), foreign_words(text)
    if not mixed and not other:
        return [(start, end)]
    names = world_name_words()
    pieces, at, before = [], start, ""
    for w in WORD.finditer(text, start, end):
        word = w.group(0)
        small = mixed and word.islower() and word in MIXED_IN_WORDS
        if small or word in other:
            key = before.casefold()
            after_name = key in SURNAME_PARTICLES or (
                key in names and key not in MIXED_IN_WORDS and
                before not in other)  # "nur Zwiebeln": "Nur" is a name, "nur" a word here
            if not (after_name and (small or word[:1].isupper() or _lower_line(text, w.start()))):
                pieces.append((at, w.start()))
                at = w.end()
        before = word
    if at == start:
        return [(start, end)]
    pieces.append((at, end))
    return [(a, b) for a, b in pieces if any(ch.isalpha() for ch in text[a:b])]


def _lower_line(text: str, at: int) -> bool:
    """The line of ``text`` around ``at`` has no capital letter."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:] if end < 0 else text[start:end]
    return not any(ch.isupper() for ch in line)


def _full_name(words: list[str], english: frozenset[str]) -> bool:
    """"Peter Pham", "Isabel Rolc": a given name of the world lists that is no tool, then
    capitalised words that are neither English words nor tools. A word such as "version" or
    "lecture" after them belongs to a person ("the Jason Castro version"), unlike the one word
    of an eponym ("Kalman filter") or a product's English words ("Visual Studio Code")."""
    if len(words) < 2 or any(not w[0].isupper() or (len(w) > 1 and w.isupper()) for w in words):
        return False
    keys = [w.casefold() for w in words]
    if keys[0] not in world_names()[0] or technical_word(keys[0], sure=True):
        return False
    return not any(k in english or k in EPONYM_NEXT or technical_word(k, sure=True)
                   for k in keys[1:])


def _given_word_and_surname(words: list[str]) -> bool:
    """"Danish Khan", "danish sheikh": a word that is a nationality and also a given name of
    some tradition, then family names only, names a person ("Danish Air" does not)."""
    if len(words) < 2 or words[0] not in WORD_NAMES:
        return False
    surnames = world_names()[1]
    return all(w in surnames for w in words[1:])


def _plain_compound(key: str) -> bool:
    """A hyphenated word of English words only ("brother-in-law", "well-being"): no name, yet
    no tool either, so a name listed beside it is no product."""
    return "-" in key and key not in TECH_JARGON and \
        not any(p in TECH_TERMS or p in TECH_JARGON for p in key.split("-"))


def _listed_technical(text: str, at: int, word: str) -> bool:
    """``word`` (at ``at``) is a tool, and not a lower-case word on a line with capitals."""
    key = word.casefold()
    if not technical_word(key, sure=True) or key in NOT_A_NAME_WORD or _plain_compound(key):
        return False
    if not word.islower():
        return True
    # the line around it (at most 100 characters each side, so long lines stay linear)
    line_start = text.rfind("\n", max(0, at - 100), at) + 1 or max(0, at - 100)
    line_end = text.find("\n", at, at + 100)
    near = text[line_start:min(len(text), at + 100) if line_end < 0 else line_end]
    return near == near.lower()


_COORD_END = re.compile(r"(?:,|/|&|(?<![^\W_])(?:and|or|vs\.?|versus))$", re.IGNORECASE)


#: Given names written as syllables run together ("HyunSil", "MyungHee", "KyungHwa").
_SYLLABLES = re.compile(r"[A-Z][a-z]{1,5}(?:[A-Z][a-z]{1,5}){1,2}")


def syllable_name(word: str, english: frozenset[str]) -> bool:
    """``HyunSil``, ``KyungHwa``: a given name of two or three capitalised syllables run
    together, each with a vowel and none an English word or jargon (unlike ``GitHub``,
    ``PayPal``, ``DevOps``, ``CrashLoopBackOff``)."""
    if _SYLLABLES.fullmatch(word) is None:
        return False
    parts = [p.casefold() for p in re.findall(r"[A-Z][a-z]+", word)]
    return all(re.search(r"[aeiouy]", p) is not None and p not in english and
               p not in TECH_JARGON for p in parts)


#: One syllable of a romanized Korean given name (Revised Romanization and the spellings of
#: McCune-Reischauer and common use: "sung", "young", "hee", "soo").
_KOREAN_SYLLABLE = re.compile(
    r"(?:kk|tt|pp|ss|jj|ch|sh|[gkndtmbpsjh])?"
    r"(?:yae|yeo|wae|you|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|ou|oo|ee|a|e|o|u|i)"
    r"(?:ng|[knlmp])?")
#: Words that are never half of such a name ("up" of "set-up", "in" of "log-in").
_NOT_A_SYLLABLE = wordset("up in on to no go oh ok me my we he be by the")


def korean_given(key: str) -> bool:
    """``sung-min``, ``min-ho``, ``young-soo``: two different romanized syllables joined by a
    hyphen, the form of a Korean given name, even when both are English words. Not an English
    rhyme or reduplication of one frame ("hip-hop", "ping-pong", "bye-bye") and no particle
    ("set-up", "log-in", "to-do")."""
    parts = key.split("-")
    if len(parts) != 2 or not all(2 <= len(p) <= 5 and _KOREAN_SYLLABLE.fullmatch(p)
                                  for p in parts):
        return False
    a, b = parts
    if a in _NOT_A_SYLLABLE or b in _NOT_A_SYLLABLE:
        return False
    frame = [re.sub(r"[aeiouy]+", "_", p) for p in parts]
    return frame[0] != frame[1]


def compound(key: str, english: frozenset[str]) -> bool:
    """``namespace``, ``checksum``: two English words (3+ and 4+ letters) run together."""
    n = len(key)
    if n < 7 or not key.isalpha():
        return False
    return any(key[:i] in english and key[i:] in english for i in range(3, n - 3))


@functools.lru_cache(maxsize=8192)  # the same words come back in every text
def typo(key: str, english: frozenset[str]) -> bool:
    """``documenst``, ``foollow``, ``intrview``, ``teacehr``: one slip away from an English
    word (two letters swapped, one letter too many or missing). Short words are never typos."""
    n = len(key)
    if n < 5 or not key.isalpha():
        return False
    for i in range(n - 1):  # swapped
        if key[i] != key[i + 1] and key[:i] + key[i + 1] + key[i] + key[i + 2:] in english:
            return True
    if n >= 7:
        for i in range(1, n):  # one letter typed twice: "foollow"
            if key[i] == key[i - 1] and key[:i] + key[i + 1:] in english:
                return True
    if n >= 8:
        for i in range(n):  # one letter too many
            if key[:i] + key[i + 1:] in english:
                return True
        for i in range(n + 1):  # one letter missing
            for c in "eaiorntslcudhmpgybfwkv":
                if key[:i] + c + key[i:] in english:
                    return True
    return False


#: A line of an address block with a house number and a street, or a unit/box/postcode line.
_STREET_LINE_RE = re.compile(
    r"(?im)^[^\n]*(?:\b\d{1,5}[A-Za-z]?[ \t]+[^\W\d_]{3,}|\b(?:suite|apt\.?|apartment|unit|"
    r"p\.?\s?o\.?\s?box|box|flat|floor)\b[ \t]*\d)[^\n]*$"
)
_NUMBER_BEFORE = re.compile(r"(?<![\w.,:/-])\d{1,5}[A-Za-z]?,?[ \t]+$")


def address_part(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a street or town of an address, not a person: right after a
    house or unit number ("92 Eusebio Dávila", "Apt. 535, København"), or alone on its line
    below a street line of an address block."""
    if _NUMBER_BEFORE.search(text, max(0, start - 12), start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    rest = text[line_start:start] + text[end:line_end]
    if re.search(r"[^\W\d_]{2,}", rest):
        return False  # other words on the line: not an address line of its own
    return _STREET_LINE_RE.search(text, max(0, line_start - 160), line_start) is not None


def place_not_person(text: str, start: int, end: int) -> bool:
    """A "person" that is a place: a country or region by name ("Austria", "bahrain") or a
    part of an address (:func:`address_part`)."""
    key = " ".join(text[start:end].casefold().split())
    return key in world_places()[1] or address_part(text, start, end)
