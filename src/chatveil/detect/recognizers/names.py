"""Person names: the rule-based recognizer for names the small NER model misses."""

from __future__ import annotations

import bisect
import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from chatveil._words import unaccented
from chatveil.detect.recognizers._common import (
    NAME_WORD,
    WORD,
    contraction,
    is_cap,
    sentence_start,
    unglued_tokens,
    wordset,
)
from chatveil.detect.recognizers._languages import line_languages, stop_words
from chatveil.detect.recognizers._lexicon import (
    AMBIGUOUS,
    FORM_LABEL_WORDS,
    MIXED_IN_WORDS,
    NOT_A_NAME_WORD,
    NOT_A_PERSON,
    NOT_SURNAME,
    PLACE_PREFIXES,
    SHORT_SURNAMES,
    WORD_NAMES,
    english_dictionary,
    name_lists,
    world_name_words,
    world_names,
)
from chatveil.detect.recognizers._shape import (
    line_cases,
    ordinary_words,
    technical_span,
    technical_word,
    two_people,
)
from chatveil.detect.recognizers._titles import (
    AFTER,
    AFTER_RE,
    BEFORE,
    BEFORE_RE,
    INTRODUCTION_RE,
    counts_on,
)

_TITLE_RE = re.compile(
    r"(?<![^\W_])(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Pt)\.?|Miss|Sir|Dame|Madam"
    r"|Uncle|Aunty|Auntie|Aunt|Grandma|Grandpa|Granny|Tita|Tito|Kuya|Lola|Lolo"
    r"|(?P<lower>mr|mrs|ms|dr|prof)\.|(?<![\d.])(?P<bare>mrs|mr|ms|dr|miss|pastor|coach|imam)"
    r"|(?P<caps>MRS|MR|MS|DR|PROF|MISS|PASTOR|COACH|IMAM)\.?)(?=[ \t])"
)
#: "the coach", "our pastor": a role, not a title before a name.
_THE_BEFORE = re.compile(r"\b(?:the|a|an|my|our|your|his|her|their|this|that)[ \t]+\Z",
                         re.IGNORECASE)
PARTICLES = wordset("van von der den de da di del della le la du dos das bin ibn al el ter ten "
                     "af av zu")
#: Particles that start a surname on their own in running English text ("van Gogh").
_SURNAME_PARTICLE_RE = re.compile(
    r"(?<![^\W_])(?:van der|van den|van de|van|von der|von|ter|ten|zu)[ \t]+(?=[^\W\d_])"
)
_LIST_GLUE = r"(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+|&[ \t]*)?|[ \t]+(?:and|or|&)[ \t]+)"
#: "A, B and C": two or more words joined by commas / and / or.
LIST_RE = re.compile(r"(?<![^\W\d_])" + NAME_WORD + r"(?:" + _LIST_GLUE + NAME_WORD + r")+")
#: Phrases after which a capitalised word is taken as a name, even one in no list.
_CUE_RE = re.compile(
    r"(?<![^\W_])(?P<cue>(?:hi|hello|hey)[ \t]*[,!.]?[ \t]+(?:this is|it's|it’s|it is)"
    r"|my name is|my name's|(?:her|his|their|your) names? (?:is|are)|name is|names are|name:"
    r"|your name\?|call me"
    r"|calls me|called me|called|named|hi|hello|hey|dear|thanks|thank you|cheers|says|said"
    r"|asked|told|thanked|goes by|went by|nicknamed|aka|a\.k\.a\.|prefers[ \t]+[\"“‘'])"
    r"(?:[ \t]*[,:]?[ \t]+|(?<=[\"“‘']))(?=[^\W\d_])",
    re.IGNORECASE,  # matched on lowercased text; the flag covers texts that cannot be lowered
)
_MONTH_NAMES = frozenset(["jan", "january", "june", "july", "april", "may", "august"])
#: ", Heather!" / ", Mark?" at the end of a sentence: someone addressed by name.
_VOCATIVE_RE = re.compile(r",[ \t]*(?P<name>" + NAME_WORD + r")[ \t]*[!?.](?![^\W_])")
#: "Zlata's address": a possessive before a word that belongs to a person.
_POSSESSIVE_RE = re.compile(
    r"(?<![^\W_])(?P<name>" + NAME_WORD + r")['’]s[ \t]+(?:(?:new|old|home|work|mobile|"
    r"private|personal|current)[ \t]+)?(?:address|phone|number|email|e-mail|birthday|wife|"
    r"husband|son|daughter|mother|father|mom|mum|dad|brother|sister|friend|boss|partner|"
    r"girlfriend|boyfriend|cv|resume|résumé|passport|ssn|salary|diagnosis)(?![^\W_])",
    re.IGNORECASE,
)
#: "okafor's test suite", "at aunty aline's": any word in lower case with a possessive "'s".
_LOWER_POSSESSIVE_RE = re.compile(r"(?<![^\W_])(?P<name>[^\W\d_A-Z]+)['’]s(?![^\W_])")
_GREETING_CUES = frozenset(["hi", "hello", "hey", "dear", "thanks", "thank you", "cheers"])
#: "her name is rhea": someone else's name, in any casing, but no English word in lower case.
_THIRD_PERSON_CUES = frozenset(
    f"{whose} {name} {verb}" for whose in ("her", "his", "their", "your")
    for name, verb in (("name", "is"), ("names", "are")))
#: What may follow the name after "her name is": the clause ends, or another name follows.
_NAME_ENDS = re.compile(r"[ \t]*(?:$|[.,;:!?)]|(?:and|but|&)\b)", re.MULTILINE)
#: The name someone goes by, after their full name: "(goes by Sunny)", "prefers "Danish"".
_NICKNAME_CUES = frozenset(["goes by", "went by", "nicknamed", "aka", "a.k.a.", 'prefers "',
                            "prefers “", "prefers ‘", "prefers '"])
_SELF_CUES = _NICKNAME_CUES | _THIRD_PERSON_CUES | frozenset([
    "my name is", "my name's", "call me", "calls me", "called me", "your name?"])
