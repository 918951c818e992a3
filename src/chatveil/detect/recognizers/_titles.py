"""Forms of address of many languages: the words written before a name ("Señora", "Pak",
"paní", "Bw.") or after it ("Ahmet Bey", "Kovács úr", "Tanaka san", "Ravi sir"), and the
closing formulas a signature follows ("Best regards,", "Lijep pozdrav,", "Pozdrawiam").

A word after a title is a name even when it is a word too ("Madame Bonnet", "Herrn Baker").
Most titles are no English word and count on any line; those that are a word or a name
elsewhere ("Pan", "Don", "Bu", "Anh", "Ate") count only on a line written in their language
(:func:`chatveil.detect.recognizers._languages.line_languages`). English titles ("Mr",
"Dr", "Kuya") stay in ``names._TITLE_RE``.

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
*        | herr herrn frau fräulein meneer mevrouw mevr dhr juffrouw mme mlle
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
lt,cs,sk | p.
sw       | bi. dkt. dk.
vi       | anh em cô
tl       | ate mang
""")

#: Titles written after a name (the name is the word before).
AFTER: Mapping[str, frozenset[str]] = _table("""
*        | bey beyi beye beyin beyle hanım hanımı hanıma hanımın hanımla hanim efendi
*        | abla abi ağabey hocam teyze amca
*        | úr úrnak urat úrral úrhoz úrtól asszony asszonynak asszonyhoz asszonyt asszonnyal
*        | asszonytól néni bácsi kungs kundze
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


#: Closing formulas, on a line of their own before the writer's name ("Best regards,\nAnkit",
#: "Lijep pozdrav,\nAna").
CLOSINGS: tuple[str, ...] = tuple(line.strip() for line in """
best regards
kind regards
warm regards
regards
best wishes
best
thanks
thank you
many thanks
cheers
sincerely
yours sincerely
yours truly
yours faithfully
yours
respectfully
warmly
love
xoxo
take care
with thanks
rgds
br
thx
--
—
-
cordialement
bien cordialement
bien à vous
bien à toi
salutations
meilleures salutations
sincères salutations
amitiés
bises
bisous
à bientôt
saludos
un saludo
saludos cordiales
atentamente
un abrazo
abrazos
besos
cordialmente
hasta pronto
atenciosamente
cumprimentos
melhores cumprimentos
abraços
um abraço
beijos
saudações
até breve
cordiali saluti
distinti saluti
saluti
un saluto
un caro saluto
un abbraccio
a presto
mit freundlichen grüßen
mit freundlichen grüssen
freundliche grüße
viele grüße
beste grüße
liebe grüße
herzliche grüße
schöne grüße
grüße
gruß
mfg
lg
met vriendelijke groet
met vriendelijke groeten
vriendelijke groet
hartelijke groet
groeten
groetjes
mvg
med vänliga hälsningar
vänliga hälsningar
hälsningar
med venlig hilsen
venlig hilsen
kærlig hilsen
bedste hilsner
med vennlig hilsen
vennlig hilsen
hilsen
mvh
ystävällisin terveisin
parhain terveisin
terveisin
z poważaniem
pozdrawiam
serdecznie pozdrawiam
pozdrawiam serdecznie
z wyrazami szacunku
s pozdravem
s přátelským pozdravem
s pozdravom
s úctou
pozdravujem
lijep pozdrav
lep pozdrav
srdačan pozdrav
srdačno
s poštovanjem
s spoštovanjem
pozdrav
üdvözlettel
tisztelettel
barátsággal
üdv
cu stimă
cu respect
cu drag
toate cele bune
salutări
pagarbiai
su pagarba
linkėjimai
ar cieņu
sveicieni
lugupidamisega
parimate soovidega
saygılarımla
saygılar
sevgiler
selamlar
iyi çalışmalar
hormat saya
salam hangat
salam sejahtera
salam
wassalam
yang benar
trân trọng
thân ái
thân mến
lubos na gumagalang
nagmamahal
wako mwaminifu
kwa heri
salamu
salutacions
cordialment
atentament
una abraçada
fins aviat
kveðja
bestu kveðjur
með kveðju
ma'a salama
maa salama
""".strip().splitlines())

#: A closing line; the match ends where the signature begins (perhaps after a blank line).
CLOSING_RE = re.compile(
    r"^[ \t]*(?:" + "|".join(re.escape(c) for c in sorted(CLOSINGS, key=len, reverse=True))
    + r")[ \t]*[,!.]?[ \t]*\n(?:[ \t]*\n)?[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)

#: How people of other languages introduce themselves ("je m'appelle", "me llamo"): the words
#: after them are the writer's name. English ones are in ``names._CUE_RE``.
INTRODUCTIONS: tuple[str, ...] = tuple(line.strip() for line in """
je m'appelle
je m’appelle
mon nom est
mon prénom est
me llamo
mi nombre es
meu nome é
me chamo
chamo-me
mi chiamo
il mio nome è
ich heiße
ich heisse
mein name ist
ik heet
mijn naam is
jag heter
mitt namn är
jeg hedder
mit navn er
jeg heter
mitt navn er
nimeni on
nazywam się
mam na imię
jmenuji se
jmenuju se
volám sa
zovem se
moje ime je
mă numesc
ma numesc
numele meu este
a nevem
mano vardas
benim adım
ismim
nama saya
saya bernama
nama aku
tên tôi là
tôi tên là
tên em là
em tên là
mình tên là
ang pangalan ko ay
pangalan ko ay
jina langu ni
naitwa
em dic
el meu nom és
mera naam
""".strip().splitlines())

#: An introduction, then a blank: the name follows.
INTRODUCTION_RE = re.compile(
    r"(?<![^\W_])(?:" + "|".join(re.escape(p) for p in sorted(INTRODUCTIONS, key=len,
                                                              reverse=True))
    + r")[ \t]*[:,]?[ \t]+(?=[^\W\d_])",
    re.IGNORECASE,
)
