"""Detection: find spans of personal data in text. Knows nothing about surrogates."""

from __future__ import annotations

from chatveil.detect._presidio import Detector

__all__ = ["Detector"]
