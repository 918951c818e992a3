"""Forms of address of many languages: the words written before a name ("Señora", "Pak",
"paní", "Bw.") or after it ("Ahmet Bey", "Kovács úr", "Tanaka san", "Ravi sir").

A word after a title is a name even when it is a word too ("Madame Bonnet", "Herrn Baker").
Most titles are no English word and count on any line; those that are a word or a name
elsewhere ("Pan", "Don", "Bu", "Anh", "Ate") count only on a line written in their language
(:func:`chatveil.detect.recognizers._languages.line_languages`). English titles ("Mr",
"Dr", "Mme", "Herr", "Kuya") stay in ``names._TITLE_RE``.

Written from the languages' usage, not from any evaluation set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

ANY = "*"


def _table(spec: str) -> dict[str, frozenset[str]]:
    """``"lang[,lang] | form form ..."`` lines -> form -> languages (``*``: every line)."""
    out: dict[str, set[str]] = {}
    for line in spec.strip().splitlines():
        langs, _, forms = line.partition("|")
        for form in forms.split():
            out.setdefault(form, set()).update(
                lang.strip() for lang in langs.split(",") if lang.strip())
    return {form: frozenset(langs) for form, langs in out.items()}


#: Titles written before a name. Forms with an inner dot are abbreviations ("Sig.ra").
BEFORE: Mapping[str, frozenset[str]] = _table("""
*        | monsieur madame mademoiselle maître docteur professeur
*        | señor señora señorita sra srta doña dña dra lic licenciado licenciada ing arq
*        | senhor senhora senhorita
*        | signor signore signora signorina sig sig.ra sig.na dott dott.ssa dottor dottore
*        | dottoressa avv avvocato prof.ssa
*        | herrn fräulein meneer mevrouw mevr dhr juffrouw
*        | pani panią paní pán slečna slečno
*        | domnul domnule domnului doamna doamnă doamnei dna d-na d-l d-lui d-nei
*        | gospodin gospodine gospođa gospođo gospođica gđa gđica g-din gospod gospa
*        | ponas ponia ponai poniai herra rouva neiti fru fröken frøken sayın
*        | bapak mbak encik puan datuk dato datin ông bà chị chú bác thầy
*        | ginoong ginang binibini gng aling bwana bw mzee
*        | shri shree smt srimati ustaz ustadh ustaza ustadha alhaji alhaja hajia hajiya
es,pt,ca,it | sr don
pt       | dona
fr       | me
de,da,nb,sv | hr
nl       | mw
pl       | pan pana panu panem
cs,sk    | pane pana
ro       | dl
id,ms    | pak bu ibu tuan kak cik
id       | mas
vi       | anh em cô
tl       | ate mang
""")

#: Titles written after a name (the name is the word before).
AFTER: Mapping[str, frozenset[str]] = _table("""
*        | bey beyi beye beyin beyle hanım hanımı hanıma hanımın hanımla hanim efendi
*        | abla abi ağabey hocam teyze amca
*        | úr úrnak urat úrral asszony asszonynak néni bácsi kungs kundze
*        | san kun chan sensei senpai ssi nim
*        | ji sahib saheb sahab garu bhai bhaiya didi sir madam ma'am maam
tr       | hoca
""")


def _pattern(forms: Mapping[str, frozenset[str]]) -> str:
    longest_first = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f) for f in longest_first)


#: A title before a name: the form, a dot if abbreviated, then a blank.
BEFORE_RE = re.compile(r"(?<![^\W_])(?P<title>" + _pattern(BEFORE) + r")\.?(?=[ \t])",
                       re.IGNORECASE)
#: A title after a name: a blank, the form, then no letter ("Ahmet Bey,", "tanaka san").
AFTER_RE = re.compile(r"(?<=[ \t])(?P<title>" + _pattern(AFTER) + r")(?![^\W_])",
                      re.IGNORECASE)


def counts_on(form: str, table: Mapping[str, frozenset[str]], language: str | None) -> bool:
    """The title ``form`` (as typed) counts on a line in ``language`` (None: English)."""
    langs = table.get(form.casefold(), frozenset())
    return ANY in langs or (language is not None and language in langs)
