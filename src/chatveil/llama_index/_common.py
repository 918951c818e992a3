"""Helpers shared by the LlamaIndex adapter: walk text leaves, pseudonymize them in one batch."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from chatveil._guard import Guard

__all__ = ["TextFn", "map_value", "pseudonymize_texts"]

T = TypeVar("T")

#: Maps one text leaf to its replacement (pseudonymized, restored, or unchanged).
TextFn = Callable[[str], str]


def map_value(value: Any, fn: TextFn) -> Any:
    """Apply ``fn`` to every string in a JSON-like value; keys and shape stay the same.

    Any other object is rendered with ``str()`` (which is what a prompt shows) and replaced by
    the mapped string only if mapping changed it, so harmless values keep their type.
    """
    if isinstance(value, str):
        return fn(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {k: map_value(v, fn) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(map_value(v, fn) for v in value)
    rendered = str(value)
    mapped = fn(rendered)
    return value if mapped == rendered else mapped


def pseudonymize_texts(
    guard: Guard, session_id: str, build: Callable[[TextFn], T], *, progress: bool = False
) -> T:
    """Pseudonymize every text leaf that ``build`` visits, running detection in one batch.

    ``build(fn)`` must construct its result by passing each text leaf through ``fn``, in the
    same order every time. It runs twice: once to collect the leaves, once to put the
    pseudonymized leaves in their place.
    """
    texts: list[str] = []

    def collect(text: str) -> str:
        texts.append(text)
        return text

    build(collect)
    masked = iter(guard.pseudonymize_batch(texts, session_id, progress=progress))
    return build(lambda _text: next(masked))
