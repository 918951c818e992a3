"""Names and places from everywhere: evidence that does not need a name to be in a list.

:class:`NameEvidenceRecognizer` finds person names and places of any origin, in text as people
type it (all lower case, all upper case, headers, signatures), from evidence that generalizes:

* **word shape**: a capitalised word that is no English word (the SCOWL dictionary keeps proper
  nouns capitalised, so "Sharma", "Okonkwo", "Nguyễn" are not in it while "mark" and "said"
  are), no technical term, no language or nationality, no typo of an English word. Adjacent
  such words, initials and particles ("A. K.", "van der", "bin", "al-") form one name;
* **casing views**: a line written all in upper or all in lower case is read through a
  same-length copy where exactly those non-English words are capitalised ("DEAR KANOKWAN
  SUKSAWAT" -> "dear Kanokwan Suksawat", "patient swati pawar" -> "patient Swati Pawar"), so
  the same rules apply; offsets never change. (A second spaCy pass over that view found
  nothing these rules miss on the world dev set and doubled the time of such messages, so
  it is not run; spaCy's own results on such lines are dropped in ``ner.py``);
* **label fields and cues**: ``From:``, ``To:``, ``Cc:``, ``Patient:``, ``Employee:``,
  ``Candidate:``, ``Name:``, ``Payee:``..., signatures after ``Regards,``/``Thanks,``, relation
  cues ("my friend X", "my manager X", "tell X", "ask X", "cc X", "X said");
* **cross-evidence**: a name next to its own email address ("Amarachi Balogun
  <amarachi.balogun@...>": the local part confirms the name words, whatever their origin);
* **places**: a world gazetteer (GeoNames cities of more than 15,000 people, countries, the
  regions of Faker's address providers of many locales), in any case;
* **consistency**: once a name is found, its other mentions in the same text are found too
  ("Zhen's", a surname alone later on), and a name is never replaced in part.

Technical words stay alone: a list of languages, tools, products and companies named after
people, and eponyms before "algorithm", "theorem", "filter"... ("Dijkstra's algorithm",
"Kalman filter"). No span crosses a line break.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from chatveil._words import unaccented
from chatveil.detect.recognizers._common import (
    CONTRACTED,
    WORD,
    glued,
    sentence_start,
    word_tokens,
    wordset,
)
from chatveil.detect.recognizers._lexicon import (
    AMBIGUOUS,
    CHAT_WORDS,
    CONTINENTS,
    EPONYM_NEXT,
    FORM_LABEL_WORDS,
    JOB_WORDS,
    MIXED_IN_NAMES,
    MIXED_IN_WORDS,
    NAME_PART_LABELS,
    NOT_A_NAME_WORD,
    NOT_A_PERSON,
    NOT_SURNAME,
    PERSON_FIELD_LABELS,
    SHORT_SURNAMES,
    SURNAME_PARTICLES,
    TECH_JARGON,
    TECH_TERMS,
    WORD_NAMES,
    english_dictionary,
    frequent_english_words,
    world_names,
    world_places,
)
from chatveil.detect.recognizers._shape import (
    address_part,
    compound,
    korean_given,
    line_cases,
    mixed_in_word,
    ordinary_words,
    syllable_name,
    technical_span,
    technical_word,
    typo,
)
from chatveil.detect.recognizers._titles import CLOSING_RE

__all__ = ["EDGE_VERBS", "LINK_WORDS", "ORG_SUFFIXES", "RELATION_WORDS", "VERBS_BEFORE",
           "NameEvidenceRecognizer", "common_word_goes_on", "repeatable"]

_NAME = "ChatveilNameEvidenceRecognizer"



def _label_pattern(label: str) -> str:
    """``label`` as a regex in which an accented letter may be written without its accent."""
    return "".join(f"[{c}{unaccented(c)}]" if unaccented(c) != c else re.escape(c)
                   for c in label)


#: Labels of header and form fields whose value is a person (``PERSON_FIELD_LABELS``, longest
#: first), then "name" or a name part ("APPLICANT SURNAME", "Guest given names") and a colon
#: or a number in brackets.
_PERSON_LABEL_RE = re.compile(
    r"^[ \t>*\-•]*(?P<label>(?:"
    + "|".join(_label_pattern(label)
               for label in sorted(PERSON_FIELD_LABELS, key=lambda w: (-len(w), w)))
    + r")(?:[ \t]+(?:name|(?P<part>"
    + "|".join(re.escape(label).replace(r"\ ", r"[ \t]+") for label in sorted(
        (x for x in NAME_PART_LABELS if x.isascii()), key=lambda w: (-len(w), w)))
    + r")))?)[ \t]*:?[ \t]*(?:\(?\d\)[ \t]*)?(?<=[: \t)])",
    re.IGNORECASE | re.MULTILINE,
)
#: Two blanks or a tab, then more on the line: the gap after a label of a form's column.
_COLUMN_GAP = re.compile(r"(?:[ ]{2,}|\t)[ \t]*(?=\S)")
#: What separates the names of one person field ("Cc: Ana Ruiz, Li Wei / Tomás Díaz"), or a
#: field from the next on its line (two spaces or more, a tab).
_VALUE_SPLIT = re.compile(
    r"((?i:\b[sdw]/o\b)|;|,|/|[ \t]{2,}|\t|\b(?i:and)\b|&|\(|<|\|| - | – | — |—)")
#: "s/o", "d/o", "w/o" (son, daughter, wife of): a person's name comes next, as in South Asian
#: forms and affidavits ("Ahmed Raza s/o Muhammad Akram").
_KIN_OF_RE = re.compile(r"(?<![\w/])[sdw]/o\.?[ \t]+", re.IGNORECASE)
#: Honorifics written after a name ("Khan sahib", "Ali bhai", "Sharma ji", "Tanaka san",
#: "Ayşe hanım", "Mehmet bey"): the word before is a name.
_HONORIFICS_AFTER = wordset("""
sahib sahab saab ji jee bhai bhaiya bhaijan baji apa didi dada akka anna garu san sama kun
sensei hanim hanım bey efendi abla
""")
#: Orders given to someone named at the start of a sentence ("golf bring the bibs"): verbs
#: that are no noun after an adjective ("Rich text editor", "Big call", "Fast check").
_ORDERS = wordset("bring send grab pick fetch collect remember tell ask buy take get wash")
_MODALS = wordset("will would can could may might must shall should")
#: Tagalog's articles of persons, after a Tagalog word: "sabi ni tita", "si jianguo na
#: bahala", "para kay lei".
_PERSON_ARTICLES = wordset("si ni kay sina nina kina")
#: Hindi/Urdu verbs of saying and telling after "X ne" ("salma ne bola").
_SAID_HINDI = wordset("bola boli bole kaha bataya batayi likha bheja pucha poocha puchha kahi")
#: Words of address after the name of one greeted ("hi sultan sir", "Hello Priya ma'am").
_SIR = wordset("sir madam maam ma'am ma’am mam")
_SIR_ADJECTIVES = wordset("""
good kind dear respected respectable honourable honorable esteemed noble fine young old big
dearest lovely sweet brave gentle""")
#: A name that opens a line and speaks to someone: "JUNAID WHERE ARE YOU??",
#: "karthik can you check", "Ebere, did you see this".
_ASKED_AFTER = re.compile(
    r"(?:,[ \t]*|[ \t]+)(?:(?:where|what|when|why|how)[ \t]+(?:are|r|did|do|have|were|was)|"
    r"are|r|can|could|did|do|have|will|would)[ \t]+(?:you|u|ya)\b|"
    r"!+[ \t]+\S", re.IGNORECASE)  # or called out: "LATIFA!!! you won't believe it"
#: "I, Hala Azar, hereby authorise...": the writer's name set off by commas after "I", in the
#: formulas of affidavits, wills and letters of authority.
_I_COMMA_RE = re.compile(r"(?:^|(?<=[\s(\"“]))I,[ \t]+(?=[^\W\d_])")
#: "i'm dieter, 24, from...": a name right after "I'm" and before a comma and an age.
_INTRO_AGE_RE = re.compile(
    r"(?<![^\W_])(?:i'm|i’m|im|i am)[ \t]+([^\W\d_]{2,}(?:-[^\W\d_]+)?),[ \t]*\d{1,2}"
    r"(?=[ \t]*(?:[,.!;]|$|y/?o\b|years?\b|yrs?\b|from\b|and\b|[mf]\b))",
    re.IGNORECASE | re.MULTILINE)
#: Titles written after a ticket name ("BAIG/ADNAN MR").
_TITLES_AFTER = wordset("mr mrs ms miss mstr dr")
#: "SURNAME/GIVEN", perhaps with a second given name after: the passenger-name form of tickets
#: and bookings ("BAIG/ADNAN MR", "LEUNG/CHI KEUNG"). Not a path, a URL or "and/or".
_SLASHED_RE = re.compile(
    r"(?<![\w/.@:\\-])([^\W\d_]{2,}(?:['’-][^\W\d_]{2,})?)/([^\W\d_]{2,}(?:-[^\W\d_]{2,})?)"
    r"(?:[ \t]([^\W\d_]{2,}))?(?![\w/@\\-]|\.\w)")
_RELATIONS = (
    "friend|best friend|bestie|manager|boss|colleague|coworker|co-worker|teammate|wife|husband|"
    "son|daughter|mother|father|mom|mum|dad|brother|sister|cousin|uncle|aunt|auntie|aunty|niece|"
    "nephew|grandma|grandpa|grandmother|grandfather|grandson|granddaughter|partner|fiancé|"
    "fiance|fiancée|fiancee|girlfriend|boyfriend|roommate|flatmate|housemate|neighbour|neighbor|"
    "landlord|landlady|tenant|doctor|dentist|therapist|teacher|tutor|professor|student|intern|"
    "assistant|mentor|mentee|lead|supervisor|director|ceo|cto|cfo|recruiter|client|customer|"
    "ex|kid|baby|child|stepson|stepdaughter|in-law|sister-in-law|brother-in-law|mother-in-law|"
    "father-in-law|nanny|maid|driver|coach|classmate|buddy|pal|mate|bff|crush|spouse|"
    "report|direct report|hire|new hire|contact|agent|lawyer|attorney|accountant|nurse|"
    "pastor|priest|imam|rabbi|guru|sensei|senpai|boss's"
)
RELATION_WORDS = frozenset(r.split()[-1] for r in _RELATIONS.split("|"))
_POSSESSIVES = wordset("my our your his her their")
#: "nickname Beam", "aka Bongani".
_NICKNAME_CUES = wordset("nickname nicknamed aka nick alias")
_RELATION_ADJECTIVES = wordset("""
new old former late dear little big elder younger older eldest youngest best ex lovely amazing
""")
#: Verbs and phrases before a person: "tell X", "ask X to", "cc X", "reply to X".
_VERB_BEFORE = wordset("""
tell ask cc ping email e-mail mail call message text remind invite thank congratulate introduce
meet met welcome page dm married marry hire hired fire fired promote promoted interview
interviewed visit visited from with for and or to by via dear hi hello hey congrats
congratulations
""")
VERBS_BEFORE = _VERB_BEFORE
_VERB_BEFORE_PAIRS = frozenset([
    "loop in", "reply to", "write to", "talk to", "speak to", "speak with", "spoke to",
    "spoke with", "talked to", "talking to", "meeting with", "met with", "call with",
    "chat with", "lunch with", "dinner with", "thanks to", "signed by", "sent by",
    "written by", "behalf of",
])
#: "the booking is under Porter", "booked under Okonkwo": the name a reservation is held in.
_HELD_UNDER = re.compile(r"(?i)\b(?:book(?:ed|ing)?|reserv(?:ed|ation)|check-?in|registered|"
                         r"table|room|order)(?:[ \t]+(?:is|was))?[ \t]+under[ \t]+$")
#: Verbs after a person: "X said", "X will", "X's".
_VERB_AFTER = wordset("""
said says say told tells asked asks wants wanted thinks thought wrote writes replied replies
texted texts called calls emailed mailed messaged pinged mentioned mentions noticed agreed
confirmed signed joined left leaves started starts finished forgot forgets is was has had
will would can could should needs needed likes loves hates knows knew sent sends got gets
""")
#: Verbs of speech after a person: "my manager X said".
_SPEECH_VERBS = wordset("""
said says told tells asked asks wrote writes replied replies texted texts called calls emailed
messaged pinged mentioned mentions wants wanted thinks thought saying telling asking
""")
#: The header of a quoted reply: "On Fri, 3 May 2024 at 10:02, Da-eun Shin <...> wrote:".
_WROTE_RE = re.compile(
    r"^[> \t]*on\b[^\n]{0,80}?,[ \t]*(?P<name>[^\W\d_][^,\n<>:]{1,60}?)[ \t]*"
    r"(?:<[^>\n]{0,100}>[ \t]*)?wrote[ \t]*:", re.IGNORECASE | re.MULTILINE)
#: Words before a place: "based in X", "moved from X", "flight to X".
_PLACE_CUE_RE = re.compile(
    r"(?<![^\W_])(?:in|from|to|at|near|around|outside|inside|across|via|visit|visiting|"
    r"towards|toward|between|into|leaving|left|reach|reached|born in|based in|living in|"
    r"moved to|moved from|relocating to|relocate to|flight to|flights to|flying to|fly to|"
    r"trip to|travel to|travelling to|traveling to|office in|headquartered in)"
    r"[ \t]+(?=[^\W\d_])",
    re.IGNORECASE,
)
#: Words that make an unknown capitalised word a place rather than a person.
_PLACE_TYPE_RE = re.compile(
    r"(?<![^\W_])(?:in|from|near|born in|based in|living in|lives in|moved to|moved from|"
    r"relocating to|flight to|flights to|flying to|fly to|trip to|travel to|office in|"
    r"headquartered in|visit|visiting|city of|town of|province of)[ \t]+$",
    re.IGNORECASE,
)
ORG_SUFFIXES = wordset("""
ltd llc inc plc gmbh ag sa bv nv corp corporation company co group holdings partners
associates limited llp lp pty pvt sdn bhd kk oy ab as srl spa sarl
""")
#: spaCy's labels and Presidio's names for them, by kind.
_KIND = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "LOCATION": "PLACE",
         "PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "ORGANIZATION": "ORG"}
#: Short words that link names rather than belong to them.
LINK_WORDS = wordset("vs via etc aka re per cc bcc fw fwd and or nor but with w/ to of")
#: What may follow a name's last word where casing tells nothing and that word is among the
#: commonest of English (:func:`~._lexicon.frequent_english_words`): the clause ends, or the
#: name owns something ("kelvin chow, my landlord", "lunch at aunty chae won's").
_NAME_ENDS = re.compile(r"['’]s(?![^\W_])|[ \t]*(?:$|[.,;:!?)\]]|[ \t]-[ \t])", re.MULTILINE)
#: Verbs that stand next to a name but are never part of it ("says chidinma eze").
EDGE_VERBS = _VERB_AFTER | _VERB_BEFORE | frozenset(["says", "saying", "told", "asks", "sent"])
_EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
#: Greetings after which the word addressed is a name ("Thanks Lao!!", "congrats HAT!!!").
_GREETINGS = wordset("hi hello hey hiya dear congrats congratulations thanks thx cheers bye")
#: Words used to address people without naming them: "Hello World", "Thanks Team!".
_ADDRESS_WORDS = wordset("""
all everyone everybody anyone world team teams guys gals folks people friends friend fam
family mate mates buddy buddies bud pal pals bro bros sis dude dudes man girl girls boy boys
kids sir sirs madam maam ma'am dear dears love lovely darling honey babe baby sweetie sweetheart
boss chief doc captain coach champ legend there again so much heaps tons loads lots bunch
anyway sweet awesome again guys y'all yall ya ye yo you u ur bot assistant gpt chatgpt ai
morning evening afternoon night today tomorrow yesterday internet
""")
#: One word, then only the end of its line.
_ONE_WORD_VALUE = re.compile(r"(?P<w>[^\W\d_]+(?:-[^\W\d_]+)?)[ \t]*(?:\n|$)")
#: Values that say a field is empty.
_NO_VALUE = wordset("none nil null na n/a unknown tbd tba pending blank empty same various")
#: After a form's label, before its value ("Ville :"); before it, the start of its line.
_LABEL_END = re.compile(r"[ \t]*:")
_LINE_OPEN = re.compile(r"(?:^|\n)[ \t>*\-•]*$")
#: What closes a word addressed after a greeting: a mark, the end of the line, or "here".
_VOCATIVE_END = re.compile(r"[ \t]*(?:[!?,.:;…)\]]|$|[ \t]+here\b)", re.MULTILINE)
#: (with words that are names elsewhere but never the person meant in a chat line)
_CHAT_WORDS = CHAT_WORDS | {"u", "ya", "yo"}
#: Words that tell a line mixes in another language, names among them ("kami", "siya").
_MIXED_CONTEXT = MIXED_IN_WORDS | MIXED_IN_NAMES


#: The house or building numbers right before a street ("18 Třebčínská", "20 40 rue Victor").
_NUMBERS_BEFORE = re.compile(
    r"(?<![\w.,/\-])(?<!\d[ \t])(?P<n>\d{1,5}[A-Za-z]?(?:[ \t]+\d{1,5}[A-Za-z]?)?)[ \t]+$")
#: Street types that may follow a street name found here ("Gemsbok St", "Burton Avenue").
_STREET_TYPES = (r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|court|ct|place|pl|"
                 r"boulevard|blvd|terrace|crescent|close|square|sq|highway|hwy|parkway|pkwy")
#: After a street name: its street type and a house number, then the end of the line, a comma
#: or a full stop ("Eriksbo Västergärde 98", "Gemsbok St", "Skolegyden 99,").
_HOUSE_AFTER = re.compile(
    r"(?:[ \t]+(?i:" + _STREET_TYPES + r")\b\.?)?(?:[ \t]+(?P<n>\d{1,5}[A-Za-z]?))?"
    r"(?=[ \t]*(?:$|[,;.?!)]))", re.MULTILINE)
#: A postcode after a town or a country, perhaps after a state code ("Tartu TA 56325"): 4-6
#: digits, then the end of the line or a comma.
_POSTCODE_AFTER = re.compile(
    r"[ \t]+(?:[A-Z]{1,3}[ \t]+)?(?P<n>\d{4,6})(?=[ \t]*(?:$|[,;?!)]|\.(?!\d)))", re.MULTILINE)
#: A house number and a comma before a town at the end of a street address ("22, ").
_TOWN_AFTER_NUMBER = re.compile(r"(?<![\w.,:/-])\d{1,5}[A-Za-z]?\.?,[ \t]+$")
_ARTICLES = frozenset(["the", "a", "an"])
#: Months that are also given names, and the words of time before a month.
_NAME_MONTHS = frozenset(["march", "april", "may", "june", "august"])
_TIME_BEFORE = wordset("""
in on since until till by from next last this early late mid during before after of through
""")
_UNIT_BEFORE = re.compile(r"(?i)(?<![^\W_])(?:suite|apt|apartment|unit|flat|floor|room|box|no)"
                          r"\.?[ \t]+$")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")

#: Longer words are runs of letters (minified data, keyboard filler), not name words.
_LONGEST_NAME_WORD = 30
_TRIPLED = re.compile(r"(\w)\1\1")


def _cap(word: str) -> str:
    """``KUMAR`` / ``kumar`` -> ``Kumar``; ``AL-HARBI`` -> ``Al-Harbi`` (same length)."""
    out = []
    up = True
    for ch in word:
        c = ch.upper() if up else ch.lower()
        out.append(c if len(c) == 1 else ch)
        up = not ch.isalpha()
    return "".join(out)


def _lower(word: str) -> str:
    return "".join(c if len(c := ch.lower()) == 1 else ch for ch in word)


def _english_word(key: str, english: frozenset[str]) -> bool:
    """``key`` is an English word, or a contraction of one ("they're", "we'll", "i'm")."""
    if key in english:
        return True
    m = CONTRACTED.fullmatch(key)
    return m is not None and (m.group(1) in english or m.group(1) in STOP_WORDS)


def common_word_goes_on(text: str, key: str, end: int) -> bool:
    """``key`` (casefolded, ending at ``end``) is one of the commonest English words and the
    sentence goes on after it: where casing tells nothing, it is then no family name ("priya
    won the hackathon"), unlike where the clause ends or it owns something (:data:`_NAME_ENDS`)."""
    return key in frequent_english_words() and _NAME_ENDS.match(text, end) is None


def repeatable(key: str, english: frozenset[str]) -> bool:
    """A (casefolded) word of a found name that marks the same person wherever it stands
    again in the text, in any casing: three letters or more, and no English, technical,
    chat or particle word ("zhen", "okonkwo"; not "will", "van", "java")."""
    return len(key) >= 3 and key not in SURNAME_PARTICLES and key not in TECH_TERMS and \
        key not in NOT_A_NAME_WORD and key not in NOT_SURNAME and key not in NOT_A_PERSON and \
        not _english_word(key, english)


class _Scan:
    """One pass of :class:`NameEvidenceRecognizer` over one text."""

    def __init__(self, owner: NameEvidenceRecognizer, text: str, nlp_artifacts: Any) -> None:
        self.o = owner
        self.text = text
        #: in a text that mixes another language in, its small words count as ordinary
        #: words too ("karna", "yung", "abeg"), and so do the common words of a line in
        #: another language ("Rezept", "gato")
        other = ordinary_words(text)
        self.english = english_dictionary() | other if other else english_dictionary()
        self.first, self.last = world_names()
        self.places, self.regions, self.longest = world_places()
        self.tokens = list(word_tokens(text))
        self.index = {t[0]: k for k, t in enumerate(self.tokens)}
        self.ents = [e for e in (getattr(nlp_artifacts, "entities", None) or ())
                     if hasattr(e, "start_char")]
        cases = line_cases(text)
        self.ents = [e for e in self.ents if cases.at(e.start_char) == "mixed"]
        self.view, self.line_case = self._view()
        self.vtokens = [(s, e, self.view[s:e]) for s, e, _ in self.tokens]
        self.found: dict[tuple[int, int], tuple[str, float, str]] = {}
        self._nameish: dict[int, bool] = {}
        self.emails = [m.span() for m in _EMAIL_RE.finditer(text)] if "@" in text else []

    # ------------------------------------------------------------------ views
    def _view(self) -> tuple[str, list[str]]:
        """The text with all-upper / all-lower lines re-cased (same length), and per token the
        casing of its line: ``upper``, ``lower`` or ``mixed``."""
        text = self.text
        cases = line_cases(text)
        chars = list(text)
        line_case = []
        for s, e, w in self.tokens:
            case = cases.at(s)
            line_case.append(case)
            if case == "mixed":
                continue
            key = w.casefold()
            if len(w) == 1:  # an initial or "I"
                new = w.upper() if text[e:e + 1] == "." or key == "i" else w
            elif self._english(key) or key in NOT_A_NAME_WORD or technical_word(key):
                # (a firm or tool stays as typed: "A MCDONALD'S OPEN", "ray or triton")
                new = _lower(w) if case == "upper" else w
            else:
                new = _cap(w)
            if len(new) == e - s:
                chars[s:e] = new
        self._caps_runs(chars, line_case)
        view = "".join(chars)
        return (view if len(view) == len(text) else text), line_case

    def _caps_runs(self, chars: list[str], line_case: list[str]) -> None:
        """In mixed-case lines, re-case names written in capitals ("VIGNESH KUMAR will call",
        "Vignesh KUMAR"): runs of two or more capitalised words of 3+ letters with a vowel
        that are no English or technical words, or one such word beside a capitalised word
        when it is a known name."""
        tokens = self.tokens
        n = len(tokens)

        def caps(k: int) -> bool:
            w = tokens[k][2]
            key = w.casefold()
            if not w.isupper() or (len(w) < 3 and not (  # "LI TRẦN", "CHU VŨ"
                    len(w) == 2 and (not w.isascii() or key in SHORT_SURNAMES) and
                    key not in STOP_WORDS)):
                return False
            return (line_case[k] == "mixed" and
                    _has_vowel(w) and not self._english(key) and
                    not technical_word(key, sure=True) and
                    key not in _CHAT_WORDS and not glued(self.text, *tokens[k][:2]))

        k = 0
        while k < n:
            if not caps(k):
                k += 1
                continue
            j = k + 1
            while j < n and self.text[tokens[j - 1][1]:tokens[j][0]] == " " and (
                    caps(j) or (tokens[j][2].isupper() and j + 1 < n and caps(j + 1)
                                and tokens[j][2].casefold() in SURNAME_PARTICLES)):
                j += 1
            run = range(k, j)
            beside = any(0 <= i < n and tokens[i][2][:1].isupper() and not tokens[i][2].isupper()
                         and self.text[min(tokens[i][1], tokens[k][1]):
                                       max(tokens[i][0], tokens[k][0])].strip() == ""
                         for i in (k - 1, j))
            known = any(tokens[i][2].casefold() in self.first or
                        tokens[i][2].casefold() in self.last for i in run)
            start = tokens[k][0]
            # "I am in TYSTBERGA", "Suensaarenkatu 22, AAPAJÄRVI": a town in capitals
            town = max(len(tokens[i][2]) for i in run) >= 4 and (
                _PLACE_TYPE_RE.search(self.text, max(0, start - 24), start) is not None or
                _TOWN_AFTER_NUMBER.search(self.text, max(0, start - 12), start) is not None)
            # two or more such words: long ones, or short ones with a known name or a marked
            # letter, which acronyms never have ("TUY PHẠM", not "ABC DEF")
            marked = any(not tokens[i][2].isascii() for i in run)
            if (j - k >= 2 and (max(len(tokens[i][2]) for i in run) >= 5 or known or marked)) \
                    or (beside and known) \
                    or town:
                for i in run:
                    s, e, w = tokens[i]
                    new = _cap(w)
                    if len(new) == e - s:
                        chars[s:e] = new
            k = j

    def _english(self, key: str) -> bool:
        return _english_word(key, self.english)

    # ------------------------------------------------------------------ word tests
    def nameish(self, k: int) -> bool:
        """Token ``k`` reads as a name word: capitalised (in the view), no English word, no
        technical term, no language/nationality, no typo, not part of an identifier."""
        hit = self._nameish.get(k)
        if hit is None:
            hit = self._nameish[k] = self._nameish_uncached(k)
        return hit

    def _nameish_uncached(self, k: int) -> bool:
        s, e, w = self.vtokens[k]
        if not (w[:1].isupper() and not w.isupper()) or not 2 <= len(w) <= _LONGEST_NAME_WORD:
            return False
        key = w.casefold()
        if _TRIPLED.search(key):  # "aaaa", "zzz": filler, never a name
            return False
        if self._english(key) or technical_word(key, sure=True) or \
                key in NOT_A_PERSON or key in _CHAT_WORDS or key in NOT_SURNAME:
            return False
        named = key in self.first or key in self.last
        if not named and (compound(key, self.english) or ("-" in key and all(
                p in self.english for p in key.split("-") if p) and not korean_given(key))):
            return False
        if any(ch.isupper() for ch in w[1:]) and not _name_inner_capital(w) and \
                not syllable_name(w, self.english):
            return False  # CamelCase: CrashLoopBackOff, iPhone, DevOps
        if glued(self.text, s, e) or self._code_like(s, e) or self._in_email(s, e):
            return False
        if self.text[e:e + 2] in ("'t", "’t", "'T", "’T"):  # "doesn't", "AREN'T"
            return False
        if key in FORM_LABEL_WORDS and _LABEL_END.match(self.text, e) and \
                _LINE_OPEN.search(self.text, max(0, s - 8), s):
            return False  # a form's label: "Prénom : ...", "Ville: ..."
        return named or not typo(key, self.english)

    def _code_like(self, s: int, e: int) -> bool:
        text = self.text
        before = text[s - 1:s]
        after = text[e:e + 2]
        return before in ("_", ".", "`", "/", "\\", "@", "#", "$", "=") or \
            after[:1] in ("_", "(", "`", "=", "/", "@") or \
            (after[:1] in (".", "-", ":") and after[1:2].isalnum() and not (
                after[:1] == "-" and after[1:2].isalpha())) or \
            (before == "-" and text[s - 2:s - 1].isalnum() and
             not text[s - 2:s - 1].isalpha())

    def _in_email(self, s: int, e: int) -> bool:
        return bool(self.emails) and any(a <= s and e <= b for a, b in self.emails)

    def joinable(self, k: int, beside: int | None = None) -> bool:
        """A capitalised known given name or surname (any locale), even an English word, may
        stand in a name beside a name word ("Grace Wambui", "Rose Njeri")."""
        w = self.vtokens[k][2]
        key = w.casefold()
        named = key in self.first or key in self.last
        if key in NOT_SURNAME and named and beside is not None and beside < k and (
                k + 1 >= len(self.tokens) or self.gap(k) != " " or
                not self.vtokens[k + 1][2][:1].isupper()):
            # "Eunji Park", but not "Gorky Park Road"
            return self.line_case[k] != "mixed" or w[:1].isupper()
        if named and beside is not None and (key in NOT_A_NAME_WORD or key in CONTINENTS) and \
                key not in TECH_JARGON and self.nameish(beside) and self.known(beside) and \
                (self.line_case[k] != "mixed" or (w[:1].isupper() and not w.isupper())):
            # a given name or surname that is also a nationality or a region, beside a known
            # name: "Danish Qureshi", "Asia Naseem" (not "the Danish Krone")
            return True
        if technical_word(key, sure=True) or key in NOT_SURNAME or key in JOB_WORDS or \
                key in EPONYM_NEXT or key in _CHAT_WORDS or key in LINK_WORDS or len(key) < 2 or \
                (key in _VERB_AFTER and self.line_case[k] != "mixed") or \
                mixed_in_word(self.text, self.tokens[k][2]) or \
                (not w.isalpha() and "-" not in w) or self._in_email(*self.tokens[k][:2]):
            return False
        if self.line_case[k] == "mixed":
            if not (w[:1].isupper() and not w.isupper()):
                return False
            # a capitalised English word inside a name ("Princess Ocampo", "Eunji Park",
            # "Burak Can Kaya"), but not a sentence's first word ("Meet Akosua") unless a name
            if sentence_start(self.text, self.tokens[k][0]):
                return named and key not in STOP_WORDS
            return named or key not in STOP_WORDS
        if key in STOP_WORDS:
            return False
        if named and common_word_goes_on(self.text, key, self.tokens[k][1]):
            named = False  # no case to tell: "priya won the hackathon", "priya long ago"
        # all lower / upper case: a known name, or a short word beside a short name word
        # ("MAN KIT KWOK", "joon ho kim")
        return named or (len(key) <= 3 and beside is not None and
                         len(self.tokens[beside][2]) <= 4)

    def initial(self, k: int) -> bool:
        _, e, w = self.vtokens[k]
        return len(w) == 1 and w.isupper() and self.text[e:e + 1] == "."

    def gap(self, k: int) -> str:
        """What stands between token ``k`` and token ``k + 1``."""
        return self.text[self.tokens[k][1]:self.tokens[k + 1][0]]

    # ------------------------------------------------------------------ groups
    def link(self, k: int) -> bool:
        """Tokens ``k`` and ``k + 1`` can belong to one name: one space, or the full stop of
        an initial ("A. K. Sharma", "A.K. Sharma")."""
        if k + 1 >= len(self.tokens):
            return False
        gap = self.gap(k)
        return gap in (" ", "\t") or (gap in (". ", ".") and self.initial(k))

    def particle(self, k: int) -> bool:
        return self.vtokens[k][2].casefold() in SURNAME_PARTICLES

    def groups(self) -> list[tuple[int, int]]:
        """Maximal runs of name words, with initials, particles and known names inside."""
        out = []
        n = len(self.tokens)
        k = 0
        while k < n:
            if not self.nameish(k):
                k += 1
                continue
            j = k + 1
            while j < n and self.link(j - 1) and (
                    self.nameish(j) or self.joinable(j, j - 1) or self.initial(j) or
                    (self.particle(j) and j + 1 < n and self.link(j))):
                j += 1
            while j - 1 > k and (self.particle(j - 1) or self.initial(j - 1)):
                j -= 1
            i = k
            while i > 0 and self.link(i - 1) and (
                    self.joinable(i - 1, i) or self.initial(i - 1) or self.particle(i - 1)):
                i -= 1
            while i < k and self.particle(i) and i == 0:
                i += 1
            out.append((i, j))
            k = j
        return out

    # ------------------------------------------------------------------ classify
    def place_label(self, s: int, e: int) -> str | None:
        """spaCy's label for these characters (on mixed-case lines only), if any."""
        for ent in self.ents:
            if ent.start_char < e and s < ent.end_char:
                return _KIND.get(str(ent.label_), str(ent.label_))
        return None

    def is_place(self, value: str) -> bool:
        key = " ".join(value.casefold().split())
        return key in self.places

    def add(self, s: int, e: int, etype: str, score: float, rule: str) -> None:
        value = self.text[s:e]
        if "\n" in value or not value.strip():
            return
        old = self.found.get((s, e))
        if old is None or old[1] < score:
            self.found[(s, e)] = (etype, score, rule)

    # ------------------------------------------------------------------ rules
    def shapes(self) -> None:
        """Runs of name words: a person, or a place when the gazetteer or spaCy says so."""
        for k, j in self.groups():
            s, e = self.tokens[k][0], self.tokens[j - 1][1]
            if technical_span(self.text, s, e):
                continue
            value = self.text[s:e]
            label = self.place_label(s, e)
            core = sum(self.nameish(i) for i in range(k, j))
            given = any(self.tokens[i][2].casefold() in self.first for i in range(k, j))
            cue = _PLACE_TYPE_RE.search(self.text, max(0, s - 24), s) is not None
            if self.is_place(value):
                self.add(s, e, "LOCATION", self.o.SCORE_PLACE, "shape-place")
                continue
            if label == "PLACE":
                # the small model calls many unknown names places: believe it for one word
                # with no given name in it, or after "in", "from", "based in"...
                if cue or (core == 1 and j - k == 1 and not given):
                    self.add(s, e, "LOCATION", self.o.SCORE_PLACE, "shape-place")
                    continue
                if given or core >= 2:
                    self.add(s, e, "PERSON", self.o.SCORE_OVER_NER, "shape-over-ner")
                    continue
            if label is None and cue and not given:
                self.add(s, e, "LOCATION", self.o.SCORE_PLACE_CUE, "shape-place-cue")
                continue
            if self.address_part(k, j) or self.places_only(k, j):
                self.add(s, e, "LOCATION", self.o.SCORE_PLACE_CUE, "shape-address")
                continue
            if self._org_suffix(j):
                continue  # "Mclaughlin Ltd.", "Okafor Holdings": an organisation
            if j - k == 1 and self._month(k):
                continue  # "the wedding is in june", "since May": a month, not April or June
            if j - k == 1 and self.line_case[k] != "mixed" and not self.known(k) and (
                    self._after_article(k)):
                # one unknown word of an all-lower/upper line, and nothing says it is a
                # name: "the quokka sat on the mat"
                continue
            score = self.o.SCORE_SHAPE_FULL if core >= 2 or j - k >= 2 else self.o.SCORE_SHAPE
            if label == "ORG" and core < 2:
                score = self.o.SCORE_SHAPE_WEAK
            self.add(s, e, "PERSON", score, "shape")

    def initials(self) -> None:
        """An initial before a known family name, in any casing: "j. khan to book the room",
        "n. park", "C. Oh" (family names that are English words or too short for a name on
        their own). Never after a letter or a full stop ("e.g. park")."""
        tokens = self.tokens
        for k in range(len(tokens) - 1):
            if not self.initial(k) or self.text[tokens[k][0] - 1:tokens[k][0]] in (".", "-") \
                    or (k and self.gap(k - 1) == "."):
                continue
            j = k
            while j + 1 < len(tokens) and self.initial(j) and self.link(j):
                j += 1
            w = self.vtokens[j][2]
            key = w.casefold()
            if j == k or self.initial(j) or not (key in self.last or key in SHORT_SURNAMES) or \
                    key in STOP_WORDS or key in AMBIGUOUS or key in NOT_SURNAME or \
                    key in JOB_WORDS or technical_word(key, sure=True) or \
                    (self.line_case[j] == "mixed" and not w[:1].isupper()):
                continue
            end = j + 1
            while end < len(tokens) and end - k < 5 and self.link(end - 1) and (
                    self.nameish(end) or self.joinable(end, end - 1)):
                end += 1
            s, e = tokens[k][0], tokens[end - 1][1]
            if not technical_span(self.text, s, e) and not self.is_place(self.text[s:e]):
                self.add(s, e, "PERSON", self.o.SCORE_SHAPE_FULL, "initials")

    def numbers(self) -> None:
        """The numbers of an address beside a place found here: the house or building numbers
        before a street ("21 Eriksbo Västergärde 98", "20 40 rue Victor Hugo") and after it,
        and a postcode after a town or country at the end of its line ("Paraguay 81365",
        "Tartu 56325"). A place is never widened over a year ("Paris 2024")."""
        for (s, e), (etype, score, rule) in list(self.found.items()):
            if etype != "LOCATION":
                continue
            street = rule == "shape-address"
            words = [w.casefold() for w in WORD.findall(self.text, s, e)]
            if street and not any(len(w) >= 4 and w not in AMBIGUOUS for w in words):
                continue  # "12 February", "1 234 567 EUR": a date or an amount
            a, b = s, e
            if street:
                m = _NUMBERS_BEFORE.search(self.text, max(0, s - 24), s)
                if m is not None:
                    a = m.start("n")
                    if _UNIT_BEFORE.search(self.text, max(0, a - 12), a):
                        # "Suite 574 34 Sireli": the unit keeps its number
                        first = re.match(r"\S+[ \t]+", self.text[a:s])
                        a = a + first.end() if first is not None else s
            m = (_HOUSE_AFTER if street else _POSTCODE_AFTER).match(self.text, e)
            if m is not None and not _YEAR.fullmatch(m.group("n") or ""):
                b = m.end()
            if (a, b) != (s, e):  # numbers are never part of a LOCATION (see _normalize)
                self.add(a, b, "STREET_ADDRESS", score, rule + "+numbers")

    def address_part(self, k: int, j: int) -> bool:
        """A street or town of an address (see :func:`~._shape.address_part`)."""
        return address_part(self.text, self.tokens[k][0], self.tokens[j - 1][1])

    def places_only(self, k: int, j: int) -> bool:
        """"Reykjavík Benin", "Curitiba Paraná": every word a known place (initials aside)."""
        words = [self.tokens[i][2].casefold() for i in range(k, j) if not self.initial(i)]
        return len(words) >= 2 and all(w in self.places for w in words) and \
            words[0] not in self.first

    def _org_suffix(self, j: int) -> bool:
        if j >= len(self.tokens) or self.gap(j - 1) not in (" ", ", "):
            return False
        return self.tokens[j][2].casefold().rstrip(".") in ORG_SUFFIXES

    def gazetteer(self) -> None:
        """Known places in any case: "moved from málaga", "FLIGHT TO LAGOS"."""
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            s, _, w = tokens[i]
            key = w.casefold()
            most = self.longest.get(key)
            vw = self.vtokens[i][2]
            if most is None or not (vw[:1].isupper() or self.line_case[i] != "mixed"):
                i += 1
                continue
            for n in range(min(most, len(tokens) - i), 0, -1):
                end = tokens[i + n - 1][1]
                value = self.text[s:end]
                vkey = " ".join(value.casefold().split())
                if "\n" in value or vkey not in self.places:
                    continue
                if n == 1 and (self._english(key) and vkey not in self.regions):
                    continue
                if n == 1 and self.line_case[i] == "mixed" and not vw[:1].isupper():
                    continue
                if any(technical_word(tokens[x][2].casefold(), sure=True)
                       for x in range(i, i + n)) or glued(self.text, s, end) or \
                        self._code_like(s, end) or \
                        self._in_email(s, end):
                    continue
                if technical_span(self.text, s, end) or self._after_given_name(i) or \
                        (n == 1 and self._before_surname(i)):
                    continue
                score = self.o.SCORE_PLACE
                if vkey not in self.regions and self.line_case[i] != "mixed" and \
                        not _PLACE_CUE_RE.search(self.text, max(0, s - 24), s) and \
                        self._english(key):
                    continue
                self.add(s, end, "LOCATION", score, "gazetteer")
                i += n - 1
                break
            i += 1

    def _after_given_name(self, i: int) -> bool:
        """"Morgan Stanley", "Grace Victoria": a one-word place right after a capitalised given
        name that is no place itself is a surname or a middle name."""
        if i == 0 or self.gap(i - 1) != " ":
            return False
        w = self.vtokens[i - 1][2]
        key = w.casefold()
        return w[:1].isupper() and key in self.first and key not in self.places

    def _before_surname(self, i: int) -> bool:
        """"Tina Alexandrov": a one-word place right before a capitalised surname or name word
        is a given name."""
        if i + 1 >= len(self.tokens) or self.gap(i) != " " or \
                not self.vtokens[i][2][:1].isupper():
            return False
        nxt = self.vtokens[i + 1][2]
        key = nxt.casefold()
        return nxt[:1].isupper() and key not in self.places and (
            key in self.last or self.nameish(i + 1))

    def labels(self) -> None:
        """``From: maame owusu``, ``PAYEE: CHEUNG SIU FUNG``, ``Patient: Grace Lee``: the value
        of a person field, and the line after a closing (``Regards,\\nAnkit``)."""
        for m in _PERSON_LABEL_RE.finditer(self.text):
            if ":" not in m.group(0) and " " not in m.group("label").strip() and \
                    not _COLUMN_GAP.match(self.text, m.end("label")):
                continue  # a one-word label needs its colon ("to: x", not "to be honest"), or
                # a form's column gap ("Nom  TALUKDER")
            self._value_names(m.end(), strong=True)
            if ":" in m.group(0) and (m["part"] or " ".join(m["label"].casefold().split())
                                      in NAME_PART_LABELS):
                self._given_value(m.end())
        for m in CLOSING_RE.finditer(self.text):
            self._value_names(m.end(), strong=False, whole_line=True)
        for m in _WROTE_RE.finditer(self.text):
            self._reply_header(*m.span("name"))

    def _given_value(self, pos: int) -> None:
        """The value of a given-name field that is one word alone on its line is that name,
        an English word too ("First name: Hope", "Prénom : Princess"); not a stop, chat or
        technical word, nor a placeholder ("N/A", "none")."""
        found = _ONE_WORD_VALUE.match(self.text, pos)
        if found is not None and _given_word(found["w"].casefold()):
            self.add(*found.span("w"), "PERSON", self.o.SCORE_LABEL, "given-label")

    def _reply_header(self, s: int, e: int) -> None:
        """The name in a reply header, in any casing: one to four words, none a stop word,
        chat or technical word ("on fri, da-eun shin wrote:")."""
        ks = [i for i, t in enumerate(self.tokens) if s <= t[0] and t[1] <= e]
        if not 1 <= len(ks) <= 4 or any(self.gap(i) not in (" ", "-", ". ") for i in ks[:-1]):
            return
        for i in ks:
            key = self.tokens[i][2].casefold()
            if key in STOP_WORDS or (_no_name(key) and not self.initial(i)):
                return
        self.add(self.tokens[ks[0]][0], self.tokens[ks[-1]][1], "PERSON", self.o.SCORE_LABEL,
                 "reply-header")

    def _value_names(self, pos: int, strong: bool, whole_line: bool = False) -> None:
        """Names in a field value: up to the end of the line, split at ``;``, ``,``, ``/``,
        ``and``; each part must start with its name and hold 1-4 name-like words."""
        end = self.text.find("\n", pos)
        end = len(self.text) if end == -1 else end
        line = self.text[pos:end]
        if not line.strip():
            return
        k = self.index.get(pos)
        if k is None:
            return
        if whole_line:  # a signature: the whole line is a name, perhaps with a title after
            parts = [(pos, pos + len(re.split(r"[,|•\-–—(<]| {2,}", line)[0].rstrip()))]
        else:
            parts = []
            cursor = pos
            for piece in _VALUE_SPLIT.split(line):
                if piece and not _VALUE_SPLIT.fullmatch(piece):
                    parts.append((cursor, cursor + len(piece)))
                cursor += len(piece)
                if piece in ("(", "<", "|") or (piece and piece.isspace()):
                    break  # a bracket, a bar or a wide gap ends the value
        named: list[int] = []  # the tokens of the one-word names found in this value
        added: list[int] = []  # the parts taken as names
        for n, (a, b) in enumerate(parts):
            ks = [i for i, t in enumerate(self.tokens) if a <= t[0] and t[1] <= b]
            if not ks or len(ks) > 5:
                continue
            oks = [self._value_name(i, strong) for i in ks]
            run: list[int] = []
            for i, ok in zip(ks, oks, strict=True):
                if not ok or (run and self.gap(run[-1]) not in (" ", ". ", "-")):
                    break
                run.append(i)
            if strong and any(oks) and len(run) < len(ks) <= 4 and all(
                    ok or self._value_word(i, ks[0]) for i, ok in zip(ks, oks, strict=True)) \
                    and all(self.gap(i) in (" ", "-") for i in ks[:-1]):
                run = ks  # "To: Vu Ngoc Lao", "Passenger: LE BICH MEN": the whole value
            elif strong and not run and len(ks) == 1 and len(parts) == 2 and named and (
                    self._value_word(ks[0], named[0]) or
                    _given_word(self.tokens[ks[0]][2].casefold())):
                run = ks  # "EMPLOYEE NAME: DUONG, THIN", "NAME: TOLENTINO, LOVELY"
            while run and self.tokens[run[-1]][2].casefold() in SURNAME_PARTICLES:
                run.pop()
            if not run or len(run) > 4:
                continue
            if not strong and len(run) == 1 and not self.nameish(run[0]):
                continue
            s, e = self.tokens[run[0]][0], self.tokens[run[-1]][1]
            if self.is_place(self.text[s:e]) and not any(
                    self.tokens[i][2].casefold() in self.first or
                    (strong and self.tokens[i][2].casefold() in self.last) for i in run):
                continue
            if len(run) == 1:
                named.append(run[0])
            added.append(n)
            self.add(s, e, "PERSON", self.o.SCORE_LABEL, "label")
        if strong and len(parts) == 2 and added == [1]:  # "From: Oh, Young Shim"
            ks = [i for i, t in enumerate(self.tokens) if parts[0][0] <= t[0] and
                  t[1] <= parts[0][1]]
            first = self.index.get(parts[1][0] + 1)
            if len(ks) == 1 and first is not None and self._value_word(ks[0], first):
                self.add(*self.tokens[ks[0]][:2], "PERSON", self.o.SCORE_LABEL, "label")

    def _value_name(self, i: int, strong: bool) -> bool:
        """Token ``i`` of a field value reads as a name word: a name word, an initial, a
        particle, a known name (even one that is also a nationality: "NAME: EHSAN, DANISH",
        but no tool or jargon word), or in a person field a word in capitals on a mixed line
        that is no English word ("Passenger: HWANG KU")."""
        key = self.tokens[i][2].casefold()
        vw = self.vtokens[i][2]
        return (self.nameish(i) or self.initial(i) or key in SURNAME_PARTICLES or
                (strong and vw.isupper() and len(key) >= 2 and vw.isalpha() and
                 not self._english(key) and key not in _CHAT_WORDS and
                 not technical_word(key, sure=True)) or
                ((key in self.first or key in self.last) and
                 key not in TECH_JARGON and key not in TECH_TERMS and
                 (strong or not technical_word(key, sure=True)) and
                 (vw[:1].isupper() or self.line_case[i] != "mixed")))

    def _value_word(self, i: int, first: int) -> bool:
        """Token ``i`` ends the value of a person field that starts with a name at token
        ``first``: a word of that field, cased like a name on its line, that is no stop word,
        link, job, organisation or technical word ("Lao" in "To: Vu Ngoc Lao")."""
        w = self.tokens[i][2]
        key = w.casefold()
        if not w.replace("-", "").isalpha() or len(key) < 2 or key in STOP_WORDS or \
                key in LINK_WORDS or key in ORG_SUFFIXES or key in NOT_SURNAME or _no_name(key):
            return False
        if self.line_case[i] != "mixed":
            return True
        head = self.tokens[first][2]
        return w.isupper() == head.isupper() and w[:1].isupper()

    def cues(self) -> None:
        """Relation cues: "my friend Grace", "my manager Will Park", "tell Kojo", "Kojo said"."""
        tokens = self.tokens
        keys = [t[2].casefold() for t in tokens]
        for k in range(1, len(tokens)):
            if self.gap(k - 1).strip(" \t,") or "\n" in self.gap(k - 1):
                continue
            p = keys[k - 1]
            rel = p in RELATION_WORDS or (p.endswith("s") and p[:-1] in RELATION_WORDS)
            if (rel and ((k >= 2 and keys[k - 2] in _POSSESSIVES) or (
                    k >= 3 and keys[k - 2] in _RELATION_ADJECTIVES and
                    keys[k - 3] in _POSSESSIVES))) or p in _NICKNAME_CUES:
                self._cue_name(k, strong=True)
            elif (p in _VERB_BEFORE or (k >= 2 and f"{keys[k - 2]} {p}" in _VERB_BEFORE_PAIRS) or
                  (p == "under" and _HELD_UNDER.search(
                      self.text, max(0, tokens[k][0] - 40), tokens[k][0]))) and \
                    not self._heading(k):
                self._cue_name(k, strong=False)
            if p in _GREETINGS and self.gap(k - 1) in (" ", ", ") and (
                    (_VOCATIVE_END.match(self.text, tokens[k][1]) is not None and
                     self._addressed(k)) or self._greeted_with_title(k, keys)):
                # a greeting names a person, whatever the model took the word for
                self.add(tokens[k][0], tokens[k][1], "PERSON", self.o.SCORE_OVER_NER, "vocative")
        for k in range(len(tokens)):
            if self._marked_person(k, keys):
                self.add(tokens[k][0], tokens[k][1], "PERSON", self.o.SCORE_CUE, "marked")
        for k in range(len(tokens) - 1):
            if keys[k + 1] in _VERB_AFTER and self.gap(k) == " " and self.known_name(k):
                self.add(tokens[k][0], tokens[k][1], "PERSON", self.o.SCORE_CUE_WEAK, "cue-after")
            if keys[k + 1] == "who" and self.gap(k) == " " and self._before_who(k):
                self.add(tokens[k][0], tokens[k][1], "PERSON", self.o.SCORE_CUE, "who")
            if self._with_me(k, keys):
                self.add(tokens[k][0], tokens[k][1], "PERSON", self.o.SCORE_OVER_NER, "with-me")

    def conventions(self) -> None:
        """Names that conventions of forms and chat point at, in any casing: the ticket form
        "SURNAME/GIVEN", the name after "s/o" / "d/o" / "w/o", a name before an honorific
        written after it ("Khan sahib", "Ali bhai"), a name that opens a line and asks or
        calls out ("JUNAID WHERE ARE YOU??", "TENDAI!! guess what"), a known given name
        owning a word ("per Harsh's review"), a known name in capitals on a mixed line, the
        writer in "I, X," formulas and "i'm x, 24"."""
        text, tokens = self.text, self.tokens
        if "/" in text:
            for m in _SLASHED_RE.finditer(text):
                self._slashed(m)
            for m in _KIN_OF_RE.finditer(text):
                self._kin_name(m.end())
        for k in range(len(tokens)):
            after = tokens[k + 1][2].casefold() if k + 1 < len(tokens) else ""
            if after in _HONORIFICS_AFTER and self.gap(k) in (" ", "-") and \
                    self._addressed(k, short=True):
                self.add(tokens[k][0], tokens[k][1], "PERSON", self.o.SCORE_CUE, "honorific")
            elif _line_opening(text, tokens[k][0]) and \
                    _ASKED_AFTER.match(text, tokens[k][1]) and self._addressed(k) and \
                    (self.known(k) or not self._english(tokens[k][2].casefold())):
                self.add(tokens[k][0], tokens[k][1], "PERSON", self.o.SCORE_CUE, "asked")
            if self._told(k):
                self.add(tokens[k][0], tokens[k][1], "PERSON", self.o.SCORE_CUE, "told")
            if self._possessor(k):
                self.add(tokens[k][0], tokens[k][1], "PERSON", self.o.SCORE_CUE, "possessor")
            if self.line_case[k] == "mixed" and self._shouted_name(k):
                self.add(tokens[k][0], tokens[k][1], "PERSON", self.o.SCORE_SHAPE, "shouted")
        for m in _I_COMMA_RE.finditer(text):
            self._set_off(m.end())
        for m in _INTRO_AGE_RE.finditer(text):
            key = m.group(1).casefold()
            if m.start(1) in self.index and not _no_name(key) and key not in STOP_WORDS and \
                    (key in self.first or not self._english(key)):
                self.add(*m.span(1), "PERSON", self.o.SCORE_CUE, "intro-age")

    def _kin_name(self, pos: int) -> None:
        """The name after "s/o" / "d/o" / "w/o", even one that is a town too ("Turki"): up to
        four name-like words (a particle inside), none a stop, English or technical word
        unless capitalised on a mixed line."""
        k = self.index.get(pos)
        if k is None:
            return
        j = k
        while j < len(self.tokens) and j - k < 4 and (j == k or self.gap(j - 1) in (" ", "-")):
            w = self.tokens[j][2]
            key = w.casefold()
            if key in SURNAME_PARTICLES and j > k:
                j += 1
                continue
            mixed = self.line_case[j] == "mixed"
            if not w.replace("-", "").isalpha() or _never_name(key) or \
                    (mixed and not w[:1].isupper() and
                     key.split("-")[0] not in SURNAME_PARTICLES) or \
                    (not mixed and self._english(key) and not self.known(j)):
                break
            j += 1
        while j > k and self.tokens[j - 1][2].casefold() in SURNAME_PARTICLES:
            j -= 1
        if j > k:
            self.add(self.tokens[k][0], self.tokens[j - 1][1], "PERSON", self.o.SCORE_OVER_NER,
                     "kin-of")

    def _possessor(self, k: int) -> bool:
        """"per Harsh's comment", "at Princess's place": a known given name, capitalised in the
        middle of a sentence on a mixed line, owning the lower-case word after it (a given name
        that is an English word too, which word shape lets pass)."""
        s, e, w = self.tokens[k]
        key = w.casefold()
        return self.line_case[k] == "mixed" and w[:1].isupper() and w[1:].islower() and \
            key in self.first and self.text[e:e + 3] in ("'s ", "’s ") and \
            self.text[e + 3:e + 4].islower() and not sentence_start(self.text, s) and \
            key not in AMBIGUOUS and key not in NOT_A_PERSON and key not in STOP_WORDS and \
            not _no_name(key) and not self.is_place(w) and not self._after_article(k)

    def _shouted_name(self, k: int) -> bool:
        """A known given name or surname of four letters or more written in capitals on a
        mixed line ("LATIFA where are you", "cc NWANKWO"): no English, technical or stop word,
        not part of code or an identifier, and not inside a run of capitals that is no name
        ("SEE ATTACHED FILE")."""
        s, e, w = self.tokens[k]
        key = w.casefold()
        if not (w.isupper() and len(w) >= 4 and w.replace("-", "").isalpha()) or \
                not self.known(k) or self._english(key) or _never_name(key) or \
                glued(self.text, s, e) or \
                self._code_like(s, e) or self._in_email(s, e):
            return False
        for n in (k - 1, k + 1):  # a neighbour in capitals must be a name word too
            if 0 <= n < len(self.tokens) and self.gap(min(n, k)) == " ":
                nw = self.tokens[n][2]
                if nw.isupper() and len(nw) > 1 and self._english(nw.casefold()) and \
                        not self.known(n):
                    return False
        return True

    def _set_off(self, pos: int) -> None:
        """"I, HALA AZAR, hereby...": one to four words up to the next comma, each a name
        word, a particle, an initial or (a line of one casing, or capitals on a mixed one)
        no stop, English or technical word unless a known name."""
        k = self.index.get(pos)
        if k is None:
            return
        j = k
        while j < len(self.tokens) and j - k < 5 and (j == k or self.gap(j - 1) in (" ", "-")):
            w, vw = self.tokens[j][2], self.vtokens[j][2]
            key = w.casefold()
            plain = not w.replace("-", "").isalpha() or _never_name(key) or \
                (self._english(key) and not self.known(j))
            if not (self.nameish(j) or self.initial(j) or key in SURNAME_PARTICLES or (
                    not plain and (self.line_case[j] != "mixed" or vw.isupper()))):
                return
            j += 1
        if j - k > 4 or j >= len(self.tokens) or not self.gap(j - 1).startswith(","):
            return
        self.add(self.tokens[k][0], self.tokens[j - 1][1], "PERSON", self.o.SCORE_CUE, "i-comma")

    def _slashed(self, m: re.Match[str]) -> None:
        """"BAIG/ADNAN", "YIP/HOI TING", "VAN DER BERG/ELINE": each word is a known name or
        four letters or more with a vowel, and no English (unless a known name), technical,
        stop or currency word; in capitals on a mixed line. Particles before the family name
        and a second given name go with them; a title after ("MR") does not."""
        k1, k2 = self.index.get(m.start(1)), self.index.get(m.start(2))
        if k1 is None or k2 is None:
            return
        ks = [k1, k2]
        if m.group(3) is not None and (k3 := self.index.get(m.start(3))) is not None and \
                self._slashed_word(k3):
            ks.append(k3)
        if not all(self._slashed_word(k) for k in ks[:2]) or all(
                self.is_place(self.tokens[k][2]) for k in ks[:2]) or all(
                technical_word(self.tokens[k][2].casefold()) for k in ks[:2]):
            return  # (two towns are a route: "BERLIN/MUNICH"; two tools: "the FOO/BAR vars")
        first = ks[0]
        while first > 0 and self.gap(first - 1) == " " and \
                self.tokens[first - 1][2].casefold() in SURNAME_PARTICLES:
            first -= 1
        self.add(self.tokens[first][0], self.tokens[ks[0]][1], "PERSON", self.o.SCORE_CUE,
                 "slashed")
        self.add(self.tokens[ks[1]][0], self.tokens[ks[-1]][1], "PERSON", self.o.SCORE_CUE,
                 "slashed")

    def _slashed_word(self, k: int) -> bool:
        w = self.tokens[k][2]
        key = w.casefold()
        if self.line_case[k] == "mixed" and not w.isupper():
            return False
        if _never_name(key) or key in _TITLES_AFTER:
            return False
        if self.known(k):
            return True
        return len(key) >= 4 and _has_vowel(key) and not self._english(key) and \
            not typo(key, self.english)

    def _addressed(self, k: int, short: bool = False) -> bool:
        """Token ``k``, right after a greeting and closing its phrase, reads as the name of
        the one greeted: on a mixed line a capitalised word or one in capitals that is no word
        of address ("Thanks Lao!!", "congrats HAT!!!", "hey Farshad here"); on a line of one
        casing a word that is no English word or a known name ("thanks lao!!"). A short
        family name passes when ``short`` or before "," or "!" ("Dear An,")."""
        w = self.tokens[k][2]
        key = w.casefold()
        short = key in SHORT_SURNAMES and w[:1].isupper() and (
            short or self.text[self.tokens[k][1]:self.tokens[k][1] + 1] in (",", "!"))
        if len(key) < 2 or not w.replace("-", "").isalpha() or (
                key in STOP_WORDS and not short) or _no_name(key) or key in RELATION_WORDS or \
                key in _GREETINGS or key in NOT_A_PERSON or key in TECH_TERMS or \
                glued(self.text, *self.tokens[k][:2]) or self.is_place(w):
            return False  # ("Hello Lisbon!" greets a town)
        if self.line_case[k] == "mixed":
            return w[:1].isupper() and (not w.isupper() or len(key) >= 3 or not w.isascii())
        return self.known(k) or (not self._english(key) and not typo(key, self.english))

    def _told(self, k: int) -> bool:
        """"golf bring the bibs saturday", "matthias you still owe subs": a name that opens a
        sentence and is told something: an order right after it (a given name, a word name
        or a word that is no English word; not a modal: "will bring the cake"), or "you" /
        "u" after a name that is no English word ("hope you are well" hopes)."""
        tokens = self.tokens
        if k + 2 >= len(tokens) or self.gap(k) not in (" ", ", ") or \
                not sentence_start(self.text, tokens[k][0]):
            return False
        key, nxt = tokens[k][2].casefold(), tokens[k + 1][2].casefold()
        if not _cue_word(tokens[k][2]) or key in _MODALS or key in _GREETINGS:
            return False
        if nxt in _ORDERS:
            return key in self.first or key in WORD_NAMES or not self._english(key)
        return nxt in ("you", "u") and not self._english(key) and (
            self.known(k) or not typo(key, self.english))

    def _marked_person(self, k: int, keys: list[str]) -> bool:
        """Token ``k`` is a person by the grammar of another language: after Tagalog's article
        of persons and a Tagalog word before or after ("sabi ni joy", "para kay lei", "Si
        Joy na bahala"), or before the Hindi/Urdu "ne" and a verb of saying ("grace ne bola
        ki..."); unless it is a pronoun, a small word of that language, a role ("manager ne
        bola"), a chat or technical word."""
        article = k >= 1 and keys[k - 1] in _PERSON_ARTICLES and self.gap(k - 1) == " " and (
            (k >= 2 and keys[k - 2] in _MIXED_CONTEXT and self.gap(k - 2) == " ") or (
                sentence_start(self.text, self.tokens[k - 1][0]) and k + 1 < len(keys) and
                keys[k + 1] in _MIXED_CONTEXT and self.gap(k) == " "))
        said = k + 2 < len(keys) and keys[k + 1] == "ne" and keys[k + 2] in _SAID_HINDI and \
            self.gap(k) == " " and self.gap(k + 1) == " "
        word = self.tokens[k][2]
        # (Tagalog marks personal names only: after "kay" even a word of address is one,
        # "kay honey")
        return ((said and _cue_word(word)) or (article and (
            _cue_word(word) or (keys[k] in _ADDRESS_WORDS and word.isalpha())))) and \
            keys[k] not in MIXED_IN_WORDS

    def _greeted_with_title(self, k: int, keys: list[str]) -> bool:
        """"hi sultan sir,", "Hello Amr sir", "hi yaw sir": after a greeting, the word before
        "sir" or "madam" is the name of the one greeted, an English word too, unless it says
        how the one greeted is ("hello good sir", "Respected Madam")."""
        return k + 1 < len(keys) and keys[k + 1] in _SIR and self.gap(k) == " " and \
            _cue_word(self.tokens[k][2]) and keys[k] not in _GREETINGS and \
            keys[k] not in _SIR_ADJECTIVES

    def _before_who(self, k: int) -> bool:
        """"for Can who was on leave": a capitalised known name in the middle of a sentence,
        before "who", even one that is an English word."""
        w = self.tokens[k][2]
        key = w.casefold()
        return self.line_case[k] == "mixed" and w[:1].isupper() and not w.isupper() and \
            not sentence_start(self.text, self.tokens[k][0]) and self.known(k) and \
            not self._after_article(k) and key not in STOP_WORDS and \
            key not in NOT_A_PERSON and key not in NOT_A_NAME_WORD and not _no_name(key) and \
            not self.is_place(w)

    def _with_me(self, k: int, keys: list[str]) -> bool:
        """"Robin and I are pairing", "me and Dodo": a name beside "and I" / "and me"."""
        tokens = self.tokens
        before = k >= 2 and keys[k - 1] == "and" and keys[k - 2] == "me" and \
            self.gap(k - 2) == " " and self.gap(k - 1) == " "
        after = k + 2 < len(tokens) and keys[k + 1] == "and" and keys[k + 2] in ("i", "me") and \
            self.gap(k) == " " and self.gap(k + 1) == " " and (
                k + 3 >= len(tokens) or not self.gap(k + 2).startswith("'"))
        if not (before or after):
            return False
        w = self.vtokens[k][2]
        key = w.casefold()
        if len(key) < 2 or not w.isalpha() or key in STOP_WORDS or key in RELATION_WORDS or \
                key in NOT_A_PERSON or key in NOT_A_NAME_WORD or _no_name(key) or \
                self.is_place(w):
            return False
        if self.line_case[k] == "mixed" and not (w[:1].isupper() and not w.isupper()):
            return False
        return self.known(k) or (not self._english(key) and not typo(key, self.english))

    def known(self, k: int) -> bool:
        """Token ``k`` is a given name or surname of some name list."""
        key = self.tokens[k][2].casefold()
        return key in self.first or key in self.last

    def _month(self, k: int) -> bool:
        """Token ``k`` is a month that is also a name, after a word of time ("in june",
        "since May", "early August")."""
        return self.tokens[k][2].casefold() in _NAME_MONTHS and k > 0 and \
            self.gap(k - 1) == " " and self.tokens[k - 1][2].casefold() in _TIME_BEFORE

    def _after_article(self, k: int) -> bool:
        """Token ``k`` comes right after "the", "a" or "an" (names seldom do)."""
        return k > 0 and self.gap(k - 1) == " " and \
            self.tokens[k - 1][2].casefold() in _ARTICLES

    def known_name(self, k: int) -> bool:
        """A capitalised given name or surname of some locale that is no English word, or a
        name word. In a line of mixed case a known name may also be written in capitals
        ("congrats ZAMEER!!!")."""
        if self.nameish(k):
            return True
        w = self.vtokens[k][2]
        key = w.casefold()
        shout = w.isupper() and len(w) >= 3 and self.line_case[k] == "mixed"
        return (w[:1].isupper() and (not w.isupper() or shout) and
                (key in self.first or key in self.last)
                and not self._english(key) and not technical_word(key, sure=True))

    def _heading(self, k: int) -> bool:
        """Token ``k`` ends a heading that a cue word opens: "To Read:", "For Sale:" (an
        English word that is no given name), not a person after "to" / "for" ("To Grace:",
        "To Ananya: happy birthday")."""
        key = self.tokens[k][2].casefold()
        return self.text.startswith(":", self.tokens[k][1]) and \
            _line_opening(self.text, self.tokens[k - 1][0]) and \
            self._english(key) and key not in self.first

    def _cue_name(self, k: int, strong: bool) -> None:
        w = self.vtokens[k][2]
        key = w.casefold()
        # "my mum Sun-Mi": syllables that are English words, each capitalised, after a
        # relation are a given name, not a compound ("well-being")
        syllables = strong and _capitalised_parts(self.text[slice(*self.tokens[k][:2])])
        if (technical_word(key, sure=True) and not syllables) or key in _CHAT_WORDS:
            return
        mid_cap = (self.line_case[k] == "mixed" and w[:1].isupper() and not w.isupper() and
                   key not in STOP_WORDS and key not in JOB_WORDS and
                   not sentence_start(self.text, self.tokens[k][0]))
        if strong:  # "my brother Beam's": a capitalised word after a relation is a name
            ok = self.known_name(k) or self.joinable(k) or mid_cap or self._closed(k)
        else:  # "reply to Bonnet": a known name, even an English word, but not Will or May
            ok = self.line_case[k] == "mixed" and (key in self.first or key in self.last) and (
                self.known_name(k) or (mid_cap and key not in AMBIGUOUS))
        if not ok:
            return
        j = k + 1
        while j < len(self.tokens) and j - k < 4 and self.gap(j - 1) in (" ", "-") and (
                self.nameish(j) or self.joinable(j) or self.initial(j)):
            j += 1
        s, e = self.tokens[k][0], self.tokens[j - 1][1]
        if (technical_span(self.text, s, e) and not (syllables and j == k + 1)) or \
                self.is_place(self.text[s:e]):
            return
        self.add(s, e, "PERSON", self.o.SCORE_CUE if strong else self.o.SCORE_CUE_WEAK, "cue")

    def _closed(self, k: int) -> bool:
        """Token ``k`` (after a relation) is closed by what follows it, in any casing: a
        speech verb ("MY MANAGER MEN SAID", "my wife hue told me"), "and I" / "and me" ("my
        husband shim and i") or a possessive ("my sister hope's wedding"); a word, not a stop
        word or an adverb."""
        key = self.tokens[k][2].casefold()
        if not (self.tokens[k][2].isalpha() and len(key) >= 2 and key not in STOP_WORDS and
                (not key.endswith("ly") or key in WORD_NAMES) and key not in JOB_WORDS and
                key not in _CHAT_WORDS and
                not technical_word(key, sure=True)):
            return False
        if k + 1 >= len(self.tokens):
            return False
        gap, after = self.gap(k), self.tokens[k + 1][2].casefold()
        return (gap == " " and after in _SPEECH_VERBS) or gap in ("'s ", "’s ") or (
            gap == " " and after == "and" and k + 2 < len(self.tokens) and
            self.gap(k + 1) == " " and self.tokens[k + 2][2].casefold() in ("i", "me"))

    def email_names(self) -> None:
        """``Amarachi Balogun <amarachi.balogun@...>``: words of an email's local part are a
        name wherever they stand in the text as words, if they are no English words (so
        ``support@``, ``sales@`` confirm nothing) or are known names."""
        parts: set[str] = set()
        for a, b in self.emails:
            local = self.text[a:b].split("@", 1)[0].casefold()
            parts.update(p for p in re.split(r"[._\-+0-9]+", local) if len(p) >= 2 and (
                not self._english(p) or p in self.first or p in self.last) and
                not technical_word(p, sure=True))
        if not parts:
            return
        for s, e, w in self.tokens:
            if w.casefold() in parts and not self._in_email(s, e):
                self.add(s, e, "PERSON", self.o.SCORE_EMAIL, "email")

    def consistency(self) -> None:
        """Other mentions of the words of names found so far (by these rules or spaCy's NER),
        in any case when the word is no English word: "Zhen" -> "Zhen's", "ZHEN", "zhen"."""
        words: dict[str, str] = {}
        sources = [(s, e, t) for (s, e), (t, _, _) in self.found.items()]
        sources += [(ent.start_char, ent.end_char, "PERSON") for ent in self.ents
                    if ent.label_ == "PERSON"]
        sources += [(ent.start_char, ent.end_char, "LOCATION") for ent in self.ents
                    if _KIND.get(ent.label_) == "PLACE"]
        for s, e, etype in sources:
            for m in WORD.finditer(self.text, s, e):
                key = m.group(0).casefold()
                if repeatable(key, self.english):
                    words.setdefault(key, etype)
        if not words:
            return
        covered = sorted(self.found) + [(ent.start_char, ent.end_char) for ent in self.ents
                                        if _KIND.get(ent.label_) in ("PERSON", "PLACE")]
        for k, (s, e, w) in enumerate(self.tokens):
            found_type = words.get(w.casefold())
            if found_type is None or glued(self.text, s, e) or self._in_email(s, e) or \
                    self._org_suffix(k + 1):
                continue
            if any(a <= s and e <= b for a, b in covered):
                continue
            self.add(s, e, found_type, self.o.SCORE_REPEAT, "repeat")

    # ------------------------------------------------------------------ output
    def results(self, entities: list[str]) -> list[RecognizerResult]:
        out = []
        for (s, e), (etype, score, rule) in sorted(self.found.items()):
            if etype not in entities:
                continue
            out.append(RecognizerResult(
                etype, s, e, score,
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: _NAME,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.o.id,
                                      "chatveil_rule": rule},
            ))
        return out


