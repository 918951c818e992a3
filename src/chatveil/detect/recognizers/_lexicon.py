"""Word lists the name and place rules share: Faker's names and places, English words."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Iterator

from chatveil._words import common_words
from chatveil.detect.recognizers._common import wordset

# ---------------------------------------------------------------------- person names
#: Faker person providers whose first/last-name lists are loaded (Latin script only).
NAME_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_NZ", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CA", "es_ES",
    "es_MX", "it_IT", "pt_BR", "pt_PT", "nl_NL", "nl_BE", "sv_SE", "da_DK", "no_NO", "fi_FI",
    "is_IS", "pl_PL", "cs_CZ", "sk_SK", "sl_SI", "hr_HR", "hu_HU", "ro_RO", "tr_TR", "et_EE",
    "lt_LT", "lv_LV",
)

#: English words that are also given names: never a name on their own, fine in "Will Smith".
AMBIGUOUS = wordset("""
will may mark bill grant rose hope faith joy art guy june april august summer autumn winter
dawn eve grace ivy lily violet penny ruby pearl crystal amber jade sky river rock stone hunter
chase carter cook baker miller king young long little white black brown green gray grey rich
price case page bell hall hill wood lane field ford park love frank earnest noble sterling
major prince duke earl baron bishop chance destiny harmony honor honour justice liberty mercy
patience prudence serenity trinity unity hazel heather holly iris jasmine daisy poppy olive
sage angel don pat sue rob nick jack max ray gene drew rusty sandy dusty carol lance miles
wade dean cliff glen heath brook dale gail jean van ben tom sal val ken bob kay jay ace star
storm sunny lucky happy precious ever haven harbor story wisdom echo nova ocean blue royal
cash gay buck colt fox hawk wolf bear lion tiger robin wren lark dove finch christian norman
german french english irish welsh dutch israel jordan chad georgia virginia carolina florida
dakota india china asia africa america paris london victoria sydney austin dallas denver
phoenix houston orlando savannah aurora julia perl ada pascal claude alexa siri cortana gemini
mistral llama falcon kotlin rust swift python java scala dart haskell elixir
monday tuesday wednesday thursday friday saturday sunday january february march july
september october november december feb mar apr jun jul aug sep sept oct nov dec
mon tue tues wed thu thur thurs fri sat sun
handler constant meta server reader writer client manager builder parser worker reporter
factory adapter wrapper helper loader
sterling crown
email mail phone address name number account card bank office team support admin user
hello dear thanks thank regards best cheers sir madam miss mister doctor professor
""")

#: Well-known places that are also given names (besides Faker's country/state/city lists).
PLACE_NAMES = wordset("""
paris sydney austin dallas denver phoenix houston orlando florence victoria adelaide charlotte
savannah madison jackson lincoln chelsea regina helena augusta eugene marion alexandria lima
sofia vienna geneva siena verona lorraine milan valencia santiago tyler aurora cleveland
columbus jordan georgia virginia carolina dakota israel chad india china kenya
""")

#: Capitalised words that end a name candidate (places, organisations, street types).
NOT_SURNAME = wordset("""
street st avenue ave road rd lane ln drive dr boulevard blvd way court ct place pl square sq
park station airport university college school hospital church bridge river lake mountain
beach island city county state valley hills heights center centre hotel inc ltd llc corp
company group bank foundation institute museum library mall market plaza gardens grove
terrace close crescent highway hwy apt apartment suite unit floor north south east west
plc corporation corp agency associates partners holdings labs technologies solutions systems
capital consulting services industries enterprises ventures gmbh ag sa bv nv
""")

#: Words before a name that make it part of a place or street ("St. John", "Via Carlo Cattaneo").
PLACE_PREFIXES = wordset("""
st st. saint sainte san santa santo são sao fort port mount mt mt. lake cape via viale rue
calle avenida av av. rua piazza piazzale strada largo travessa praça plaza ulica ul ul. camino
carrer avinguda boulevard bd avenue place platz straße strasse gasse weg laan straat kerk
new los las del den
""")


# ---------------------------------------------------------------------- spaCy NER, filtered
#: Single words spaCy's small model tends to call a person in chat text that are not names.
NOT_A_PERSON = wordset("""
claude gemini alexa siri cortana copilot bard llama mistral grok java kotlin swift python rust
ruby perl julia scala haskell elixir pandas polars numpy django flask kubernetes docker
kafka redis postgres mongo spark airflow jenkins ansible terraform linux ubuntu debian jira
hi hello hey hiya dear thanks thank cheers regards bye goodbye yes no ok okay sure please sorry
welcome morning evening afternoon
""")




@functools.lru_cache(maxsize=1)
def name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, last names, common words, places), casefolded; loaded once on first use."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in NAME_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):  # pragma: no cover - older Faker
            continue
        for attr in ("first_names", "first_names_male", "first_names_female",
                     "first_names_nonbinary"):
            first.update(_words(getattr(provider, attr, ()) or ()))
        last.update(_words(getattr(provider, "last_names", ()) or ()))
    english = set(english_words())
    common = english | AMBIGUOUS
    places: set[str] = set(PLACE_NAMES)
    for module, attr in PLACE_LISTS:
        places.update(" ".join(p.casefold().split())
                      for p in faker_list(f"faker.providers.address.{module}", attr))
    first = {w for w in first if len(w) >= 3} - {"doe"}
    last = {w for w in last if len(w) >= 3} - {"doe"}
    return frozenset(first), frozenset(last), frozenset(common), frozenset(places)


#: Faker address lists used as a small gazetteer (countries, US states, UK counties, cities).
PLACE_LISTS = (("en", "countries"), ("en_US", "states"), ("en_GB", "counties"),
                ("de_DE", "cities"), ("nl_NL", "cities"))


def english_words() -> frozenset[str]:
    return common_words()


@functools.lru_cache(maxsize=1)
def gazetteer() -> tuple[frozenset[str], dict[str, int]]:
    """Place names worth flagging (no English words, 4+ letters) and, per first word, the most
    words a place starting with it has."""
    places = name_lists()[3]
    english = english_words()
    sure = set(PLACE_NAMES)  # countries and states stay places even if also English words
    for module, attr in PLACE_LISTS[:2]:
        sure.update(p.casefold() for p in faker_list(f"faker.providers.address.{module}", attr))
    words = english | AMBIGUOUS
    kept = frozenset(p for p in places if len(p) >= 4 and (p not in words or p in sure))
    longest: dict[str, int] = {}
    for place in kept:
        parts = place.replace("'", " ").replace("’", " ").replace("-", " ").split()
        if parts:
            longest[parts[0]] = max(longest.get(parts[0], 0), len(parts) + 2)
    return kept, longest


def faker_list(module: str, attr: str) -> Iterable[str]:
    try:
        return tuple(getattr(importlib.import_module(module).Provider, attr, ()) or ())
    except (ImportError, AttributeError):  # pragma: no cover - older Faker
        return ()


def _words(names: Iterable[str]) -> Iterator[str]:
    for name in names:
        for part in name.split():
            if part.isalpha() or "-" in part or "'" in part:
                yield part.casefold()
