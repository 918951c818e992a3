"""Tool definitions and response formats of a LangChain model call, pseudonymized per call.

Tools are bound once (``bind_tools``, ``with_structured_output``, an agent's model node) and
used in many calls, each in its own session, so their text can only be pseudonymized when a
call runs. What the wrapped model's ``bind_tools`` produced is kept on the guarded binding as
call keyword arguments; each call masks the human-written strings in them (see
:mod:`chatveil._schema`) into its own session before the wrapped model sees them.

When the wrapped model formats tools into objects that are not plain JSON (so their text
cannot be rewritten), the guarded binding keeps provider-neutral OpenAI tool schemas instead
(``convert_to_openai_tool``) under :data:`REBIND`, and each call binds the masked schemas to
the wrapped model again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from chatveil._schema import NotJSONError, is_json_like, map_schema
from chatveil.langchain._content import UnsupportedContentError

__all__ = ["DEFINITION_KWARGS", "REBIND", "definition_texts", "has_definitions", "mask_definitions"]

TextFn = Callable[[str], str]

#: Call keyword arguments that carry tool definitions or output schemas to the provider.
DEFINITION_KWARGS = (
    "tools",
    "functions",
    "response_format",
    "output_format",
    "output_config",
    "text",
    "format",
)
#: Keyword argument of a guarded binding whose tools are bound to the wrapped model per call:
#: ``{"tools": [OpenAI tool schemas...], "kwargs": {other bind_tools arguments}}``.
REBIND = "chatveil_tools"


def has_definitions(kwargs: Mapping[str, Any]) -> bool:
    """Whether call keyword arguments carry anything :func:`mask_definitions` rewrites."""
    return REBIND in kwargs or any(key in kwargs for key in DEFINITION_KWARGS)


def mask_definitions(kwargs: Mapping[str, Any], fn: TextFn) -> dict[str, Any]:
    """A copy of call keyword arguments with the text of their definitions mapped by ``fn``.

    Raises:
        UnsupportedContentError: a definition is an object whose text cannot be rewritten
            (a pydantic class with personal data in its descriptions, an unknown object).
    """
    out = dict(kwargs)
    for key in DEFINITION_KWARGS:
        if key in out:
            out[key] = _definition(out[key], fn, key)
    spec = out.get(REBIND)
    if spec is not None:
        out[REBIND] = {
            "tools": [_definition(tool, fn, "tools") for tool in spec["tools"]],
            "kwargs": mask_definitions(spec["kwargs"], fn),
        }
    return out


def _definition(value: Any, fn: TextFn, key: str) -> Any:
    try:
        return map_schema(value, fn)
    except NotJSONError:
        pass  # objects somewhere inside: each item on its own
    if isinstance(value, list | tuple):
        return type(value)(_definition(item, fn, key) for item in value)
    if isinstance(value, BaseModel):
        dumped = value.model_dump(mode="json", exclude_unset=True)
        masked = map_schema(dumped, fn)
        if masked == dumped:
            return value
        try:
            return type(value).model_validate(masked)
        except Exception as exc:
            raise UnsupportedContentError(
                f"cannot pseudonymize the {type(value).__name__} in {key!r}"
            ) from exc
    if isinstance(value, type) and issubclass(value, BaseModel):
        schema = value.model_json_schema()
        if map_schema(schema, fn) != schema:
            raise UnsupportedContentError(
                f"{key}={value.__name__} has personal data in its schema and a class cannot "
                f"be rewritten; pass its JSON schema (a dict) or use "
                f"with_structured_output(..., method='json_schema') on the guarded model"
            )
        return value
    raise UnsupportedContentError(
        f"cannot pseudonymize a {type(value).__name__} in {key!r}; pass tools through "
        f"bind_tools, or definitions as JSON dicts"
    )


def definition_texts(params: Mapping[str, Any]) -> list[str]:
    """The human-written strings of the definitions in a model run's invocation params."""
    found: list[str] = []

    def keep(text: str) -> str:
        found.append(text)
        return text

    for key in DEFINITION_KWARGS:
        value = params.get(key)
        if value is None:
            continue
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if isinstance(item, type) and issubclass(item, BaseModel):
                item = item.model_json_schema()
            elif isinstance(item, BaseModel):
                item = item.model_dump(mode="json", exclude_unset=True)
            if is_json_like(item):
                map_schema(item, keep)  # other objects are not checked
    return found
