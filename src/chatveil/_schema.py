"""The human-written text of tool definitions and JSON schemas, for both adapters.

A tool definition reaches the model as JSON: a name, a description, and a JSON schema for its
arguments. The same walk serves every provider's dict format (OpenAI ``{"type": "function",
"function": {...}}``, Anthropic ``{"name", "description", "input_schema"}``, Bedrock
``{"toolSpec": {...}}``, response formats...) because it looks at keys, not at layouts:

- the string value of a free-text key (:data:`TEXT_KEYS`: ``description``, ``title``,
  ``$comment``) is mapped, except a ``title`` that is one identifier (``Lookup``) or only
  spells its property's name (``"Reply To"`` for ``reply_to``): such titles say no more than
  the names, which must stay, and NER misreads lone capitalised words;
- every string leaf under a value key (:data:`VALUE_KEYS`: ``enum``, ``const``, ``examples``,
  ``example``, ``default``, ``input_examples``) is mapped; object keys inside stay;
- under a key that maps names to schemas (:data:`NAME_KEYS`: ``properties``, ``$defs``...),
  the names stay and each schema is walked;
- every other string stays as it is: tool and property names, types, formats, patterns,
  ``required`` lists, ``$ref`` and ``tool_choice`` (they must, or arguments stop validating
  and tool calls stop matching their tools).

The walk calls ``fn`` on the mapped strings in the same order every time, so it can run once
to collect them and once to put their pseudonymized versions in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from chatveil._guard import Guard

T = TypeVar("T")

__all__ = [
    "NAME_KEYS",
    "TEXT_KEYS",
    "VALUE_KEYS",
    "NotJSONError",
    "is_json_like",
    "map_schema",
    "pseudonymize_unique",
]

TextFn = Callable[[str], str]

#: Keys whose string value is free text written by people.
TEXT_KEYS = frozenset({"description", "title", "$comment"})
#: Keys whose value is data (enum members, examples, defaults): every string leaf is mapped.
VALUE_KEYS = frozenset({"enum", "const", "examples", "example", "default", "input_examples"})
#: Keys mapping names (kept) to schemas (walked).
NAME_KEYS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)


class NotJSONError(TypeError):
    """A definition holds an object that is not JSON (so its text cannot be rewritten)."""


_IDENTIFIER = re.compile(r"[\w.-]+")
_SEPARATORS = re.compile(r"[\s_-]+")


def map_schema(value: Any, fn: TextFn, *, _name: str | None = None) -> Any:
    """A copy of a tool definition or JSON schema with its human-written strings mapped.

    Args:
        value: a JSON-like value (dicts, lists, strings, numbers, booleans, None).
        fn: applied to every description, free-text title, enum member, example and
            default string, in the same order on every run.

    Raises:
        NotJSONError: ``value`` holds another kind of object.
    """
    if isinstance(value, Mapping):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            if key in TEXT_KEYS and isinstance(item, str):
                out[key] = item if key == "title" and _names_only(item, _name) else fn(item)
            elif key in VALUE_KEYS:
                out[key] = _map_leaves(item, fn)
                if key == "enum" and isinstance(out[key], list):
                    out[key] = _unique(out[key])
            elif key in NAME_KEYS and isinstance(item, Mapping):
                out[key] = {
                    name: map_schema(schema, fn, _name=str(name)) for name, schema in item.items()
                }
            else:
                out[key] = map_schema(item, fn)
        return out
    if isinstance(value, list | tuple):
        return type(value)(map_schema(item, fn) for item in value)
    if value is None or isinstance(value, str | bool | int | float):
        return value
    raise NotJSONError(type(value).__name__)


def _names_only(title: str, name: str | None) -> bool:
    """A title that is one identifier, or its property's name spelt out (``Reply To``)."""
    if _IDENTIFIER.fullmatch(title):
        return True
    return name is not None and _squash(title) == _squash(name)


def _squash(text: str) -> str:
    return _SEPARATORS.sub("", text).casefold()


def _map_leaves(value: Any, fn: TextFn) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, Mapping):
        return {key: _map_leaves(item, fn) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_map_leaves(item, fn) for item in value)
    if value is None or isinstance(value, bool | int | float):
        return value
    raise NotJSONError(type(value).__name__)


def _unique(members: list[Any]) -> list[Any]:
    """Enum members without repeats (two spellings of one original share a surrogate)."""
    out: list[Any] = []
    for member in members:
        if not any(member == seen and type(member) is type(seen) for seen in out):
            out.append(member)
    return out


def is_json_like(value: Any) -> bool:
    """True if ``value`` holds only dicts, lists, tuples, strings, numbers, booleans and None."""
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and is_json_like(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(is_json_like(v) for v in value)
    return False


def pseudonymize_unique(guard: Guard, session_id: str, build: Callable[[TextFn], T]) -> T:
    """Pseudonymize every text ``build`` visits, each distinct text once, into one session.

    Tool definitions repeat themselves (the same parameter description or enum in many tools,
    the same tools every turn), so distinct texts go through the guard once per call.
    ``build(fn)`` must visit the same texts in the same order every time.
    """
    texts: list[str] = []

    def collect(text: str) -> str:
        texts.append(text)
        return text

    build(collect)
    unique = list(dict.fromkeys(texts))
    masked = dict(zip(unique, guard.pseudonymize_batch(unique, session_id), strict=True))
    return build(lambda text: masked[text])