#: A closing quote right after a word: "prefers "tamer"".
_QUOTE_CLOSES = re.compile(r"[\"”’']")
#: "hi, this is Hat": a greeting, then the writer's own name.
_INTRO_ENDS = ("this is", "it's", "it’s", "it is")
_NAMING_CUES = frozenset(["called", "named"])
_SPEECH_CUES = frozenset(["says", "said", "asked", "told", "thanked"])
#: A time or a date in brackets ("[09:14]", "(4/12, 19:02)"), or a bare time and a dash.
_STAMP = (r"(?:[\[(][^\])\n]{0,20}\d[^\])\n]{0,20}[\])]|"
          r"\d{1,2}[:.]\d{2}(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]*[-–—])?)")
#: A line of a pasted transcript: a time, the speaker's label ("Anna", "Agent Tamer", "MAN KIT",
#: "rhea [10:41]"), a colon and what was said; after a time, the colon may be missing
#: ("[08:13] yen ill bring burgers": then only the first word can be told to be the speaker).
_SPEAKER_RE = re.compile(
    r"^[ \t>*\-•]*(?:(?P<stamp>" + _STAMP + r")[ \t]*)?"
    r"(?P<name>" + NAME_WORD + r"(?:[ \t]+" + NAME_WORD + r"){0,2})"
    r"(?:[ \t]*(?P<stamp2>" + _STAMP + r"))?[ \t]*:[ \t]*\S"
    r"|^[ \t>*\-•]*(?P<bare_stamp>" + _STAMP + r")[ \t]*(?P<first>" + NAME_WORD + r")[ \t]+\w",
    re.MULTILINE,
)
#: Speakers of a transcript that are no one in particular. The roles of people (the parties
#: of a support chat, the writer, a role before a name: "Agent Tamer", "Dr Sheikh"): a
#: transcript where they speak is one of people...
_PEOPLE_ROLES = wordset("""
me i you u we us them user human agent customer client caller operator rep representative
support admin moderator mod host guest interviewer interviewee candidate visitor narrator
speaker anonymous everyone all both others dr doctor nurse teacher coach pastor mr mrs ms miss
sir madam prof officer sister brother mum mom dad service care success team desk patient
student parent tenant landlord driver witness
""")
#: ... and machines and the levels of a log.
_SPEAKER_ROLES = _PEOPLE_ROLES | wordset("""
debug warn fatal trace critical notice alert severe verbose bot chatbot system assistant ai gpt
model unknown""")
#: Where a clause opens before its subject: a line start, a mark, a conjunction or an opener.
_CLAUSE_OPEN = re.compile(
    r"(?:^|[.,;:!?—–(\"“]|\b(?:and|but|so|then|because|cos|coz|ngl|tbh|lol|apparently|also|"
    r"bro|lmao|ok|okay|that|found out|heard|guess|realised|realized|noticed))[ \t]*$",
    re.MULTILINE)
#: What only a person does right after being named: a verb of saying, telling or
#: recommending, a message sent, a share of the work, or being asked ("can u review").
_TELLS = re.compile(
    r"[ \t]+(?:said|says|told|tells|asked|texted|called|replied|wrote|recommended|suggested|"
    r"mentioned|reckons|thinks|confirmed|promised|offered|agreed|insists|swears|messaged|"
    r"emailed|apologi[sz]ed|(?:has|have) been (?:telling|saying|texting)|keeps (?:saying|"
    r"texting)|just said|also said|(?:is|was) the only one|did most of|owes me|can (?:u|you) "
    r"(?:pls |please )?(?:review|check|send|help|look|call|pick|bring|make|cover))\b")
#: Verbs that take a person, right before a lower-case word ("cc lovely", "shoutout to
#: will", "in front of sultan")...
_PERSON_VERB_BEFORE = re.compile(
    r"\b(?:b?cc|ask|asked|tell|told|ping|pinged|remind|thank|thanked|dm|(?:shout[ \t]?out|"
    r"kudos|props|reply|replied|talk|talked|speak|spoke|lent it|gave it|handed it)"
    r"[ \t]+to|in front of)[ \t]+$")
#: ... and what may follow the person: the clause ends, or a preposition or an adverb, not a
#: noun ("ask harsh questions", "tell long stories").
_PERSON_AFTER = re.compile(
    r"[ \t]*(?:$|[,.;:!?)]|(?:for|on|about|to|too|and|if|when|now|later|today|tomorrow|"
    r"tonight|asap|pls|please|again|first)\b)", re.MULTILINE)
#: "at X's", "to X's" and what follows a home or a place one goes to.
_OWNER_BEFORE = re.compile(r"\b(?:at|to|from|round|over at)[ \t]+$")
_OWNER_AFTER = re.compile(r"['’]s(?=[ \t]*(?:[,.;!?)]|$|[ \t](?:now|tonight|later|place|"
                          r"house|flat|then|after|for|said|again)\b))", re.MULTILINE)
#: Words before a noun, never before a person's name.
_DETERMINERS = wordset("the a an this that these those some any each every")
_POSSESSIVES = wordset("my your his her its our their")
#: NER labels (spaCy's and Presidio's mapped names) that compete with PERSON for the same words.
_NON_PERSON_LABELS = frozenset(["GPE", "LOC", "FAC", "ORG", "NORP", "PRODUCT", "WORK_OF_ART",
                                "EVENT", "LANGUAGE", "LOCATION", "ORGANIZATION", "NRP"])
_PERSON_LABELS = frozenset(["PERSON", "PER"])
_PLACE_LABELS = frozenset(["GPE", "LOC", "FAC", "LOCATION"])




