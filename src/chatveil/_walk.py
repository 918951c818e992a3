"""The one leaf walker: records, prompt variables, tool arguments, node metadata, messages.

:func:`map_leaves` applies a text function (pseudonymize, restore, or collect) to every string
in a value and rebuilds only what changed, so an untouched value comes back as the same object.
What it does with each kind of value is decided here, once, for every entry point:

- strings: mapped (``str`` subclasses are passed on as plain ``str``);
- ``None``, booleans, numbers, dates and times, UUIDs, decimals, enum members: kept (they
  carry no free text);
- mappings (keys kept, values walked), lists, tuples (named tuples too), sets;
- pydantic models and dataclass instances: their fields are walked, a copy holds the changes;
- an adapter's own types (LangChain messages, LlamaIndex blocks) through ``special``;
- anything else: when masking, :class:`~chatveil.errors.UnsupportedContentError` (it might
  carry personal data chatveil cannot see, so nothing is sent); when restoring, kept.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from chatveil.errors import UnsupportedContentError

if TYPE_CHECKING:
    from chatveil._guard import Guard

__all__ = ["UNHANDLED", "TextFn", "map_leaves", "map_text", "pseudonymize_leaves"]

#: Maps one text leaf to its replacement (pseudonymized, restored, or unchanged).
TextFn = Callable[[str], str]
T = TypeVar("T")

_SCALARS = (
    bool, int, float, complex, decimal.Decimal, datetime.date, datetime.time,
    datetime.timedelta, uuid.UUID, enum.Enum,
)


class _Unhandled:
    def __repr__(self) -> str:
        return "UNHANDLED"


#: What a ``special`` hook returns for values it leaves to the walker.
UNHANDLED: Any = _Unhandled()


def map_text(value: str, fn: TextFn) -> str:
    """``fn(value)`` for one text; ``value`` itself (same object) if nothing changed."""
    if type(value) is not str:  # str subclasses (e.g. a message's `.text`) trip up spaCy
        value = str.__str__(value)
    out = fn(value)
    return value if out == value else out


def map_leaves(
    value: Any,
    fn: TextFn,
    *,
    masking: bool,
    special: Callable[[Any], Any] | None = None,
) -> Any:
    """Apply ``fn`` to every text leaf of ``value`` (see the module docstring for the rules).

    Args:
        value: the value to walk.
        fn: maps one text leaf.
        masking: the walk feeds a model (unknown values raise) rather than restores (kept).
        special: an adapter's hook for its own types (it may call :func:`map_leaves` for
            their parts); returns :data:`UNHANDLED` for any other value.

    Raises:
        UnsupportedContentError: masking, and a value of a kind listed nowhere above.
    """
    if isinstance(value, str):
        return map_text(value, fn)
    if value is None or isinstance(value, _SCALARS):
        return value
    if special is not None:
        out = special(value)
        if out is not UNHANDLED:
            return out

    def walk(item: Any) -> Any:
        return map_leaves(item, fn, masking=masking, special=special)

    if isinstance(value, Mapping):
        new = {k: walk(v) for k, v in value.items()}
        return value if all(new[k] is v for k, v in value.items()) else new
    if isinstance(value, list):
        items = [walk(v) for v in value]
        return value if _same(value, items) else items
    if isinstance(value, tuple):
        items = [walk(v) for v in value]
        if _same(value, items):
            return value
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, set | frozenset):
        members = list(value)
        items = [walk(v) for v in members]
        return value if _same(members, items) else type(value)(items)
    if _is_pydantic(value):
        update = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new_value = walk(old)
            if new_value is not old:
                update[name] = new_value
        return value.model_copy(update=update) if update else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new_value = walk(old)
            if new_value is not old:
                changes[f.name] = new_value
        return dataclasses.replace(value, **changes) if changes else value
    if masking:
        raise UnsupportedContentError(
            f"cannot pseudonymize a {type(value).__name__}; records may hold strings, numbers, "
            f"booleans, None, dicts, lists, tuples, dataclasses and pydantic models"
        )
    return value


def _same(old: Any, new: list[Any]) -> bool:
    return all(a is b for a, b in zip(old, new, strict=True))


def _is_pydantic(value: Any) -> bool:
    return hasattr(type(value), "model_fields") and hasattr(value, "model_copy")


def pseudonymize_leaves(
    guard: Guard, session_id: str, build: Callable[[TextFn], T], *, progress: bool = False,
    model_only: bool = False, documents: bool = False,
) -> T:
    """Pseudonymize every text leaf that ``build`` visits, with one batch for the session.

    Adapters use it for messages, nodes and prompt values: ``build(fn)`` constructs its result
    by passing each text leaf through ``fn`` in the same order every time. It runs twice: once
    to collect the leaves (so NER runs once, in batches, over the texts new to the session),
    once to put the pseudonymized leaves in their place.

    ``model_only``: the result goes to the model only, never back to the application (so it
    is not remembered as a handed-out masked text, see :class:`~chatveil.pseudonymize.HandedOut`).
    ``documents``: the texts are documents to be stored (see ``Guard.pseudonymize``).
    """
    texts: list[str] = []

    def collect(text: str) -> str:
        texts.append(text)
        return text

    build(collect)
    masked = iter(guard._pseudonymize_texts(texts, session_id, progress=progress,
                                            hand_out=not model_only, documents=documents))
    return build(lambda _text: next(masked))