def _no_name(key: str) -> bool:
    """A word that names no one wherever it stands: a chat or address word, a job, jargon or
    a technical term (languages and nationalities aside: "Lao" is a given name too)."""
    return key in _CHAT_WORDS or key in _ADDRESS_WORDS or key in JOB_WORDS or \
        key in TECH_JARGON or (technical_word(key, sure=True) and key not in NOT_A_NAME_WORD)


def _cue_word(word: str) -> bool:
    """A word that a cue around it may make a name, an English word too: letters only, two or
    more, no stop word, relation ("mum") or word that names no one (:func:`_no_name`)."""
    key = word.casefold()
    return word.isalpha() and len(key) >= 2 and key not in STOP_WORDS and \
        key not in RELATION_WORDS and not _no_name(key)


def _given_word(key: str) -> bool:
    """A word that can be a given name where a form says one stands, an English word too
    ("Hope", "Lovely"): no stop, chat or technical word, nor one saying the field is empty."""
    return key not in STOP_WORDS and key not in _CHAT_WORDS and key not in _NO_VALUE and \
        not technical_word(key, sure=True) and 2 <= len(key) <= _LONGEST_NAME_WORD


def _never_name(key: str) -> bool:
    """A stop word, a word that never names a person, or one of :func:`_no_name`'s."""
    return key in STOP_WORDS or key in NOT_A_PERSON or _no_name(key)


