"""The world evaluation set (data/eval/world) and the leak metric of benchmarks/world_eval.py."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORLD = ROOT / "data" / "eval" / "world"
TYPES = {"PERSON", "LOCATION", "STREET_ADDRESS"}
MIN_NAMES_PER_ORIGIN = 10
MIN_ORIGINS = 20


def _module(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


world_eval = _module("world_eval", ROOT / "benchmarks" / "world_eval.py")
generate = _module("world_generate", WORLD / "generate.py")


@cache
def _records(split: str) -> tuple[dict, ...]:
    with open(world_eval.FILES[split], encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def _name_keys(value: str) -> set[str]:
    return {k for _, _, k in world_eval.words(value)} - world_eval.PARTICLES


# ---------------------------------------------------------------------------- the data
@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_every_span_offset_matches_its_value(split: str) -> None:
    bad = []
    for rec in _records(split):
        text = rec["text"]
        for span in rec["spans"]:
            start, end = span["start"], span["end"]
            if not (0 <= start < end <= len(text)) or text[start:end] != span["value"]:
                bad.append((rec["id"], start, end))
            assert span["type"] in TYPES
    assert not bad, f"{len(bad)} span(s) whose offsets do not match their value: {bad[:5]}"


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_records_have_the_documented_fields(split: str) -> None:
    for rec in _records(split):
        assert rec["split"] == split
        assert rec["casing"] in {"original", "lower", "upper"}
        assert {
            "id",
            "text",
            "spans",
            "origin",
            "form",
            "context",
            "template_id",
            "traps",
            "pii_free",
        } <= rec.keys()
        if rec["pii_free"]:
            assert rec["spans"] == [] and rec["traps"], rec["id"]
            assert len(rec["trap_kinds"]) == len(rec["traps"])
            assert all(p in rec["text"] for p in rec["traps"])
        else:
            assert rec["spans"] and rec["traps"] == [], rec["id"]
            assert any(s["type"] == "PERSON" for s in rec["spans"]) or rec["form"] == "none"
    assert len({r["id"] for r in _records(split)}) == len(_records(split))


@pytest.mark.parametrize(
    ("split", "pii", "traps"), [("dev", (1500, 2500), 150), ("heldout", (600, 1000), 60)]
)
def test_sizes(split: str, pii: tuple[int, int], traps: int) -> None:
    records = _records(split)
    n_free = sum(r["pii_free"] for r in records)
    assert pii[0] <= len(records) - n_free <= pii[1]
    assert n_free >= traps


def test_every_origin_has_names_in_both_splits() -> None:
    per_split = {}
    for split in ("dev", "heldout"):
        names = defaultdict(set)
        for rec in _records(split):
            for span in rec["spans"]:
                if span["type"] == "PERSON":
                    names[span["origin"]].add(world_eval.key(span["value"]))
        per_split[split] = names
    origins = set(generate.ORIGINS)
    assert len(origins) >= MIN_ORIGINS
    for split, names in per_split.items():
        assert set(names) == origins, f"{split}: origins without names {origins - set(names)}"
        thin = {o: len(v) for o, v in names.items() if len(v) < MIN_NAMES_PER_ORIGIN}
        assert not thin, f"{split}: origins with < {MIN_NAMES_PER_ORIGIN} names: {thin}"


def test_every_form_casing_and_context_occurs_in_both_splits() -> None:
    seen = {}
    for split in ("dev", "heldout"):
        spans = [s for r in _records(split) for s in r["spans"] if s["type"] == "PERSON"]
        seen[split] = (
            {s["form"] for s in spans},
            {s["casing"] for s in spans},
            {r["context"] for r in _records(split)},
        )
    assert seen["dev"][1] == seen["heldout"][1] == {"original", "lower", "upper"}
    assert {
        "full",
        "given",
        "surname",
        "surname_comma_given",
        "initials",
        "nickname",
        "three_part",
        "family_first",
        "particle",
        "hyphenated",
    } <= seen["heldout"][0]
    assert seen["dev"][2] == seen["heldout"][2]


def test_dev_and_heldout_share_no_template() -> None:
    dev = {r["template_id"] for r in _records("dev")}
    held = {r["template_id"] for r in _records("heldout")}
    assert dev and held and not dev & held
    assert {t for t in held if t.startswith("trap")}, "held-out part has trap templates"


def test_dev_and_heldout_share_no_name_token() -> None:
    tokens = {}
    for split in ("dev", "heldout"):
        tokens[split] = set().union(
            *(
                _name_keys(s["value"])
                for r in _records(split)
                for s in r["spans"]
                if s["type"] == "PERSON"
            )
        )
    shared = tokens["dev"] & tokens["heldout"]
    assert not shared, f"name tokens in both parts: {sorted(shared)[:20]}"


def test_dev_and_heldout_share_no_city() -> None:
    cities = {
        split: {
            s["value"].casefold()
            for r in _records(split)
            for s in r["spans"]
            if s.get("kind") == "cities"
        }
        for split in ("dev", "heldout")
    }
    folded = {k: {generate.fold(v) for v in vals} for k, vals in cities.items()}
    assert not folded["dev"] & folded["heldout"]


def test_every_labelled_value_is_scorable() -> None:
    """The generator keeps every labelled word out of the rest of the message."""
    for split in ("dev", "heldout"):
        for rec in _records(split):
            outside = world_eval.outside_keys(rec["text"], rec["spans"])
            for span in rec["spans"]:
                assert world_eval.scored_words(span, outside), (rec["id"], span["value"])


def test_generation_is_deterministic_and_equals_the_committed_files() -> None:
    first, second = generate.generate(), generate.generate()
    assert first == second
    for split, records in first.items():
        committed = (WORLD / generate.FILES[split]).read_text(encoding="utf-8")
        assert generate.dumps(records) == committed, (
            f"{generate.FILES[split]} is stale: run python data/eval/world/generate.py"
        )


def test_metric_word_lists_match_the_generator() -> None:
    assert world_eval.PARTICLES == generate.PARTICLES
    assert world_eval.GENERIC_PLACE_WORDS == generate.GENERIC_PLACE_WORDS
    for word in ("Łódź", "NGUYỄN", "Søren", "Yılmaz"):
        assert world_eval.key(word) == generate.norm(word)


def test_sources_say_where_the_names_come_from() -> None:
    text = (WORLD / "README.md").read_text(encoding="utf-8")
    assert "not from Faker" in text
    assert "MIT" in text
    assert "never used for tuning" in text


# ---------------------------------------------------------------------------- the metric
def _record(text: str, *values: tuple[str, str]) -> dict:
    spans, pos = [], 0
    for type_, value in values:
        start = text.index(value, pos)
        spans.append({"start": start, "end": start + len(value), "type": type_, "value": value})
        pos = start + len(value)
    return {"text": text, "spans": spans, "pii_free": False}


def _leak(record: dict, output: str) -> world_eval.ValueResult:
    (res,) = world_eval.score_values(record, output)
    return res


def test_full_leak() -> None:
    rec = _record("please call Ankit Sharma today", ("PERSON", "Ankit Sharma"))
    res = _leak(rec, "please call Ankit Sharma today")
    assert res.scored and res.leaked and res.full
    assert res.leaked_words == ("ankit", "sharma")


def test_partial_leak_counts_as_a_leak_but_not_a_full_leak() -> None:
    rec = _record("please call Ankit Sharma today", ("PERSON", "Ankit Sharma"))
    res = _leak(rec, "please call Jacob Sharma today")
    assert res.leaked and not res.full and res.leaked_words == ("sharma",)


def test_clean_case() -> None:
    rec = _record("please call Ankit Sharma today", ("PERSON", "Ankit Sharma"))
    res = _leak(rec, "please call Jacob Miller today")
    assert res.scored and not res.leaked and not res.full


def test_word_also_outside_the_spans_is_not_counted() -> None:
    rec = _record("Will Carter said he will call", ("PERSON", "Will Carter"))
    assert not _leak(rec, "Jake Moore said he will call").leaked
    res = _leak(rec, "Jake Carter said he will call")
    assert res.leaked and res.leaked_words == ("carter",)
    only_outside = _record("Will said he will call", ("PERSON", "Will"))
    assert not _leak(only_outside, "Will said he will call").scored


def test_case_and_diacritics_do_not_hide_a_leak() -> None:
    rec = _record("Łukasz Wójcik is late", ("PERSON", "Łukasz Wójcik"))
    assert _leak(rec, "LUKASZ Kowalski is late").leaked_words == ("lukasz",)
    assert _leak(rec, "łukasz wójcik is late").full


def test_words_inside_longer_words_and_particles_do_not_leak() -> None:
    rec = _record(
        "ask Li Wei or Sanne van der Berg", ("PERSON", "Li Wei"), ("PERSON", "Sanne van der Berg")
    )
    li, sanne = world_eval.score_values(rec, "ask Lisa Weiss or Lotte van der Meer")
    assert not li.leaked and not sanne.leaked
    li, sanne = world_eval.score_values(rec, "ask Li's team or Lotte van der Berg")
    assert li.leaked and sanne.leaked and sanne.leaked_words == ("berg",)


def test_generic_place_words_do_not_leak() -> None:
    rec = _record(
        "ship to 14 Mill Lane, Leeds LS2 7AB", ("STREET_ADDRESS", "14 Mill Lane, Leeds LS2 7AB")
    )
    res = _leak(rec, "ship to 9 Oak Lane, Bristol BS1 4DJ")
    assert res.scored and not res.leaked
    assert _leak(rec, "ship to 9 Oak Lane, Leeds BS1 4DJ").leaked_words == ("leeds",)


def test_over_masking_of_a_pii_free_message() -> None:
    rec = {
        "text": "Use Django with Kafka",
        "spans": [],
        "pii_free": True,
        "traps": ["Django", "Kafka"],
        "trap_kinds": ["product", "product"],
    }
    res = world_eval.score_pii_free(rec, "Use Robert with Kafka")
    assert (res.words, res.unchanged_words) == (4, 3)
    assert res.unchanged == (False, True) and not res.untouched
    assert world_eval.score_pii_free(rec, rec["text"]).untouched
    assert not world_eval.phrase_present("Kafka", "Use Kafkaesque")


def test_tally_slices_values_by_origin_casing_and_form() -> None:
    rec = _record("hi Ankit Sharma from Pune", ("PERSON", "Ankit Sharma"), ("LOCATION", "Pune"))
    rec.update(origin="india_north", casing="original", form="full", context="intro")
    rec["spans"][0].update(origin="india_north", casing="original", form="full")
    rec["spans"][1].update(origin="india_west", casing="original")
    tally = world_eval.Tally()
    world_eval.add_values(tally, rec, world_eval.score_values(rec, "hi Jake Sharma from X"))
    assert tally.leaks[("PERSON", "total", "")].hit == 1
    assert tally.leaks[("PERSON", "origin", "india_north")].rate == 1.0
    assert tally.leaks[("PERSON", "form", "full")].n == 1
    assert tally.leaks[("LOCATION", "origin", "india_west")].rate == 0.0
    assert tally.full[("PERSON", "total", "")].hit == 0


def test_show_errors_is_refused_for_the_heldout_split(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        world_eval.main(["--split", "heldout", "--show-errors", "3"])
    assert exc.value.code == 2
    assert "heldout" in capsys.readouterr().err


# ---------------------------------------------------------------------------- end to end
@pytest.mark.slow
def test_chatveil_end_to_end_on_a_dev_sample() -> None:
    dev = _records("dev")
    sample = [r for r in dev if not r["pii_free"]][:30] + [r for r in dev if r["pii_free"]][:8]
    run = world_eval.chatveil_system()
    tally = world_eval.evaluate(sample, run, "chatveil", "dev", keep_errors=2)
    persons = sum(s["type"] == "PERSON" for r in sample for s in r["spans"])
    total = tally.leaks[("PERSON", "total", "")]
    assert total.n == persons > 0
    assert 0 <= total.hit <= total.n
    assert tally.full[("PERSON", "total", "")].hit <= total.hit  # a full leak is a leak
    by_origin = sum(r.n for (t, f, _), r in tally.leaks.items() if t == "PERSON" and f == "origin")
    assert by_origin == persons
    assert tally.words.n > 0 and 0 <= tally.words.hit <= tally.words.n
    assert tally.phrases["total"].n == sum(len(r["traps"]) for r in sample)
    lines, out = world_eval.report_split("dev", sample, {"chatveil": tally, "presidio": None})
    assert "### PERSON leak by origin" in lines
    assert out["systems"]["chatveil"]["leaks"]["PERSON"]["total"]["total"]["n"] == persons
    # The same sample passed through unchanged leaks every value: the counting is not vacuous.
    same = world_eval.evaluate(sample, lambda text, _sid: (text, [], None), "identity", "dev")
    assert same.leaks[("PERSON", "total", "")].hit == persons
    assert same.phrases["total"].rate == 1.0


def test_the_probe_fills_dev_templates_with_outside_names() -> None:
    probe = _module("world_probe", ROOT / "benchmarks" / "world_probe.py")
    before = json.dumps(probe.world.ORIGINS["pakistani"], sort_keys=True)
    names = {"f": ["Zorbina", "Quellari"], "m": ["Tavrondo", "Mexulan"],
             "surnames": ["Vandrigost", "Pellunor"]}
    records = probe.probe_records(names, "pakistani", values=30)
    outside = {w.casefold() for group in names.values() for w in group}
    found = [s for r in records for s in r["spans"]
             if s["type"] == "PERSON" and s["origin"] == "pakistani"]
    assert len(found) >= 30
    for span in found:
        assert span["value"] == next(r["text"] for r in records if span in r["spans"])[
            span["start"]:span["end"]]
    words = {w.casefold().strip(".,") for s in found for w in s["value"].split()}
    assert words & outside and not words & {"ayesha", "qureshi", "usman"}
    assert json.dumps(probe.world.ORIGINS["pakistani"], sort_keys=True) == before  # restored


def test_the_probe_renders_its_own_templates_in_two_fixed_halves() -> None:
    probe = _module("world_probe", ROOT / "benchmarks" / "world_probe.py")
    path = ROOT / "benchmarks" / "probe_templates.txt"
    tune = probe.world.probe_templates(path, "tune")
    held = probe.world.probe_templates(path, "held")
    every = probe.world.probe_templates(path, None)
    assert {t.id for t in tune} | {t.id for t in held} == {t.id for t in every}
    assert not {t.id for t in tune} & {t.id for t in held}
    assert len(tune) >= 20 and len(held) >= 20
    dev_ids = {t.id for t in probe.world.parse_templates()}
    assert not dev_ids & {t.id for t in every}  # none of the world set's own templates
    records = probe.probe_records({}, "korean", values=40, templates=held)
    texts = {t.text.split("{")[0] for t in held}
    assert all(any(r["text"].lower().startswith(p.lower()) for p in texts) for r in records)
    found = [s for r in records for s in r["spans"]
             if s["type"] == "PERSON" and s["origin"] == "korean"]
    assert len(found) >= 40
    for record in records:
        for span in record["spans"]:
            assert record["text"][span["start"]:span["end"]] == span["value"]


def test_the_probe_prints_the_words_left_only_when_errors_may_be_read() -> None:
    probe = _module("world_probe", ROOT / "benchmarks" / "world_probe.py")
    total, leaked = Counter({"lower": 4, "original": 6}), Counter({"lower": 1})
    words = Counter({"zorbina": 1})
    held = probe.origin_report("korean, names in x (held)", total, leaked, words,
                               show_words=False)
    assert held == ["korean, names in x (held): 1 of 10 leaked (10.0 %)",
                    "  lower: 1 of 4", "  original: 0 of 6"]
    shown = probe.origin_report("t", total, leaked, words, show_words=True)
    assert shown[-1] == "  words left: zorbina (1)"


def test_the_probe_scores_plain_presidio_with_system_presidio(monkeypatch, capsys) -> None:
    probe = _module("world_probe", ROOT / "benchmarks" / "world_probe.py")
    calls = []

    def keeps_everything() -> object:  # a Presidio that finds nothing: every name is left
        def run(text: str, _session: str) -> tuple[str, list, str]:
            calls.append(text)
            return text, [], text
        return run

    def chatveil_refused(*_args: object) -> object:
        raise AssertionError("--system presidio must not build chatveil")

    monkeypatch.setattr(world_eval, "presidio_system", keeps_everything)  # what main imports
    monkeypatch.setattr(world_eval, "chatveil_system", chatveil_refused)
    path = ROOT / "benchmarks" / "probe_templates.txt"
    assert probe.main(["--templates", str(path), "--template-half", "tune", "--origin",
                       "korean", "--values", "12", "--system", "presidio"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    n = int(head.split(": ")[1].split(" of ")[0])
    assert calls and n >= 12 and head.endswith(f"{n} of {n} leaked (100.0 %)")
