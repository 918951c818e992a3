"""Fail closed, written once: any error during detection becomes a DetectionError."""

from __future__ import annotations

import logging

from chatveil.errors import ConfigurationError, DetectionError, MissingDependencyError

__all__ = ["OWN_ERRORS", "detection_failure"]

logger = logging.getLogger("chatveil")

#: chatveil's own errors pass through; anything else becomes a DetectionError.
OWN_ERRORS = (DetectionError, MissingDependencyError, ConfigurationError)


def detection_failure(exc: Exception) -> DetectionError:
    """A DetectionError naming only the cause's type (its message may quote the text)."""
    logger.warning("chatveil detection failed: %s", type(exc).__name__)
    return DetectionError(f"detection failed ({type(exc).__name__}); nothing was pseudonymized")
