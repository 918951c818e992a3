"""The public API: names, version, typing marker."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import chatveil
from chatveil import strategies
from chatveil.config import STRATEGIES

#: Changing this list changes the public API: do it on purpose.
PUBLIC = [
    "DEFAULT_ENTITIES",
    "KEEP_VERBATIM_INSTRUCTION",
    "STRATEGIES",
    "ChatveilError",
    "ConfigurationError",
    "DetectionCache",
    "DetectionError",
    "Entry",
    "Guard",
    "GuardConfig",
    "MemoryDetectionCache",
    "MemoryVaultStore",
    "MissingDependencyError",
    "NoSessionError",
    "PIILeakError",
    "Span",
    "StoreUnavailableError",
    "StreamRestorer",
    "SurrogateCollisionError",
    "Tally",
    "UnknownSessionError",
    "UnrestoredSurrogateError",
    "UnsupportedContentError",
    "Vault",
    "VaultCryptoError",
    "VaultData",
    "VaultStore",
    "__version__",
    "current_session",
    "guarded",
]


def test_public_names_are_pinned() -> None:
    assert chatveil.__all__ == PUBLIC
    for name in PUBLIC:
        assert hasattr(chatveil, name), name


def test_private_modules_stay_private() -> None:
    exported = {getattr(chatveil, n).__module__ for n in PUBLIC
                if hasattr(getattr(chatveil, n), "__module__")}
    assert all(m.startswith("chatveil") for m in exported)
    assert not [n for n in PUBLIC if n.startswith("_") and n != "__version__"]


def test_version_is_written_once() -> None:
    assert chatveil.__version__ == importlib.metadata.version("chatveil")
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert chatveil.__version__ not in pyproject  # read from chatveil/_version.py


def test_typed_marker_is_shipped() -> None:
    assert (Path(chatveil.__file__).parent / "py.typed").is_file()


def test_every_configurable_strategy_is_in_the_registry() -> None:
    assert set(strategies.REGISTRY) == set(STRATEGIES)
    for name, strategy in strategies.REGISTRY.items():
        assert strategy.name == name and isinstance(strategy, strategies.Strategy)
