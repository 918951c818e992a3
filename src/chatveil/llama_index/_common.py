"""Helpers shared by the LlamaIndex adapter: walk the text leaves of JSON-like values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["TextFn", "map_value"]

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
