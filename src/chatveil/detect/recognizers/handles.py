"""``@handles``: social-network, chat and forum user names written with an ``@``.

A handle is personal data when it names a person. Code and chat use the same ``@word``
shape for other things (decorators ``@property`` / ``@app.route(...)``, npm scopes
``@types/node``, Javadoc tags, CSS at-rules, team mentions ``@here`` / ``@channel``, the
domain of an email), so a handle is only reported with evidence that it names someone:

- one of its words is a first name or surname of the name lists and not an English word
  (``@maria.lopez``, ``@lopez_m``), or it is a first name and a surname (``@john.smith``),
  also run together (``@angelawood``), or an initial and a surname (``@dcarter``);
- a handle word comes shortly before it, in the same clause (``twitter``, ``slack``,
  ``follow me``, ``ping``, ``cc``, ``dm``, ``username``...) or ``on twitter`` /
  ``on slack``... right after;
- 4+ letters that are no English word, then 2-4 digits (``@mlopez88``), as user names are
  made and decorators are not;
- it opens a line and speaks to someone: a comma or colon, or a word of address right after
  it (``@sadia are you joining?``, ``@kwesi pls review``, ``@eunji: done``); or it stands
  after words in the middle of a line, before a word of address (``sorry @golf you were
  wrong``).

The span is the name after the ``@``; the ``@`` stays in the text.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from chatveil.detect.recognizers._common import context_regex, wordset

__all__ = ["HandleRecognizer"]

#: ``@`` + 2-40 letters (of any script), digits, ``.``, ``_``, ``-``; not inside an email or a URL's
#: credentials (a word character or ``>`` before), not an XPath attribute (``[@id]``,
#: ``/@lang``), not a Javadoc inline tag (``{@code}``) and not a scope, an attribute or a
#: call (``/``, ``._x`` or ``(`` after).
_HANDLE = re.compile(
    r"(?<![\w@.+\-:>\[/{])@([^\W\d_][\w.\-]{0,38}[^\W_])(?![\w@/(]|[.\-]\w)"
)
_PARTS = re.compile(r"[^\W\d_]+|\d+")
#: A handle that opens its line and prose after it (group 1: the handle).
_LINE_HANDLE = re.compile(
    r"^[ \t]*@([^\W\d_][\w.\-]{0,38}[^\W_])[ \t]+[^\W\d_][^\n]*(?<![{;,(\[\s])[ \t]*$",
    re.MULTILINE)
#: Mentions of a group, not of a person.
_GROUPS = wordset("""
here channel everyone everybody all team group room admins admin mods moderators staff
someone anyone channel_name bot bots devs dev ops oncall on-call support
""")
#: CSS/Sass at-rules and doc tags that may open a line before words.
_AT_RULES = wordset("""
import media mixin include extend use forward font-face keyframes supports apply tailwind
layer each if else for while function return error warn debug content page charset
namespace param returns return throws see since author version deprecated todo
""")
#: Line-opening words after "@" that name no person.
_NO_PERSON_HANDLES = _GROUPS | _AT_RULES
#: A dotted handle whose last part is one of these is a domain (``@example.org``).
_TLDS = wordset("""
com org net io edu gov mil int co uk de fr nl es it ch at be eu us ca au in jp cn ru br info
biz app dev ai me ly tv xyz online site tech cloud
""")
_CUE_BEFORE = context_regex([
    "handle", "handles", "username", "user name", "twitter", "tweet", "tweeted", "instagram",
    "insta", "tiktok", "slack", "discord", "telegram", "github", "gitlab", "mastodon",
    "bluesky", "threads", "linkedin", "reddit", "youtube", "twitch", "follow me", "follow us",
    "followed by", "dm", "dms", "ping", "pinged", "cc", "mention", "mentioned",
    "hi", "hey", "hello", "thanks", "thank you", "thx", "congrats",
])
_CUE_AFTER = re.compile(
    r"[ \t]*(?:on|at|@)[ \t]+(?:twitter|x|instagram|insta|ig|tiktok|slack|discord|telegram|"
    r"github|gitlab|mastodon|bluesky|threads|linkedin|reddit|youtube|twitch)\b",
    re.IGNORECASE,
)
#: After a handle that opens a line: the words of someone spoken to. Javadoc tags and
#: decorators are followed by a name or code, not by these (``@param i`` is not at a line
#: start: `` * `` comes before it).
_ADDRESS_WORDS = (
    r"[ \t]+(?:you|u|your|ur|are|r|can|could|would|will|did|do|does|have|"
    r"pls|please|plz|thanks|thank|thx|ty|any|what|where|when|why|how|we|let's|lets|lgtm|ptal|"
    r"is|was|just|had|has|said|says|told|knows|wants|needs|thinks)\b")
_ADDRESS_AFTER = re.compile(r"[ \t]*[,:](?:[ \t]|$)|" + _ADDRESS_WORDS,
                            re.IGNORECASE | re.MULTILINE)
#: In the middle of a line, only the words of address count (a colon or comma after "@media"
#: or "@param" says nothing), and only after words: a Javadoc line (" * @author will") or a
#: decorator has no prose before its "@".
_ADDRESS_WORD_AFTER = re.compile(_ADDRESS_WORDS, re.IGNORECASE)
_IN_PROSE = re.compile(r"[^\W\d_]{2,}[,.!?]?[ \t]+\Z")
#: How far back :data:`_IN_PROSE` looks (a word and the blanks before the "@").
_PROSE_WINDOW = 64
_LETTERS_DIGITS = re.compile(r"([^\W\d_]{4,})\d{2,4}")
#: A decorator or an annotation: the ``@word`` starts its line (:func:`_opens_line`)...
#: ... ends it, and the next line is code: another decorator, a definition or a signature.
_CODE_NEXT = re.compile(
    r"[ \t]*\r?\n[ \t]*(?:@|(?:def|class|async|public|private|protected|static|function|export|"
    r"fun|func|void|final|override|abstract|internal|open|var|let|const)\b|"
    r"[A-Za-z_][\w<>\[\], ]*[ \t]+[A-Za-z_]\w*[ \t]*\()"
)


class HandleRecognizer(EntityRecognizer):
    """``@handles`` that name a person (see the module docstring for the evidence needed)."""

    ENTITY = "USERNAME"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language,
                         name="ChatveilHandleRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        if self.ENTITY not in entities or "@" not in text:
            return []
        results = []
        for m in _HANDLE.finditer(text):
            score = self._score(text, m)
            if score:
                results.append(RecognizerResult(self.ENTITY, m.start(1), m.end(1), score))
        return results

    @staticmethod
    def _score(text: str, m: re.Match[str]) -> float:
        handle = m.group(1)
        folded = handle.casefold()
        words = [w.casefold() for w in _PARTS.findall(handle) if not w.isdigit()]
        if folded in _GROUPS or not words:
            return 0.0
        dotted = folded.split(".")
        if len(dotted) > 1 and dotted[-1] in _TLDS:
            return 0.0
        opens_line = _opens_line(text, m.start())
        if opens_line and _CODE_NEXT.match(text, m.end()):
            return 0.0  # "@dataclass" on its own line, code on the next
        if not (handle.isupper() and len(words) == 1) and _names_someone(words):
            return 0.85
        if _cue_before(text, m.start()) or _CUE_AFTER.match(text, m.end()):
            return 0.85
        if opens_line and _ADDRESS_AFTER.match(text, m.end()):
            return 0.85  # "@sadia are you joining?" opens its line
        if opens_line and _beside_mentions(text, m.start()):
            return 0.85  # "@harsh i can rotate it" among lines opened by people's handles
        if _IN_PROSE.search(text, max(0, m.start() - _PROSE_WINDOW), m.start()) and \
                _ADDRESS_WORD_AFTER.match(text, m.end()):
            return 0.85  # "shoutout to x @golf you were wrong", "ok @bimbo can you revert"
        made = _LETTERS_DIGITS.fullmatch(handle)
        if made and (m.start() == 0 or text[m.start() - 1].isspace()) and not _is_word(
            made.group(1).casefold()
        ):
            return 0.6  # mlopez88, not sha256 or python3, nor a quoted or glued one
        return 0.0


def _opens_line(text: str, start: int) -> bool:
    """Only blanks stand between the start of the line and ``start``."""
    return not text[text.rfind("\n", 0, start) + 1:start].strip(" \t")


def _beside_mentions(text: str, start: int) -> bool:
    """This line and another open with a handle and go on in prose: a chat log of mentions
    ("@harsh i can rotate it"). Decorators end their line or call; CSS at-rules end theirs
    with "{" or ";"."""
    lines = _mention_lines(text)
    return len(lines) >= 2 and start in lines


@functools.lru_cache(maxsize=16)
def _mention_lines(text: str) -> frozenset[int]:
    """Offsets of the "@" of the handles that open a line and go on in prose, no group or
    at-rule (found once per text, not once per "@")."""
    return frozenset(m.start(1) - 1 for m in _LINE_HANDLE.finditer(text)
                     if m.group(1).casefold() not in _NO_PERSON_HANDLES)


def _cue_before(text: str, start: int) -> bool:
    """A handle word in the same clause, at most 20 characters before the ``@``."""
    lo = max(0, start - 20)
    cut = max(text.rfind(ch, lo, start) for ch in ";.!?\n")
    cue = _CUE_BEFORE.search(text, max(lo, cut + 1), start)
    return cue is not None and text[cue.start() - 1 : cue.start()] != "@"


def _is_word(word: str) -> bool:
    from chatveil.detect.recognizers._lexicon import english_dictionary

    return word in english_dictionary()


def _names_someone(words: list[str]) -> bool:
    """A name-list word that is no English word (``lopez``), a first name followed by a
    surname (``john.smith``), or one word made of them: a first name and a surname run
    together (``angelawood``), an initial and a surname (``dcarter``)."""
    from chatveil.detect.recognizers._lexicon import english_dictionary, name_lists

    first, last, _common, _places = name_lists()
    dictionary = english_dictionary()
    if any(len(w) >= 3 and (w in first or w in last) and w not in dictionary for w in words):
        return True
    if len(words) >= 2 and words[0] in first and any(w in last for w in words[1:]):
        return True
    return len(words) == 1 and _run_together(words[0], first, last)


def _run_together(word: str, first: frozenset[str], last: frozenset[str]) -> bool:
    if len(word) >= 6 and word[1:] in last:
        return True  # dcarter
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if head in first and (tail in last or any(
            tail[:j] in first and tail[j:] in last for j in range(3, len(tail) - 2)
        )):
            return True  # angelawood, klauswernerritter
    return False