def _only_space_between(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return 0 < len(gap) <= 3 and gap.strip(" \t") == ""


def _ends_greeting(text: str, end: int) -> bool:
    """After ``Hi Anna`` comes punctuation, a line break or the end of the text."""
    rest = text[end:end + 2].lstrip(" \t")
    return not rest or rest[0] in ",.!?:;\n\r-—)"




def _code_like(text: str, start: int, end: int) -> bool:
    """An identifier rather than a word: ``parse_args``, ``config.yaml``, ``Foo()``, ``x=1``."""
    before = text[start - 1:start]
    after = text[end:end + 2]
    return (before in ("_", ".", "`", "/", "\\", "@")
            or after[:1] in ("_", "(", "`", "=", "@", "/")
            or (after[:1] == "." and after[1:2].isalnum()))


def _inner_capital(word: str) -> bool:
    """CamelCase such as ``ValueError`` (not ``McDonald``-style names, which are short)."""
    inner = sum(ch.isupper() for ch in word[1:])
    return inner >= 1 and not (word[:2] in ("Mc", "Ma", "O'", "D'") or "-" in word)


def _contraction_follows(text: str, end: int) -> bool:
    """True for "Don't" / "Can't"-style tokens (apostrophe + letters other than a possessive s)."""
    if end < len(text) and text[end] in "'’":
        rest = text[end + 1:end + 3]
        return bool(rest[:1].isalpha()) and not (rest[:1] in "sS" and not rest[1:2].isalpha())
    return False


class _NameScan:
    """One pass of :class:`PersonNameRecognizer` over one text."""

    def __init__(self, owner: PersonNameRecognizer, text: str, nlp_artifacts: Any) -> None:
        self.o = owner
        self.text = text
        self.first, self.last, self.common, self.places = name_lists()
        self.english = english_dictionary()
        other = ordinary_words(text)  # words of another language: "karna", "yung", "gato"
        if other:
            self.common = self.common | other
        self.tokens = list(unglued_tokens(text))
        self.index = {t[0]: k for k, t in enumerate(self.tokens)}
        self.starts = [t[0] for t in self.tokens]
        self.lowercase_text = not any(ch.isupper() for ch in text)
        self.cases = line_cases(text)
        self.spans: dict[tuple[int, int], tuple[float, bool, str]] = {}  # (score, strong, rule)
        self.rule = ""
        self.used: set[int] = set()
        self.ents = [e for e in (getattr(nlp_artifacts, "entities", None) or ())
                     if hasattr(e, "start_char")]
        # (start, end) of the entities of each label group, read once: the word tests below
        # look at them for many tokens, and a spaCy span computes its attributes on each access
        ent_spans = [(e.start_char, e.end_char, e.label_) for e in self.ents]
        self._non_person_ents = [(a, b) for a, b, lab in ent_spans if lab in _NON_PERSON_LABELS]
        self._place_ents = [(a, b) for a, b, lab in ent_spans if lab in _PLACE_LABELS]
        self._person_ents = [(a, b) for a, b, lab in ent_spans if lab in _PERSON_LABELS]

    # ------------------------------------------------------------------ helpers
    def add(self, k: int, j: int, score: float, strong: bool = True, how: str = "") -> None:
        key = (self.tokens[k][0], self.tokens[j - 1][1])
        old = self.spans.get(key)
        if old is None or old[0] < score:
            self.spans[key] = (score, strong, f"{self.rule}:{how}" if how else self.rule)
        self.used.update(range(k, j))

    def plain_word(self, key: str) -> bool:
        """A common word that is no known name."""
        return key in self.common and key not in self.first and key not in self.last

    def run(self, k: int, allow_lower: bool, max_words: int = 3, lead: bool = False,
            titled: bool = False) -> int:
        """Index after the run of name-like tokens starting at token ``k`` (``k`` if none).

        Particles (``van``, ``de``) may sit between words, or lead the run if ``lead``. After
        a title or a self-introduction (``titled``) the first capitalised word is a name even
        when it is a common word or a street word too: "Dr Park", "Mr Song", "Ms Young".
        """
        tokens = self.tokens
        j, words = k, 0
        while j < len(tokens) and words < max_words:
            s, _, w = tokens[j]
            if j > k and not _only_space_between(self.text, tokens[j - 1][1], s):
                break
            key = w.casefold()
            if len(w) == 1 and self.text[s + 1:s + 2] == "/":
                break  # "D/O", "A/C", "N/A": an abbreviation, not an initial
            if (j > k or lead) and key in PARTICLES and j + 1 < len(tokens):
                j += 1
                continue
            if (key in NOT_SURNAME or self.plain_word(key)) and not (
                    titled and j == k and is_cap(w) and key not in STOP_WORDS):
                break
            if not (is_cap(w) or (allow_lower and w.islower()) or (
                    titled and w.isupper() and len(w) >= 2 and key not in self.english)):
                break  # after a title, a name in capitals too: "Dr NAZIA KHAN"
            words += 1
            j += 1
        while j > k and tokens[j - 1][2].casefold() in PARTICLES:
            j -= 1
        return j

    def in_place(self, k: int, j: int) -> bool:
        """Tokens ``k:j`` are preceded by a place prefix or followed by a street type."""
        tokens = self.tokens
        if (k > 0 and _only_space_between(self.text, tokens[k - 1][1], tokens[k][0])) or (
            k > 0 and self.text[tokens[k - 1][1]:tokens[k][0]] == ". "
        ):
            prev = tokens[k - 1][2].casefold()
            if prev in PLACE_PREFIXES or prev + "." in PLACE_PREFIXES:
                return True
        if j < len(tokens) and _only_space_between(self.text, tokens[j - 1][1], tokens[j][0]):
            return tokens[j][2].casefold() in NOT_SURNAME
        return False

    def dateish(self, k: int) -> bool:
        """``Jan 5``, ``Jan. 2024``, ``Jan Feb Mar``: a month, not a name."""
        s, e, _ = self.tokens[k]
        after = self.text[e:e + 3].lstrip(" \t")
        if after[:1].isdigit() or after[:1] == ".":
            return True
        before = self.text[max(0, s - 4):s].rstrip(" \t,")
        if before[-1:].isdigit():
            return True
        near = [self.tokens[i][2].casefold() for i in (k - 1, k + 1) if 0 <= i < len(self.tokens)]
        return any(n in _MONTH_NAMES or n in AMBIGUOUS for n in near)

    def token_at(self, pos: int) -> int | None:
        while pos < len(self.text) and self.text[pos] in " \t":
            pos += 1
        return self.index.get(pos)

    # ------------------------------------------------------------------ rules
    def titles(self) -> None:
        """``Dr. Jane Okafor``, ``mr. martin`` (the title is not part of the span)."""
        for m in _TITLE_RE.finditer(self.text):
            k = self.token_at(m.end())
            if k is None:
                continue
            bare = m.group("bare") or m.group("caps")
            if bare is not None:  # "hi mrs gill", "ask dr kurt", "DR SHEIKH": the name only
                w = self.tokens[k][2]
                key = w.casefold()
                if (w.islower() if m.group("bare") else w.isupper() and len(w) >= 2) and \
                        key not in STOP_WORDS and key not in NOT_SURNAME and \
                        key not in _SPEECH_CUES and not technical_word(key, sure=True) and \
                        not _THE_BEFORE.search(self.text, max(0, m.start() - 8), m.start()) and (
                            bare.casefold() == "mrs" or key in self.last or
                            (m.group("caps") and (key in self.first or key in world_names()[1])) or
                            key not in self.english):
                    self.add(k, k + 1, self.o.SCORE_TITLE)
                continue
            j = self.run(k, allow_lower=m.group("lower") is not None, titled=True)
            if j > k:
                self.add(k, j, self.o.SCORE_TITLE)

    def world_titles(self) -> None:
        """Forms of address of other languages before a name (:mod:`._titles`): "Señora
        Gómez", "pak hartono", "chị Lan". A title that is a word elsewhere counts only on a
        line in its language."""
        text, tokens = self.text, self.tokens
        for m in BEFORE_RE.finditer(text):
            title = m.group("title")
            code = self.language_at(m.start())
            if not counts_on(title, BEFORE, code):
                continue
            k = self.token_at(m.end())
            if k is None:
                continue
            w = tokens[k][2]
            if w.islower():  # "señora gómez", "pak hartono": a name no word of the line
                if title.islower() and self.titled_word(k, code, after_title=True):
                    j = k + 1
                    if j < len(tokens) and tokens[j][2].islower() and \
                            _only_space_between(text, tokens[k][1], tokens[j][0]) and \
                            tokens[j][2] in world_name_words() and \
                            self.titled_word(j, code, after_title=True):
                        j += 1
                    self.add(k, j, self.o.SCORE_TITLE)
                continue
            j = self.run(k, allow_lower=False, titled=True)
            if j > k:
                self.add(k, j, self.o.SCORE_TITLE)

    def introductions(self) -> None:
        """Introductions of other languages ("je m'appelle sherif soliman", "me llamo Inés"):
        the first word after one even when a word of the line's language, the next ones while
        they are no word of it."""
        text, tokens = self.text, self.tokens
        for m in INTRODUCTION_RE.finditer(text):
            k = self.index.get(m.end())
            code = self.language_at(m.start())
            if k is None or not self.titled_word(k, code, after_title=True):
                continue
            lower = tokens[k][2].islower()
            j = k + 1
            while j < min(k + 3, len(tokens)) and tokens[j][2].islower() == lower and \
                    _only_space_between(text, tokens[j - 1][1], tokens[j][0]) and \
                    self.titled_word(j, code):
                j += 1
            self.add(k, j, self.o.SCORE_TITLE)

    def titles_after(self) -> None:
        """Forms of address after a name: "Ahmet Bey", "kovács úr", "Tanaka san"."""
        text, tokens = self.text, self.tokens
        for m in AFTER_RE.finditer(text):
            k = self.index.get(m.start())
            if k is None or k == 0 or not _only_space_between(text, tokens[k - 1][1], m.start()):
                continue
            nxt = tokens[k + 1][2] if k + 1 < len(tokens) else ""
            if nxt[:1].isupper() and not nxt.isupper() and \
                    _only_space_between(text, m.end(), tokens[k + 1][0]):
                continue  # "San Diego", "Bey Street": no title
            code = self.language_at(m.start())
            if not counts_on(m.group("title"), AFTER, code):
                continue
            i = k - 1
            if tokens[i][2].islower():  # "ahmet bey"; not "haan ji", "kya bhai"
                # (on a line of no known language, such as Hinglish, a listed given name only)
                if not m.group().islower() or \
                        not self.titled_word(i, code, listed=code is None):
                    continue
            elif not self.titled_word(i, code):
                continue
            if i > 0 and _only_space_between(text, tokens[i - 1][1], tokens[i][0]) and \
                    is_cap(tokens[i - 1][2]) == is_cap(tokens[i][2]) and \
                    tokens[i - 1][2].casefold() in world_name_words() and \
                    self.titled_word(i - 1, code, listed=tokens[i - 1][2].islower()):
                i -= 1  # "Ayşe Yılmaz Hanım": the whole name
            self.add(i, k, self.o.SCORE_TITLE)

    def language_at(self, pos: int) -> str | None:
        """The language of the line ``pos`` is on (None: English, or not told)."""
        lines = line_languages(self.text)
        return lines[bisect.bisect_right([line[0] for line in lines], pos) - 1][2]

    def titled_word(self, k: int, language: str | None, listed: bool = False,
                    after_title: bool = False) -> bool:
        """Token ``k``, next to a title on a line in ``language``, may be a name: no function
        word of English or that language, no technical word, no English or common word unless
        a name of the lists. With ``listed``, only a given name of the lists ("haan" is a
        surname); ``after_title`` (the stronger cue) lets a common word of the line's language
        be a name ("pak hartono")."""
        w = self.tokens[k][2]
        key = w.casefold()
        if not (w.islower() or is_cap(w) or w.isupper()) or len(key) < 2:
            return False
        if key in STOP_WORDS or (language and key in stop_words()[language]) or \
                key in NOT_SURNAME or \
                key in _SPEECH_CUES or technical_word(key, sure=True):
            return False
        if listed:
            return key in world_names()[0]  # (which hold Faker's en lists, self.first)
        if key in world_name_words():
            return True
        if key in self.english:
            return False
        return after_title or key not in self.common

    def cues(self) -> None:
        """``my name is Nunzia``, ``call me Sandro``, ``Hi Torben,``, ``said Keiko``."""
        lowered = self.text.lower()
        if len(lowered) != len(self.text):  # rare characters change length when lowered
            lowered = self.text
        for m in _CUE_RE.finditer(lowered):
            k = self.index.get(m.end())
            if k is None:
                continue
            cue = " ".join(m.group("cue").casefold().split())
            s, e, w = self.tokens[k]
            key = w.casefold()
            intro = cue.endswith(_INTRO_ENDS)
            # after "my name is" / "hi, this is", a capitalised word is the writer's name even
            # when it is a common word ("my name is Hope", "hi this is Tue")
            free = (cue in _SELF_CUES or intro) and is_cap(w) and key not in STOP_WORDS and \
                not self.lowercase_text
            if ((key in NOT_SURNAME or self.plain_word(key)) and not free) or \
                    _code_like(self.text, s, e):
                continue
            if intro and not is_cap(w) and (w.isupper() or key in self.english):
                continue  # "hi, it's urgent", "HI THIS IS THE BANK"
            score, strong = self.o.SCORE_CUE, True
            if cue in _SELF_CUES or intro:  # "my name is john", "call me philipp": any case
                if not (is_cap(w) or w.islower()):
                    continue
                if w.islower() and cue in _THIRD_PERSON_CUES and key in self.english and \
                        key not in self.first and _NAME_ENDS.match(self.text, e) is None:
                    continue  # "his name is literally the worst" (but "her name is rhea.")
                if w.islower() and cue in _NICKNAME_CUES and key in self.english and \
                        key not in self.first and _QUOTE_CLOSES.match(self.text, e) is None:
                    continue  # "time goes by fast" (but "prefers "tamer"")
            elif not is_cap(w) and not (cue in _SPEECH_CUES and self.lowercase_text
                                        and key not in self.english):
                continue  # "mark said the deploy failed": "the" is no name
            elif cue in _SPEECH_CUES:
                score, strong = self.o.SCORE_SPEECH, False
            elif cue in _NAMING_CUES and key not in self.first and key not in self.last:
                continue  # "a class called Parser": only known names after called/named
            j = self.run(k, allow_lower=w.islower(), titled=free)
            if w.islower() and cue in _SPEECH_CUES:  # "said the deploy": stop at English
                j = next((i for i in range(k + 1, j) if self.tokens[i][2].casefold()
                          in self.english), j)
            ends = j > k and _ends_greeting(self.text, self.tokens[j - 1][1])
            if j > k and cue in _GREETING_CUES and not ends:
                continue  # "Dear Hiring Manager": the greeting goes on with other words
            if j > k:
                self.add(k, j, score, strong=strong,
                         how="naming" if cue in _SELF_CUES else "")

    def particles(self) -> None:
        """``the van Gijn novel``, ``von Neumann``: a surname particle before a capital."""
        for m in _SURNAME_PARTICLE_RE.finditer(self.text):
            if m.start() > 0 and self.text[m.start() - 1] not in " \t\n(\"'":
                continue
            k = self.index.get(m.end())
            start = self.index.get(m.start())
            if k is None or start is None or not is_cap(self.tokens[k][2]):
                continue
            if start > 0 and is_cap(self.tokens[start - 1][2]) and \
                    _only_space_between(self.text, self.tokens[start - 1][1], m.start()):
                continue  # "Ludwig van Beethoven" is handled as a full name
            j = self.run(k, allow_lower=False, max_words=2)
            if j > k:
                self.add(start, j, self.o.SCORE_PARTICLE)

    def speakers(self) -> None:
        """Speaker labels of a pasted transcript: ``Kalman: "Who are you?"``, ``[19:02] megan:
        hey``, ``rhea [10:41]: ...``, ``Agent Tamer: Hi``, ``MAN KIT: I KNOW``.

        Two or more lines must have a label, and there must be people among the labels: a
        known first name, two words that are no English word, a role before a word ("Agent
        Tamer") or times on the lines (a glossary of tools or a form has none of these). Then a
        label is a name unless it is a role or a field label (``Customer:``, ``Bot:``,
        ``Subject:``, ``Error:``), a place, a technical word or a word capitalised inside; a
        label of English words only ("Man Kit", "Hunter") also needs to speak twice, or two
        other speakers who are names, or times on the lines, or a role before it (a role
        label counts only where no field label such as ``DOB:`` shows a form: there
        ``PATIENT:`` and ``CLINIC:`` are fields). A role before a name stays out of the span.
        """
        labels: list[tuple[int, int, str]] = []  # token range, its words casefolded
        timed = people = 0
        titled, bare = set(), set()
        for m in _SPEAKER_RE.finditer(self.text):
            group = "name" if m.group("name") else "first"
            k = self.index.get(m.start(group))
            if k is None:
                continue
            j = k
            while j < len(self.tokens) and self.tokens[j][1] <= m.end(group):
                j += 1
            role = k
            while k < j and self.tokens[k][2].casefold() in _SPEAKER_ROLES:
                k += 1  # "Agent Tamer": the role is no part of the name
            timed += bool(m.group("stamp") or m.group("stamp2") or m.group("bare_stamp"))
            if k == j:  # "Dad:", "Customer:" speak, "Bot:" and "DEBUG:" do not
                people += self.tokens[role][2].casefold() in _PEOPLE_ROLES
                continue
            key = " ".join(self.tokens[i][2].casefold() for i in range(k, j))
            labels.append((k, j, key))
            if k > role:
                titled.add(key)
            if group == "first":
                bare.add(key)
        if len(labels) + people < 2:
            return
        said: dict[str, int] = {}
        for *_x, key in labels:
            said[key] = said.get(key, 0) + 1
        names, words = set(), set()
        for key in said:
            parts = key.split()
            if any(w in STOP_WORDS or w in FORM_LABEL_WORDS or w in NOT_A_PERSON or
                   technical_word(w) or (w in self.places and w not in self.first)
                   for w in parts):
                continue
            if key in titled or any(w in self.first or w not in self.english for w in parts):
                names.add(key)
            elif key not in bare:  # "[08:12] started build": a log, not "[08:12] yen: hi"
                words.add(key)
        if not (timed >= 2 or people or len(names) >= 2 or names & titled or any(
                w in self.first for n in names for w in n.split())):
            return
        # "PATIENT: ... / DOB: ... / CLINIC: ...": beside a field label that no speaker has,
        # a role is a field too, and English words before colons are fields, not speakers
        form = any(w in FORM_LABEL_WORDS and w not in _SPEAKER_ROLES
                   for key in said for w in key.split())
        names |= {key for key in words
                  if said[key] >= 2 or len(names) >= 2 or timed >= 2 or (people and not form)}
        for k, j, key in labels:
            if key in names and not any(
                    _inner_capital(w) and not w.isupper()
                    for w in (self.tokens[i][2] for i in range(k, j))):
                self.add(k, j, self.o.SCORE_SPEAKER, strong=False)

    def vocatives(self) -> None:
        """``Don't go to town, Heather!``: a known first name addressed at the end of a sentence,
        even one that is also an English word."""
        for m in _VOCATIVE_RE.finditer(self.text):
            k = self.index.get(m.start("name"))
            if k is None:
                continue
            w = self.tokens[k][2]
            if is_cap(w) and w.casefold() in self.first and w.casefold() not in self.places:
                self.add(k, k + 1, self.o.SCORE_FIRST, strong=False)

    def possessives(self) -> None:
        """``here's Zlata's address``, ``Sepi's email``: a word whose address/phone/family is
        meant is a person."""
        for m in _POSSESSIVE_RE.finditer(self.text):
            k = self.index.get(m.start("name"))
            if k is None:
                continue
            w = self.tokens[k][2]
            key = w.casefold()
            if not (is_cap(w) or self.lowercase_text) or self.plain_word(key) or \
                    key in self.places or key in NOT_SURNAME or _inner_capital(w) or \
                    self.ner_other(k):
                continue
            self.add(k, k + 1, self.o.SCORE_POSSESSIVE, strong=False)
        # in lower case, whatever is owned: "why okafor's test suite", "dinner at aline's". A
        # word no English dictionary holds owns something as a person does; technical words
        # ("numpy's"), places, words of another language and short words that are no known
        # name ("u's", but "wu's") are left out; spaCy's labels in lower case are not trusted
        for m in _LOWER_POSSESSIVE_RE.finditer(self.text):
            k = self.index.get(m.start("name"))
            if k is None or self.tokens[k][1] != m.end("name"):
                continue
            key = m.group("name").casefold()
            if key in self.english or key in self.common or key in self.places or \
                    technical_word(key) or (len(key) < 4 and key not in world_name_words() and
                                            unaccented(key) not in SHORT_SURNAMES):
                continue
            self.add(k, k + 1, self.o.SCORE_POSSESSIVE, strong=False, how="lower")

    def known_names(self) -> None:
        """Full names starting with a known first name, and single known names."""
        o, text, tokens = self.o, self.text, self.tokens
        first, last = self.first, self.last
        for k, (s, e, w) in enumerate(tokens):
            key = w.casefold()
            if key not in first and key not in last:
                continue
            cap = is_cap(w)
            nxt = k + 1 if k + 1 < len(tokens) and \
                _only_space_between(text, e, tokens[k + 1][0]) else None
            if cap and key in first and nxt is not None:
                j = self.run(nxt, allow_lower=False, lead=True)
                if j > nxt:
                    known = tokens[nxt][2].casefold() in last or tokens[j - 1][2].casefold() in last
                    if key not in self.common or known:
                        self.add(k, j, o.SCORE_FULL_KNOWN if known else o.SCORE_FULL,
                                 strong=not self.in_place(k, j), how="full")
                        continue
            if self.lowercase_text and key in self.english:
                continue  # "mark said", "will do": an English word in lower case is no name
            if self.lowercase_text and key in first and key not in self.common and nxt is not None:
                other = tokens[nxt][2]
                okey = other.casefold()
                if other.islower() and len(okey) >= 3 and okey not in self.common and \
                        okey not in self.places and okey not in self.english and \
                        not contraction(okey):
                    self.add(k, nxt + 1, o.SCORE_LOWER_FULL if okey in last else o.SCORE_LOWER,
                             how="lower full")
                    continue
            if self.lowercase_text and key in first and key not in self.common and len(key) >= 4 \
                    and k not in self.used and key not in self.places:
                self.add(k, k + 1, o.SCORE_LOWER, strong=False, how="lower first")
                continue
            if k in self.used or not cap or key in self.common or _contraction_follows(text, e) \
                    or _code_like(text, s, e) or self.in_place(k, k + 1) or \
                    (key in _MONTH_NAMES and self.dateish(k)):
                continue
            if key in self.english and key not in first:
                continue  # "Pages": an English word that is only a surname is no name alone
            if key in first:
                self.add(k, k + 1, o.SCORE_FIRST, strong=key not in self.places, how="first")
            elif key in last and len(key) >= 4 and key not in self.places and \
                    not sentence_start(text, s):
                self.add(k, k + 1, o.SCORE_LAST, strong=False, how="last")

    def place_given_names(self) -> None:
        """On a line of one casing, a given name that is also a place, right before a known
        family name, is a person: "LED BY CHAD BROOKS", "chad reed from the agency" (not
        "to jordan next week": the next word must be a family name and no common word)."""
        tokens, text = self.tokens, self.text
        for k in range(len(tokens) - 1):
            s, e, w = tokens[k]
            key, nxt = w.casefold(), tokens[k + 1][2].casefold()
            if self.cases.at(s) == "mixed" or k in self.used or key not in self.first or \
                    key not in self.places or nxt not in self.last or nxt in self.common or \
                    nxt in self.places or len(nxt) < 3 or \
                    not _only_space_between(text, e, tokens[k + 1][0]):
                continue
            self.add(k, k + 2, self.o.SCORE_FULL_KNOWN, how="place given name")

    def word_names(self) -> None:
        """``Lovely did most of the research``, ``referred by Blessing, who``: a given name
        that is an ordinary word in some naming tradition (:data:`WORD_NAMES`), capitalised
        in the middle of a sentence on a mixed line, alone: not after an article or
        determiner, not beside another capitalised word (a title, a product, a firm), no
        technical word ("Apple", "Spring")."""
        tokens, text = self.tokens, self.text
        for k, (s, e, w) in enumerate(tokens):
            key = w.casefold()
            if key not in WORD_NAMES or not is_cap(w) or w.isupper() or k in self.used or \
                    self.cases.at(s) != "mixed" or sentence_start(text, s) or \
                    technical_word(key):
                continue
            before = tokens[k - 1][2] if k and _only_space_between(
                text, tokens[k - 1][1], s) else ""
            after = tokens[k + 1][2] if k + 1 < len(tokens) and _only_space_between(
                text, e, tokens[k + 1][0]) else ""
            opener = before[:1].isupper() and (before == "I" or (
                sentence_start(text, tokens[k - 1][0]) and before.casefold() in self.english and
                before.casefold() not in self.first))  # "Ask Honey", "Thank Precious"
            if before.casefold() in _DETERMINERS or before.casefold() in _POSSESSIVES or \
                    (before[:1].isupper() and not opener) or after[:1].isupper():
                continue
            self.add(k, k + 1, self.o.SCORE_FIRST, strong=False, how="word name")

    def lower_word_names(self) -> None:
        """In lower case, a known given name that is also an English word where only a
        person stands: before a verb of saying or telling after a clause opens ("but honey
        said", "mark said the deploy failed"), or owning a place one goes to ("dinner at
        grace's, then", "omw to hope's now")."""
        tokens, text = self.tokens, self.text
        for k, (s, e, w) in enumerate(tokens):
            key = w.casefold()
            if not w.islower() or self.cases.at(s) == "mixed" or k in self.used or \
                    technical_word(key, sure=True):
                continue
            head = text[max(0, s - 24):s]
            if key not in self.english:
                # "ngl rhea did most of the research": a word of no English list does too
                if len(key) >= 3 and key.isalpha() and key not in STOP_WORDS and \
                        key not in MIXED_IN_WORDS and _CLAUSE_OPEN.search(head) and \
                        _TELLS.match(text, e):
                    self.add(k, k + 1, self.o.SCORE_SPEECH, strong=False, how="teller")
                continue
            if not (key in WORD_NAMES or key in self.first):
                continue
            if _OWNER_BEFORE.search(head) and _OWNER_AFTER.match(text, e):
                self.add(k, k + 1, self.o.SCORE_SPEECH, strong=False, how="owner")
            elif _CLAUSE_OPEN.search(head) and _TELLS.match(text, e):
                self.add(k, k + 1, self.o.SCORE_SPEECH, strong=False, how="teller")
            elif _PERSON_VERB_BEFORE.search(head) and _PERSON_AFTER.match(text, e):
                self.add(k, k + 1, self.o.SCORE_SPEECH, strong=False, how="object")

    def lists(self) -> None:
        """``Kovalev, Lee and Phillips``: words listed together with names already found.

        A two-item list needs one found name, a longer one two; items the NER tagged as a place,
        common words and known places are left alone.
        """
        tokens = self.tokens
        for m in LIST_RE.finditer(self.text):
            k0 = bisect.bisect_left(self.starts, m.start())
            chain = []
            for k in range(k0, len(tokens)):
                if tokens[k][1] > m.end():
                    break
                if tokens[k][2].casefold() not in ("and", "or"):
                    chain.append(k)
            covered = [self.covered(k) for k in chain]
            if len(chain) == 2 and not any(covered) and self.given_pair(*chain):
                for k in chain:
                    self.add(k, k + 1, self.o.SCORE_LIST, strong=False)
                continue
            if len(chain) < 2 or sum(covered) < (1 if len(chain) == 2 else 2):
                continue
            if not all(c or is_cap(tokens[k][2]) or self.lowercase_text
                       for k, c in zip(chain, covered, strict=False)):
                continue
            for k, c in zip(chain, covered, strict=False):
                key = tokens[k][2].casefold()
                word = key in self.common and not (key in AMBIGUOUS and key in self.first)
                if k and tokens[k - 1][2].casefold() in _DETERMINERS:
                    continue  # a thing: "designed the slides and mark anthony"
                if c or word or key in self.places or key in NOT_SURNAME or \
                        len(key) < 3 or self.ner_place(k) or self.in_place(k, k + 1):
                    continue
                self.add(k, k + 1, self.o.SCORE_LIST, strong=False)

    def given_pair(self, a: int, b: int) -> bool:
        """Tokens ``a`` and ``b`` are two capitalised names joined by "&" on a mixed line that
        name two people, not a firm (see :func:`~._shape.two_people`): "Ruud & Marieke"."""
        gap = self.text[self.tokens[a][1]:self.tokens[b][0]]
        if gap.strip() != "&" or self.lowercase_text:
            return False
        words = [self.tokens[k][2] for k in (a, b)]
        return all(is_cap(w) and not w.isupper() for w in words) and \
            two_people(*(w.casefold() for w in words)) and \
            not any(technical_word(w.casefold(), sure=True) or self.ner_other(k)
                    for k, w in zip((a, b), words, strict=True))

    def ner_other(self, k: int) -> bool:
        """spaCy labelled token ``k`` as a place or an organisation."""
        s, e, _ = self.tokens[k]
        return any(a < e and s < b for a, b in self._non_person_ents)

    def ner_place(self, k: int) -> bool:
        """spaCy labelled token ``k`` as a place (it is then masked as a location anyway)."""
        s, e, _ = self.tokens[k]
        return any(a < e and s < b for a, b in self._place_ents)

    def covered(self, k: int) -> bool:
        """Token ``k`` lies inside a name found so far (ours or spaCy's)."""
        s, e, _ = self.tokens[k]
        if any(a <= s and e <= b for a, b in self.spans):
            return True
        return any(a <= s and e <= b for a, b in self._person_ents)

    def repeats(self) -> None:
        """Other capitalised occurrences of the parts of names already found (ours and spaCy's)."""
        parts: set[str] = set()
        for (s, e), (score, _, _) in self.spans.items():
            if score >= self.o.SCORE_FIRST:
                parts.update(m.group(0) for m in WORD.finditer(self.text, s, e))
        for ent in self.ents:
            if ent.label_ in _PERSON_LABELS:
                parts.update(m.group(0) for m in WORD.finditer(str(ent.text)))
        parts = {p for p in parts if len(p) >= 3 and is_cap(p) and
                 p.casefold() not in self.common and p.casefold() not in PARTICLES and
                 p.casefold() not in NOT_SURNAME}
        if parts:
            for k, (_, _, w) in enumerate(self.tokens):
                if w in parts and not self.covered(k):
                    self.add(k, k + 1, self.o.SCORE_REPEAT, strong=False)

    def results(self) -> list[RecognizerResult]:
        """Spans as results; strong ones win over spaCy's place/organisation label on the same
        words (unless a word is a known place), so a name is replaced by a name."""
        out = []
        for (s, e), (score, strong, rule) in sorted(self.spans.items()):
            if strong and score < self.o.SCORE_OVER_NER and self._contested(s, e):
                score = self.o.SCORE_OVER_NER
            out.append(RecognizerResult(
                "PERSON", s, e, score,
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.o.name,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.o.id,
                                      "chatveil_rule": rule},
            ))
        return out

    def _contested(self, s: int, e: int) -> bool:
        """spaCy calls these words a place/organisation, and neither they nor its span are a
        known place ("El Salvador", "Costa Rica" stay places)."""
        rivals = [ent for ent in self.ents
                  if ent.label_ in _NON_PERSON_LABELS and ent.start_char < e and s < ent.end_char]
        if not rivals:
            return False
        texts = [self.text[s:e]] + [str(ent.text) for ent in rivals]
        return not any(
            t.casefold() in self.places or any(m.group(0).casefold() in self.places
                                                for m in WORD.finditer(t))
            for t in texts
        )