def _line_opening(text: str, i: int) -> bool:
    """Position ``i`` opens its line, after blanks, quote marks or a list bullet at most."""
    j = i - 1
    while j >= 0 and text[j] in " \t>*-•":
        j -= 1
    return j < 0 or text[j] in "\n\r"


def _capitalised_parts(word: str) -> bool:
    """``Sun-Mi``, ``Min-Suk``: two or three hyphenated parts of letters, each capitalised."""
    parts = word.split("-")
    return 2 <= len(parts) <= 3 and all(
        p[:1].isupper() and p.isalpha() and (len(p) == 1 or p[1:].islower()) for p in parts)


def _has_vowel(word: str) -> bool:
    """A vowel, with or without marks: ``TRẦN``, ``ÖZTÜRK`` and ``ŞAHİN`` have one."""
    return any(c in "AEIOUYaeiouy" for c in unicodedata.normalize("NFKD", word))


def _name_inner_capital(word: str) -> bool:
    """``McDonald``, ``O'Brien``, ``Al-Harbi``, ``DeSouza``: capitals inside a real name."""
    return word[:2] in ("Mc", "Ma", "O'", "O’", "D'", "D’", "De", "Di", "Le", "La", "Van") or \
        "-" in word or "'" in word or "’" in word


class NameEvidenceRecognizer(EntityRecognizer):
    """Persons and places of any origin, in any casing, from evidence that generalizes.

    See the module docstring for the rules. Scores: a name of two or more name words 0.65, of
    one 0.55 (0.45 when spaCy calls it an organisation, 0.9 when it has a given name or two
    name words that spaCy calls a place), a label field value or a relation cue 0.7, a place
    0.65 (0.62 from context alone; the guard's LOCATION threshold is 0.6), other mentions of
    a found name 0.55.
    """

    SCORE_OVER_NER = 0.9
    SCORE_SHAPE_FULL = 0.65
    SCORE_SHAPE = 0.55
    SCORE_SHAPE_WEAK = 0.45
    SCORE_LABEL = 0.7
    SCORE_CUE = 0.7
    SCORE_CUE_WEAK = 0.5
    SCORE_PLACE = 0.65
    SCORE_PLACE_CUE = 0.62
    SCORE_REPEAT = 0.55
    SCORE_EMAIL = 0.7

    #: The rules in the order they run (consistency last: it spreads what the others found).
    RULES = ("gazetteer", "shapes", "initials", "numbers", "labels", "cues", "conventions",
             "email_names", "consistency")

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON", "LOCATION", "STREET_ADDRESS"],
                         supported_language=supported_language,
                         name=_NAME)

    def load(self) -> None:
        """Read the word lists now (when the analyzer is built), not on the first text."""
        english_dictionary()
        frequent_english_words()
        world_names()
        world_places()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        if not text or not ({"PERSON", "LOCATION", "STREET_ADDRESS"} & set(entities)):
            return []
        scan = _Scan(self, text, nlp_artifacts)
        for rule in self.RULES:
            getattr(scan, rule)()
        return scan.results(entities)
