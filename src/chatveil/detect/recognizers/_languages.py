"""Lines written in another language than English, and the ordinary words of that language.

The name rules and the trained model were made for English: in "Gibt es ein gutes Rezept für
Kartoffelsalat?" every capitalised noun, and any word no English dictionary has, looks like a
name. A line is taken to be in language L when L's function words (spaCy's stop-word list of L,
or chatveil's own for Swahili) make up a large share of its words, more than English's do; a
line with too few function words, by letters only L writes or by L's common words making up
half of it. On such a line a word is ordinary when it is one of those function words or common
in L (in the ``small`` list of the ``wordfreq`` package, about the 30,000 most frequent words of
L), also typed without its accents, or such a word with case endings in a language that adds
them, and no name or place of the world lists: "Rezept", "gato", "frigorífico", "prosim",
"hakemuksen" are ordinary, "Priyanka", "Müller" and "Lyon" stay candidates.

Nothing here runs on English text beyond counting the stop words of each line (and, for a line
with few of them and mostly no English words, looking up its words); wordfreq is imported, and a
language's list loaded (about 5 MB), the first time a line of it is seen.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Mapping
from pathlib import Path

from chatveil._words import unaccented
from chatveil.detect.recognizers._lexicon import english_dictionary, world_name_words, world_places
from chatveil.detect.recognizers._titles import CLOSING_RE

#: spaCy language code -> wordfreq language code, for the Latin-script languages both cover;
#: None for a language with a stop-word list but no frequency list (its function words only).
LANGUAGES: Mapping[str, str | None] = {
    "ca": "ca", "cs": "cs", "da": "da", "de": "de", "es": "es", "fi": "fi", "fr": "fr",
    "hr": "sh", "hu": "hu", "id": "id", "is": "is", "it": "it", "lt": "lt", "lv": "lv",
    "ms": "ms", "nb": "nb", "nl": "nl", "pl": "pl", "pt": "pt", "ro": "ro", "sk": "sk",
    "sl": "sl", "sv": "sv", "tl": "fil", "tr": "tr", "vi": "vi", "sw": None,
}

#: Function words of languages spaCy has no stop-word list for, written for chatveil from the
#: languages' grammar (pronouns, possessives, demonstratives, particles, conjunctions,
#: prepositions, question words, the forms of "to be" and "to have", time adverbs). Words that
#: are also given names (Swahili "amani", "baraka", "imani") are not here.
OWN_STOP_WORDS: Mapping[str, str] = {
    "sw": """
        na ya wa za la cha vya kwa katika ni si hii hiyo huu huo hizi hizo haya hayo hili hilo
        kile hicho hiki vile hivi huyu hawa hao hapa hapo huko kule humo mle
        kama lakini au ama pia sana tu bado tena sasa leo kesho jana juzi
        nini gani wapi lini vipi mbona je nani ngapi
        mimi wewe yeye sisi ninyi nyinyi wao
        yangu yako yake yetu yenu yao wangu wako wake wetu wenu changu chako chake chetu chenu
        chao langu lako lake letu lenu lao zangu zako zake zetu zenu zao vyangu vyako vyake
        kuna hakuna ndiyo ndio hapana sawa asante tafadhali habari
        kwamba ili hadi mpaka baada kabla kutoka tangu juu chini ndani nje mbele nyuma mbali
        kati kila wote yote zote vyote wengi mengi nyingi kidogo zaidi bila pamoja labda lazima
        kwanza halafu kisha nina una ana tuna mna wana sina huna hana hatuna hamna hawana
        niko uko yuko tuko mko ndiye ndicho kuwa kufanya kwenda kuja kusema kupata kujua
        kuona kutaka kuomba kusaidia naomba nataka sijui najua unajua inabidi inawezekana
        kwenye hivyo sababu kabisa mara siku wiki mwezi mwaka saa
    """,
}

#: A line of at least this many words is judged on its own; shorter lines ("Ville : Lyon",
#: "joko hey") take the language of the whole text.
_LINE_WORDS = 6
#: Function words of L a line needs: at least this many, this share of its words, and this
#: much more of a share than English's function words have.
_HITS, _SHARE, _MARGIN = 3, 0.2, 0.15
#: Words a line (or text) needs to be told by the common words of a language alone.
_COMMON_WORDS_AT_LEAST = 3
#: A word of L's frequency list is common from this Zipf value on (a few times per million
#: words): below it the lists hold the names their sources mention ("ming", "eun", "lai").
_COMMON_ZIPF = 3.5
#: How many times more frequent in L than in English a common word of L must be.
_OVER_ENGLISH = 10.0
#: On a line without capitals, a common word (not a function word) of fewer letters than this
#: is left to the name rules.
_LOWER_LINE_LETTERS = 6
#: Languages that join suffixes to a word (case endings, possessives): there a word that
#: begins with a common word of at least this many letters is one too ("boğazım", "kermalla",
#: "hakemuksestani"), unless it is a name of the world lists. Turkish sets a proper name's
#: suffixes off with an apostrophe ("Ayşe'nin"), so shorter stems are safe there.
_SUFFIXING: Mapping[str, int] = {
    "tr": 4, "fi": 5, "hu": 5, "lt": 5, "lv": 5, "cs": 5, "sk": 5, "pl": 5, "hr": 5, "sl": 5,
}
#: (back, front) vowels of Turkish, whose suffixes keep the class of their stem (Finnish has
#: harmony too, but its compounds join words of both classes: "kesätyö" + "paikka").
_HARMONY: Mapping[str, tuple[str, str]] = {"tr": ("aıou", "eiöü")}
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
    for code, words in OWN_STOP_WORDS.items():
        out[code] = frozenset(words.split())
    for code in (*LANGUAGES, "en"):
        if code in out:
            continue
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
    source = LANGUAGES[code]
    if source is None:
        return frozenset()
    from wordfreq import get_frequency_dict, zipf_to_freq

    names = _names_and_places()
    least = zipf_to_freq(_COMMON_ZIPF)
    english = get_frequency_dict("en", wordlist="small")
    return frozenset(w for w, f in get_frequency_dict(source, wordlist="small").items()
                     if f >= least and f >= _OVER_ENGLISH * english.get(w, 0.0) and
                     len(w) >= 3 and w.isalpha() and w not in names)


@functools.lru_cache(maxsize=1)
def _stop_index() -> dict[str, tuple[str, ...]]:
    """Each stop word of :func:`stop_words` and the languages (and "en") it belongs to: a line
    is counted with one look-up per word, not one per word and language. (Not without their
    accents: Lithuanian "tai", "sau" would be Tagalog's "tai", "sau" then.)"""
    index: dict[str, list[str]] = {}
    for code, words in stop_words().items():
        for w in words:
            index.setdefault(w, []).append(code)
    return {w: tuple(codes) for w, codes in index.items()}


#: Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"đ": "d", "ł": "l", "ı": "i", "ø": "o"})


def _unaccented(word: str) -> str:
    """``word`` without its diacritics ("dělá" -> "dela", "đi" -> "di")."""
    return unaccented(word.translate(_UNDECOMPOSED))


@functools.lru_cache(maxsize=1)
def _names_and_places() -> frozenset[str]:
    """The words a common word of a language must not be: names and places of the world lists."""
    return world_name_words() | world_places()[0]


@functools.lru_cache(maxsize=32)
def _vocabulary(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """(function words, function and common words) of ``code``, each word also without its
    accents (:func:`_unaccented`) when that is no name or place of the world lists."""
    function, common = stop_words()[code], _common_words(code)
    names = _names_and_places()

    def both(words: frozenset[str]) -> frozenset[str]:
        return words | frozenset(p for p in map(_unaccented, words) if p not in names)

    return both(function), both(function | common)


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
    if not all(w.isascii() for w in words):  # perhaps letters of _OWN_LETTERS
        for other, letters in _OWN_LETTERS.items():
            found = counts.get(other, 0)
            if found < 1 or found < english:
                continue
            marked = sum(1 for w in words if any(ch in letters for ch in w))
            if marked >= _HITS - 1 and marked >= _SHARE * len(words):
                return other
    return _by_common_words(words, english)


def _by_common_words(words: list[str], english: int) -> str | None:
    """For words with too few function words to tell ("Ką galėčiau iš to iškepti", a shopping
    list): of the two languages most likely here, the one whose common words make up half of
    them, when few are English function words and most no English word at all. Likeliest are
    the languages of the function words here, each word counting less the more languages share
    it ("a" is a word of fifteen), and of words with their own letters (:data:`_OWN_LETTERS`)."""
    if len(words) < _COMMON_WORDS_AT_LEAST or english / len(words) >= 2 * _MARGIN:
        return None
    dictionary = english_dictionary()
    if sum(w not in dictionary for w in words) * 2 < len(words):
        return None
    index = _stop_index()
    likely: dict[str, float] = {}
    for w in words:
        codes = [c for c in index.get(w, ()) if c != "en"]
        for code in codes:
            likely[code] = likely.get(code, 0.0) + 1 / len(codes)
        for code, letters in _OWN_LETTERS.items():
            if any(ch in letters for ch in w):
                likely[code] = likely.get(code, 0.0) + 1
    for code in sorted(likely, key=lambda c: -likely[c])[:2]:
        known, stem, harmony = _vocabulary(code)[1], _SUFFIXING.get(code, 0), _HARMONY.get(code)
        if sum(_known(w, known, stem, harmony) for w in words) * 2 >= len(words):
            return code
    return None


#: Letters that, among these languages, only one writes. A line of a language with few
#: function words (Turkish joins them to the word) is told by them: "ağrıyor", "boğazım".
_OWN_LETTERS: Mapping[str, str] = {
    "tr": "ığş", "pl": "łąęśźżń", "cs": "řěů", "ro": "șțăâ", "hu": "őű", "lt": "ėįų",
    "lv": "āēīķļņģ",
    "vi": "ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
}
#: Languages that capitalise their nouns: there a capitalised word inside a sentence may be an
#: ordinary word ("ein gutes Rezept", "Können Sie").
_CAPITALISED_NOUNS = frozenset({"de"})
#: What may end the text before a word that opens a sentence. Not a colon: after "De:" or
#: "Nom :" comes a value, often a name.
_SENTENCE_END = ".!?¿¡;\"“«(-–—•*>"
#: A capitalised word of at most four letters and a dot ("Dkt.", "Bi.", "Ing."), or a lone
#: letter ("p."): an abbreviation, such as a title, not the end of a sentence.
_ABBREVIATION = re.compile(r"(?:(?<![^\W\d_])[^\W\d_]|(?<![^\W_])[A-ZÀ-Þ][^\W\d_]{0,3})\.\Z")


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
    signatures = {m.end() for m in CLOSING_RE.finditer(text)} if "\n" in text else set()
    out: set[str] = set()
    for (start, end, code), line in zip(line_languages(text), text.split("\n"), strict=True):
        if code is None or any(start <= at < end for at in signatures):
            continue  # the line after "Pozdrawiam," signs: "Wojtek" is a name there
        tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(line)]
        function, known = _vocabulary(code)
        lower = not any(ch.isupper() for ch in line)
        # on a line without capitals a name with a suffix-like end is too often taken for a
        # word with suffixes ("sorok" + "ina", "olum" + "ide"): whole words only there
        stem = 0 if lower else _SUFFIXING.get(code, 0)
        ordinary = [_known(w, known, stem, _HARMONY.get(code)) for _at, w in tokens]
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
                opens = (not before or before[-1] in _SENTENCE_END or before[-1].isdigit()) \
                    and _ABBREVIATION.search(before) is None
                nxt = tokens[k + 1][1] if k + 1 < len(tokens) else ""
                if not opens or (nxt[:1].isupper() and not ordinary[k + 1]):
                    # "Hola Min-jun Han", and "Haya Al Qahtani" opening a sentence
                    continue
            out.add(word)
    return frozenset(out)


def _fold(word: str) -> str:
    """``word`` casefolded; Turkish "İ" becomes "i", not "i" and a combining dot."""
    return word.casefold().replace("i\u0307", "i")


def _known(word: str, known: frozenset[str], stem: int = 0,
           harmony: tuple[str, str] | None = None) -> bool:
    """Each part of ``word`` of two letters or more is a function word or a common word
    (``known``): "m'aider", "Est-ce", "l'ordinateur". With ``stem`` (a language of
    :data:`_SUFFIXING`) a word with no apostrophe that is no name of the world lists may also
    be a common word of ``stem`` letters or more with suffixes ("gecikti", "boğazım": "gecik-",
    "boğaz"), whose vowels keep the language's ``harmony`` if it has one."""
    key = _fold(word)
    parts = [p for p in _PARTS.split(key) if len(p) > 1] or [key]
    if all(p in known for p in parts):
        return True
    if not stem or len(parts) > 1 or "'" in key or "’" in key or key in world_name_words():
        return False
    return any(key[:n] in known and _harmonious(key[n:], harmony)
               for n in range(len(key) - 1, stem - 1, -1))


def _harmonious(suffix: str, harmony: tuple[str, str] | None) -> bool:
    """``suffix`` has no vowels of both classes of a language's vowel harmony: Turkish
    suffixes take the vowels of their stem's class, so "aman" + "uel" is no Turkish word
    ("Amanuel" is a name)."""
    if harmony is None:
        return True
    back, front = harmony
    return not (any(ch in back for ch in suffix) and any(ch in front for ch in suffix))
