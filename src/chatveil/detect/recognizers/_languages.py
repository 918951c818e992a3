"""Lines written in another language than English, and the ordinary words of that language.

The name rules and the trained model were made for English: in "Gibt es ein gutes Rezept für
Kartoffelsalat?" every capitalised noun, and any word no English dictionary has, looks like a
name. A line is taken to be in language L when L's function words (spaCy's stop-word list of L)
make up a large share of its words, more than English's do. On such a line a word is ordinary
when it is one of those function words or common in L (in the ``small`` list of the
``wordfreq`` package, about the 30,000 most frequent words of L) and no name or place of the
world lists: "Rezept", "gato", "frigorífico" are ordinary, "Priyanka", "Müller" and "Lyon"
stay candidates.

Nothing here runs on English text beyond counting the stop words of each line; wordfreq is
imported, and a language's list loaded (about 5 MB), the first time a line of it is seen.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Mapping
from pathlib import Path

from chatveil.detect.recognizers._lexicon import world_name_words, world_places

#: spaCy language code -> wordfreq language code, for the Latin-script languages both cover.
LANGUAGES: Mapping[str, str] = {
    "ca": "ca", "cs": "cs", "da": "da", "de": "de", "es": "es", "fi": "fi", "fr": "fr",
    "hu": "hu", "id": "id", "it": "it", "lt": "lt", "lv": "lv", "ms": "ms", "nb": "nb",
    "nl": "nl", "pl": "pl", "pt": "pt", "ro": "ro", "sk": "sk", "sl": "sl", "sv": "sv",
    "tl": "fil", "tr": "tr", "vi": "vi",
}

#: A line of at least this many words is judged on its own; shorter lines ("Ville : Lyon",
#: "joko hey") take the language of the whole text.
_LINE_WORDS = 6
#: Function words of L a line needs: at least this many, this share of its words, and this
#: much more of a share than English's function words have.
_HITS, _SHARE, _MARGIN = 3, 0.25, 0.15
#: A word of L's frequency list is common from this Zipf value on (a few times per million
#: words): below it the lists hold the names their sources mention ("ming", "eun", "lai").
_COMMON_ZIPF = 3.5
#: How many times more frequent in L than in English a common word of L must be.
_OVER_ENGLISH = 10.0
#: On a line without capitals, a common word (not a function word) of fewer letters than this
#: is left to the name rules.
_LOWER_LINE_LETTERS = 6
#: Languages that join suffixes to a common word but set them off a proper name with an
#: apostrophe ("Ankara'da", "Ayşe'nin"): there a word that begins with a common word of at
#: least this many letters is one too.
_SUFFIXING = frozenset({"tr"})
_STEM_LETTERS = 4
#: Where a word splits into parts: elisions and hyphens ("l'imperfetto", "Est-ce").
_PARTS = re.compile(r"['’\-]")
#: A word that stands alone: no letters of a hash or an identifier ("a1f3c2e").
_TOKEN = re.compile(r"(?<!\w)[^\W\d_]+(?:['’\-][^\W\d_]+)*(?!\w)")


@functools.lru_cache(maxsize=1)
def stop_words() -> dict[str, frozenset[str]]:
    """spaCy's stop words of each language of :data:`LANGUAGES`, and of English under "en".

    Each list is the ``STOP_WORDS`` constant of ``spacy/lang/<code>/stop_words.py``, read from
    that file alone: importing ``spacy.lang.<code>`` would build each language's tokenizer data
    (seconds and tens of MB for two dozen languages). Entries of several words (Vietnamese
    joins their syllables with "_") are left out: their syllables alone are often names."""
    import spacy  # already loaded by the NLP engine whenever detection runs

    root = Path(spacy.__file__).parent / "lang"
    out: dict[str, frozenset[str]] = {}
    for code in (*LANGUAGES, "en"):
        path = root / code / "stop_words.py"
        spec = importlib.util.spec_from_file_location(f"_chatveil_stop_words_{code}", path)
        if not path.is_file() or spec is None or spec.loader is None:  # pragma: no cover
            continue  # a spaCy that moved its files: that language is not recognised
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out[code] = frozenset(w.casefold() for w in module.STOP_WORDS if w and "_" not in w)
    return out


@functools.lru_cache(maxsize=32)
def _common_words(code: str) -> frozenset[str]:
    """The words of wordfreq's small list of ``code`` (spaCy's code) of three letters or more,
    common enough (:data:`_COMMON_ZIPF`), that no world list holds as a name or a place, and
    far more frequent in that language than in English (:data:`_OVER_ENGLISH`): the names
    that text of every language mentions ("chan", "ming", "kwon", "hunter") are about as
    frequent in English."""
    from wordfreq import get_frequency_dict, zipf_to_freq

    names = world_name_words() | world_places()[0]
    least = zipf_to_freq(_COMMON_ZIPF)
    english = get_frequency_dict("en", wordlist="small")
    return frozenset(w for w, f in get_frequency_dict(LANGUAGES[code], wordlist="small").items()
                     if f >= least and f >= _OVER_ENGLISH * english.get(w, 0.0) and
                     len(w) >= 3 and w.isalpha() and w not in names)


@functools.lru_cache(maxsize=1)
def _stop_index() -> dict[str, tuple[str, ...]]:
    """Each stop word of :func:`stop_words` and the languages (and "en") it belongs to: a line
    is counted with one look-up per word, not one per word and language."""
    index: dict[str, list[str]] = {}
    for code, words in stop_words().items():
        for w in words:
            index.setdefault(w, []).append(code)
    return {w: tuple(codes) for w, codes in index.items()}


def _language(words: list[str]) -> str | None:
    """The language (spaCy code) whose function words make up most of ``words`` (casefolded),
    if that is not English; else the one whose own letters several of them are written with
    (:data:`_OWN_LETTERS`), if some function word of it is there too."""
    if not words:
        return None
    index = _stop_index()
    counts: dict[str, int] = {}
    for w in words:
        for code in index.get(w, ()):
            counts[code] = counts.get(code, 0) + 1
    english = counts.pop("en", 0)
    code = max(LANGUAGES, key=lambda c: counts.get(c, 0))  # the first of a tie, as listed
    hits = counts.get(code, 0)
    share = hits / len(words)
    if hits >= _HITS and share >= _SHARE and share >= english / len(words) + _MARGIN:
        return code
    if all(w.isascii() for w in words):  # no letter of _OWN_LETTERS
        return None
    for other, letters in _OWN_LETTERS.items():
        found = counts.get(other, 0)
        if found < 1 or found < english:
            continue
        marked = sum(1 for w in words if any(ch in letters for ch in w))
        if marked >= _HITS - 1 and marked >= _SHARE * len(words):
            return other
    return None


#: Letters that, among these languages, only one writes. A line of a language with few
#: function words (Turkish joins them to the word) is told by them: "ağrıyor", "boğazım".
_OWN_LETTERS: Mapping[str, str] = {
    "tr": "ığş", "pl": "łąęśźżń", "cs": "řěů", "ro": "șțăâ", "hu": "őű",
    "vi": "ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
}
#: Languages that capitalise their nouns: there a capitalised word inside a sentence may be an
#: ordinary word ("ein gutes Rezept", "Können Sie").
_CAPITALISED_NOUNS = frozenset({"de"})
#: What may end the text before a word that opens a sentence. Not a colon: after "De:" or
#: "Nom :" comes a value, often a name.
_SENTENCE_END = ".!?¿¡;\"“«(-–—•*>"


@functools.lru_cache(maxsize=64)
def line_languages(text: str) -> tuple[tuple[int, int, str | None], ...]:
    """(start, end, language) of each line of ``text`` (split at "\\n"): the spaCy code of the
    language the line is written in, or None for English or a line too short to tell. A line of
    fewer than :data:`_LINE_WORDS` words takes the language of the whole text."""
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, at + len(line), [_fold(m.group(0)) for m in _TOKEN.finditer(line)]))
        at += len(line) + 1
    whole: list[str | None] = []  # the whole text's language, found when a short line asks
    out = []
    for start, end, words in lines:
        code = None
        if len(words) >= _LINE_WORDS:
            code = _language(words)
        elif words:
            if not whole:
                whole.append(_language([w for _s, _e, ws in lines for w in ws]))
            code = whole[0]
        out.append((start, end, code))
    return tuple(out)


@functools.lru_cache(maxsize=64)
def foreign_words(text: str) -> frozenset[str]:
    """The words of ``text``'s lines in another language that are ordinary words of it, as
    typed: its function words, and its common words that are no name or place of the world
    lists ("nada" and "dos" are function words of Spanish, though names elsewhere).

    Outside German, a word capitalised inside a sentence is a name or a brand more often than
    not, though it be a word too ("Hola Min-jun Han", "Bu Sana"): it is left out unless it
    opens the sentence and no capitalised word that is not ordinary follows ("Haya Al
    Qahtani"). In capitals, function words that are names too are left out. Empty for English
    text."""
    out: set[str] = set()
    for (_start, _end, code), line in zip(line_languages(text), text.split("\n"), strict=True):
        if code is None:
            continue
        tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(line)]
        function, common = stop_words()[code], _common_words(code)
        stems = code in _SUFFIXING
        ordinary = [_known(w, function, common, stems) for _at, w in tokens]
        lower = not any(ch.isupper() for ch in line)
        for k, (at, word) in enumerate(tokens):
            if not ordinary[k]:
                continue
            if lower and len(word) < _LOWER_LINE_LETTERS and word.casefold() not in function:
                # on a line without capitals nothing tells a short given name from a word
                # ("dung", "sari", "nam"): only function words are taken for words there
                continue
            if word.isupper() and len(word) > 1:
                # in capitals ("NOM : WEBER", "ALI MAKE E CALL"), a function word that is
                # also a name of the world lists is taken for the name
                if word.casefold() in world_name_words():
                    continue
            elif word[:1].isupper() and code not in _CAPITALISED_NOUNS:
                before = line[:at].rstrip()
                opens = not before or before[-1] in _SENTENCE_END or before[-1].isdigit()
                nxt = tokens[k + 1][1] if k + 1 < len(tokens) else ""
                if not opens or (nxt[:1].isupper() and not ordinary[k + 1]):
                    # "Hola Min-jun Han", and "Haya Al Qahtani" opening a sentence
                    continue
            out.add(word)
    return frozenset(out)


def _fold(word: str) -> str:
    """``word`` casefolded; Turkish "İ" becomes "i", not "i" and a combining dot."""
    return word.casefold().replace("i\u0307", "i")


def _known(word: str, function: frozenset[str], common: frozenset[str], stems: bool) -> bool:
    """Each part of ``word`` of two letters or more is a function word or a common word:
    "m'aider", "Est-ce", "l'ordinateur". With ``stems`` (Turkish) a word with no apostrophe
    may also be a common word with suffixes: "gecikti", "boğazım" ("gecik-", "boğaz")."""
    key = _fold(word)
    parts = [p for p in _PARTS.split(key) if len(p) > 1] or [key]
    if all(p in function or p in common for p in parts):
        return True
    return stems and len(parts) == 1 and "'" not in key and "’" not in key and any(
        key[:n] in common for n in range(len(key) - 1, _STEM_LETTERS - 1, -1))