def _person_by_grammar(text: str, result: RecognizerResult) -> bool:
    """The rule that found ``result`` makes its words a person's whatever they also name: a
    word given as someone's name ("her name is thais", "my name is Islam"; not a tool: "my
    name is Python"), or a word in lower case that owns something ("why okafor's test suite",
    where "test" would make a capitalised word an eponym; the rule leaves technical words out)."""
    rule = result.recognition_metadata.get("chatveil_rule")
    if rule == "possessives:lower":
        return True
    return rule == "cues:naming" and not any(
        technical_word(m.group(0).casefold()) and m.group(0).casefold() not in NOT_A_NAME_WORD
        and m.group(0).casefold()[:-1] not in NOT_A_NAME_WORD
        for m in WORD.finditer(text, result.start, result.end))


class PersonNameRecognizer(EntityRecognizer):
    """Person names the small NER model misses, from Faker's first/last-name lists and cues.

    Rules, each with its own confidence:

    * a title and capitalised words: ``Dr. Jane Okafor`` (the title itself is not included);
    * a cue (``my name is``, ``call me``, ``named``, ``Hi``/``Dear``, ``said``) and a
      capitalised word, even one that is in no list;
    * a known first name followed by capitalised words (particles allowed): ``Tina Alexandrov``,
      ``Teresa de Vaan``; in all-lowercase text, a known first name and the next word;
    * a surname particle before a capital in running text: ``the van Gijn novel``;
    * a capitalised known first name on its own (``Georgina``), or a known last name on its own
      in mid-sentence (``Phillips``), unless it is a common English word (Will, May, Mark...);
    * a given name that is an ordinary word in some naming tradition, capitalised alone in
      mid-sentence (``referred by Precious, who``); in lower case, such a word before a verb
      of saying or owning a place one goes to (``but honey said``, ``dinner at grace's``);
    * a known first name addressed at the end of a sentence (``see you, Heather!``), and a word
      before ``'s address`` / ``'s phone`` / ``'s wife``... (``here's Zlata's address``);
    * a speaker label at the start of a line of a transcript (``Kalman: "Who are you?"``);
    * in all-lowercase text, a known first name on its own (``sara``);
    * capitalised words listed together with a found name (``Kovalev, Lee and Phillips``);
    * other capitalised occurrences, in the same text, of the parts of names already found by
      these rules or by spaCy's NER.

    When spaCy labels the same words as a place or organisation, the strong rules win (score
    0.9) unless a word is a known place (Faker's countries, US states, some city lists).
    """

    name: str  # set by EntityRecognizer.__init__

    #: The rules in the order they run (later rules see the names earlier ones found).
    RULES = ("titles", "world_titles", "introductions", "titles_after", "cues", "particles",
             "speakers", "vocatives", "possessives", "known_names", "place_given_names",
             "word_names", "lower_word_names", "lists", "repeats")

    SCORE_OVER_NER = 0.9
    SCORE_TITLE = 0.85
    SCORE_FULL_KNOWN = 0.85
    SCORE_CUE = 0.75
    SCORE_FULL = 0.7
    SCORE_FIRST = 0.6
    SCORE_LOWER_FULL = 0.6
    SCORE_PARTICLE = 0.6
    SCORE_REPEAT = 0.6
    SCORE_SPEECH = 0.5
    SCORE_LIST = 0.5
    SCORE_POSSESSIVE = 0.5
    SCORE_LOWER = 0.45
    SCORE_SPEAKER = 0.45
    SCORE_LAST = 0.45

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name="ChatveilPersonNameRecognizer")

    def load(self) -> None:
        """Read Faker's name lists now (when the analyzer is built), not on the first text."""
        name_lists()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        if "PERSON" not in entities or not text:
            return []
        scan = _NameScan(self, text, nlp_artifacts)
        for rule in self.RULES:
            scan.rule = rule
            getattr(scan, rule)()
        return [r for r in scan.results()
                if text[r.start:r.end].casefold() not in NOT_A_PERSON
                and (not technical_span(text, r.start, r.end) or _person_by_grammar(text, r))]
