"""Tool definitions for a LlamaIndex function-calling model, pseudonymized per call.

The inner model reads a tool only through its ``ToolMetadata``: the description, the name and
the JSON schema of ``fn_schema`` (``get_parameters_dict()``, ``to_openai_tool()``, or
``fn_schema.model_json_schema()`` directly). So the inner model gets a stand-in per tool whose
metadata carries the masked description and a subclass of ``fn_schema`` whose
``model_json_schema()`` returns the masked schema (see :mod:`chatveil._schema` for what is
masked). The caller's own tools are the ones that run, on restored arguments.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import threading
from collections.abc import Sequence
from typing import Any

import cachetools
from llama_index.core.bridge.pydantic import BaseModel
from llama_index.core.tools import BaseTool, ToolMetadata, ToolOutput

from chatveil._guard import Guard
from chatveil._schema import map_schema, pseudonymize_unique
from chatveil.errors import ChatveilError

__all__ = ["ToolDefinition", "mask_tools"]

# masked fn_schema subclasses, by (original class, masked schema): they hold surrogates only
_SCHEMAS: cachetools.LRUCache[tuple[type, str], type[BaseModel]] = cachetools.LRUCache(512)
_SCHEMAS_LOCK = threading.Lock()


class ToolDefinition(BaseTool):
    """What the inner model sees of a tool: its pseudonymized metadata. It cannot be run.

    Args:
        metadata: the masked metadata.
    """

    def __init__(self, metadata: ToolMetadata) -> None:
        self._metadata = metadata

    @property
    def metadata(self) -> ToolMetadata:
        return self._metadata

    def __call__(self, input: Any) -> ToolOutput:
        raise ChatveilError(
            "a pseudonymized tool definition cannot run: call the tools you passed to "
            "chat_with_tools with the restored tool calls of the answer"
        )

    def __repr__(self) -> str:
        return f"ToolDefinition(name={self._metadata.name!r})"


def mask_tools(guard: Guard, session_id: str, tools: Sequence[Any]) -> list[Any]:
    """Stand-ins for ``tools`` with their definitions pseudonymized into ``session_id``.

    A tool whose definition holds no personal data is passed on as it is.
    """
    tools = list(tools)
    metas: list[ToolMetadata] = [tool.metadata for tool in tools]
    schemas = [m.fn_schema.model_json_schema() if m.fn_schema is not None else None for m in metas]

    def build(fn: Any) -> list[tuple[str, Any]]:
        return [
            (fn(meta.description), map_schema(schema, fn) if schema is not None else None)
            for meta, schema in zip(metas, schemas, strict=True)
        ]

    masked = pseudonymize_unique(guard, session_id, build)
    out: list[Any] = []
    for tool, meta, schema, (description, masked_schema) in zip(
        tools, metas, schemas, masked, strict=True
    ):
        if description == meta.description and masked_schema == schema:
            out.append(tool)
            continue
        fn_schema = meta.fn_schema
        if fn_schema is not None and masked_schema != schema:
            fn_schema = _masked_schema(fn_schema, masked_schema)
        out.append(
            ToolDefinition(dataclasses.replace(meta, description=description, fn_schema=fn_schema))
        )
    return out


def _masked_schema(cls: type[BaseModel], schema: dict[str, Any]) -> type[BaseModel]:
    """A subclass of ``cls`` whose JSON schema is ``schema`` (cached)."""
    key = (cls, json.dumps(schema, sort_keys=True, default=str))
    with _SCHEMAS_LOCK:
        hit = _SCHEMAS.get(key)
    if hit is not None:
        return hit

    def model_json_schema(klass: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        return copy.deepcopy(schema)

    masked: type[BaseModel] = type(
        cls.__name__,
        (cls,),
        {
            "__module__": cls.__module__,
            "__doc__": schema.get("description"),
            "model_json_schema": classmethod(model_json_schema),
        },
    )
    with _SCHEMAS_LOCK:
        _SCHEMAS[key] = masked
    return masked
