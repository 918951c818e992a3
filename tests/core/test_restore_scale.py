"""Sessions with thousands of values: no collision error, exact round trips, linear indexes.

Speed is measured by ``benchmarks/bench_restore.py`` (restore of a 1 MB answer with 10,000
entries, 100,000 values in one session), not asserted here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

from chatveil import Guard, GuardConfig
from chatveil.index import LiteralIndex
from chatveil.spans import Span
from chatveil.strategies import FakerStrategy
from fakes import SECRET, fake_guard


class ListedDetector:
    """Returns the spans a test listed for each text (values of any type, no NER)."""

    def __init__(self) -> None:
        self.spans: dict[str, list[Span]] = {}

    def warm_up(self) -> None:
        return None

    def detect(self, text: str) -> list[Span]:
        return self.spans[text]

    def detect_many(self, texts: Sequence[str], *, batch_size: int = 32,
                    progress: Any = None) -> list[list[Span]]:
        return [self.spans[t] for t in texts]


def test_a_text_with_ten_thousand_phone_numbers_round_trips() -> None:
    rng = random.Random(3)
    phones = sorted({f"+1 {rng.randint(200, 999)} {rng.randint(200, 999)} "
                     f"{rng.randint(1000, 9999)}" for _ in range(10_400)})[:10_000]
    text = "\n".join(f"Call {p} today." for p in phones)
    guard = fake_guard()
    masked = guard.pseudonymize(text, session_id="s")
    entries = guard.vault("s").entries
    assert len(entries) == 10_000
    assert len({e.surrogate for e in entries}) == 10_000
    assert not set(phones) & set(re.findall(r"\+1 \d{3} \d{3} \d{4}", masked))
    assert guard.restore(masked, session_id="s") == text
    stream = guard.stream_restorer(session_id="s")
    head = masked[:20_000]
    assert "".join(stream.feed(head[i:i + 7]) for i in range(0, len(head), 7)) + stream.flush() \
        == guard.restore(head, session_id="s")


def test_the_surrogate_space_grows_past_its_first_layout() -> None:
    # faker gives other types <LABEL_dddd>: 9,000 four-digit numbers, fewer than the values
    detector = ListedDetector()
    guard = Guard(GuardConfig(secret_key=SECRET), detector=detector)
    values = [f"TCK-{i:06d}" for i in range(10_000)]
    for start in range(0, len(values), 2_000):
        chunk = values[start:start + 2_000]
        text = " ".join(chunk)
        spans, pos = [], 0
        for value in chunk:
            spans.append(Span(pos, pos + len(value), "TICKET", 1.0))
            pos += len(value) + 1
        detector.spans[text] = spans
        masked = guard.pseudonymize(text, session_id="t")
        assert guard.restore(masked, session_id="t") == text
    surrogates = [e.surrogate for e in guard.vault("t").entries]
    assert len(set(surrogates)) == 10_000
    assert any(len(re.sub(r"\D", "", s)) > 4 for s in surrogates)  # wider numbers were needed


def test_crowded_attempts_widen_every_free_text_fake() -> None:
    faker = FakerStrategy()
    key = b"k" * 32
    numbers = {int(re.search(r"(\d+)@", faker.fake(key, "EMAIL_ADDRESS", f"u{i}@x.io", 40)[0])
                   .group(1)) for i in range(50)}
    assert max(numbers) > 99  # the first attempts stay in 1..99
    years = {int(faker.fake(key, "DATE_TIME", f"d{i}", 60)[0][:4]) for i in range(50)}
    assert min(years) < 1970 or max(years) > 2030
    phone = faker.fake(key, "PHONE_NUMBER", "+1 415 555 0132", 63)[0]
    assert len(re.sub(r"\D", "", phone)) > 11 and phone.startswith("+1 ")
    assert faker.fake(key, "PHONE_NUMBER", "+1 415 555 0132", 3)[0].count(" ") == 3


def test_literal_index_work_per_word_is_bounded_by_layouts_not_values() -> None:
    index: LiteralIndex[int] = LiteralIndex()
    for i in range(5_000):  # every value starts with the word "1"
        index.add(f"+1 {200 + i % 800} {i:04d} 55{i % 10}", i)
    shapes = index._by_word["1"]
    assert len(shapes) == 1 and len(next(iter(shapes.values()))) == 5_000
    text = " ".join(f"+1 {200 + i % 800} {i:04d} 55{i % 10}" for i in range(0, 5_000, 7))
    assert [p for _, _, p in index.finditer(text)] == list(range(0, 5_000, 7))
    assert index.could_start("+1 20") and not index.could_start("+1 20x")
