"""The training-data generator's name augmentations (train/make_data.py).

The model is only as general as the names it trains on: these tests check that the made-up
names are new words of a name's shape, that particles survive, and that word-names are real
words used as names.
"""

from __future__ import annotations

import importlib
import random
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

TRAIN = Path(__file__).resolve().parents[1] / "train"


@pytest.fixture(scope="module")
def make_data() -> ModuleType:
    # train/ imports its own "common", "lexicon" and "templates"; benchmarks/ has a "common"
    # too, which another test may have imported already: load ours aside, then put theirs back
    names = ("make_data", "common", "lexicon", "templates")
    saved = {name: sys.modules.pop(name) for name in names if name in sys.modules}
    sys.path.insert(0, str(TRAIN))
    try:
        return importlib.import_module("make_data")
    finally:
        sys.path.remove(str(TRAIN))
        for name in names:
            sys.modules.pop(name, None)
        sys.modules.update(saved)


def test_char_chain_makes_new_words_of_a_names_shape(make_data: ModuleType) -> None:
    known = ["amara", "amina", "chidi", "chinedu", "obinna", "ngozi", "emeka", "adaeze",
             "kemi", "femi", "tunde", "bola", "segun", "yetunde", "funmilayo"]
    chain = make_data.CharChain(known, random.Random(3))
    made = [chain.word() for _ in range(200)]
    new = [w for w in made if w.lower() not in known]
    assert len(new) >= 190  # a tiny source can run out of new words; a big one does not
    assert all(3 <= len(w) <= 12 and w[0].isupper() and w[1:].islower() for w in new)
    assert len(set(made)) > 40
    assert chain.word(upper=True).isupper()
    # the same seed gives the same words (the corpus is reproducible)
    again = make_data.CharChain(known, random.Random(3))
    assert [again.word() for _ in range(200)] == made


@pytest.fixture(scope="module")
def bank(make_data: ModuleType):  # type: ignore[no-untyped-def]
    return make_data.NameBank(random.Random(5), 13)


def test_pseudo_names_keep_particles_and_replace_most_words(make_data: ModuleType,
                                                            bank) -> None:  # type: ignore[no-untyped-def]
    person = make_data.Person
    people = [person("Siti Aminah", "binti Kassim", "malay_indo:malay"),
              person("Lotte", "van der Berg", "west_eu:nl_NL"),
              person("Min-jun", "Park", "korean:gen", family_first=True)]
    changed = total = 0
    for _ in range(100):
        for p in people:
            q = bank.pseudo(p)
            assert q.origin == p.origin.split(":")[0] + ":pseudo"
            assert q.family_first == p.family_first
            before = re.split(r"([\s\-]+)", f"{p.given} {p.surname}")
            after = re.split(r"([\s\-]+)", f"{q.given} {q.surname}")
            assert len(before) == len(after)  # same words, spaces and hyphens
            for b, a in zip(before, after, strict=True):
                if b.lower() in ("binti", "van", "der") or not b.strip(" -"):
                    assert a == b
                else:
                    total += 1
                    changed += a != b
            assert q.call_name == q.given.split()[0]
    assert 0.6 < changed / total < 0.8  # each word is replaced with probability 0.7


def test_word_given_names_are_ordinary_words_of_known_origins(make_data: ModuleType,
                                                              bank) -> None:  # type: ignore[no-untyped-def]
    assert set(make_data.lx.WORD_GIVEN) <= set(bank.weights)
    vocabulary = set(make_data.english_vocabulary(set()))
    english = [w for names in make_data.lx.WORD_GIVEN.values() for w in names
               if w.lower() in vocabulary]
    assert len(english) > 100  # most are English words; the model must read their context
    rng = random.Random(11)
    bank.rng = rng
    origins = [bank.person("train").origin for _ in range(3000)]
    word_share = sum(o.endswith(":word") for o in origins) / len(origins)
    pseudo_share = sum(o.endswith(":pseudo") for o in origins) / len(origins)
    assert 0.025 < word_share < 0.06
    assert 0.06 < pseudo_share < 0.10
