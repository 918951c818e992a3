"""Walk the text leaves of JSON-like values and of adapters' objects."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from chatveil._guard import Guard

__all__ = ["collect_leaves", "pseudonymize_leaves", "rebuild"]

T = TypeVar("T")


def pseudonymize_leaves(
    guard: Guard, session_id: str, build: Callable[[Callable[[str], str]], T], *,
    progress: bool = False,
) -> T:
    """Pseudonymize every text leaf that ``build`` visits, with one batch for the session.

    Adapters use it for messages, nodes and prompt values: ``build(fn)`` constructs its result
    by passing each text leaf through ``fn`` in the same order every time. It runs twice: once
    to collect the leaves, once to put the pseudonymized leaves in their place.
    """
    texts: list[str] = []

    def collect(text: str) -> str:
        texts.append(text)
        return text

    build(collect)
    masked = iter(guard.pseudonymize_batch(texts, session_id, progress=progress))
    return build(lambda _text: next(masked))



def collect_leaves(obj: Any, out: list[str]) -> None:
    if isinstance(obj, str):
        out.append(obj)
    elif isinstance(obj, Mapping):
        for v in obj.values():
            collect_leaves(v, out)
    elif isinstance(obj, list | tuple):
        for v in obj:
            collect_leaves(v, out)
    elif obj is None or isinstance(obj, bool | int | float):
        return
    else:
        raise TypeError(
            f"records may hold dicts, lists, tuples, strings, numbers, booleans and None; "
            f"got {type(obj).__name__}"
        )


def rebuild(obj: Any, values: Iterator[str]) -> Any:
    if isinstance(obj, str):
        return next(values)
    if isinstance(obj, Mapping):
        return {k: rebuild(v, values) for k, v in obj.items()}
    if isinstance(obj, tuple):
        return tuple(rebuild(v, values) for v in obj)
    if isinstance(obj, list):
        return [rebuild(v, values) for v in obj]
    return obj
