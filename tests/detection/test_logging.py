"""No original reaches a log record, at any level, of chatveil or of the libraries it drives."""

from __future__ import annotations

import logging

import pytest

from chatveil import Guard

TEXT = "Hi, I am Jane Doe. Please call my phone +1 415 555 0132 or mail jane.doe@acme-corp.com."
ORIGINALS = ("Jane", "Doe", "415 555 0132", "jane.doe", "acme-corp")


class _Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def every_record():
    handler = _Everything()
    root = logging.getLogger()
    old = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    loggers = [logging.getLogger(n) for n in ("presidio-analyzer", "decision_process", "chatveil")]
    levels = [log.level for log in loggers]
    for log in loggers:
        log.setLevel(logging.DEBUG)
    try:
        yield handler.records
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
        for log, level in zip(loggers, levels, strict=True):
            log.setLevel(level)


def test_debug_logs_during_detection_hold_no_original(presidio_guard: Guard, every_record) -> None:
    masked = presidio_guard.pseudonymize(TEXT, session_id="logs")
    presidio_guard.restore(masked, session_id="logs")
    presidio_guard.pseudonymize_batch([TEXT, "Jane Doe again"], session_id="logs")
    presidio_guard.find_leaks(TEXT)
    text = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in every_record)
    for original in ORIGINALS:
        assert original not in text
