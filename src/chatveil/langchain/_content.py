"""Walk LangChain messages and apply one text function to every piece of text they carry.

The same walk serves masking (original -> surrogate), restoring (surrogate -> original) and
leak checks (collect the text). Containers are rebuilt only where a leaf changed, so an
untouched message comes back as the very same object. JSON-like values (tool-call arguments,
prompt variables, structured output) go through chatveil's one leaf walker
(:func:`chatveil._walk.map_leaves`); this module adds only what is LangChain's own: messages and
their content blocks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage

from chatveil._walk import UNHANDLED, TextFn, map_leaves, map_text
from chatveil.errors import UnsupportedContentError

__all__ = [
    "TextFn",
    "UnsupportedContentError",
    "is_plain",
    "map_content",
    "map_json",
    "map_json_string",
    "map_message",
    "map_value",
    "texts_of",
]

#: Content block types whose text lives under these keys.
TEXT_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("text",),
    "input_text": ("text",),
    "output_text": ("text",),
    "summary_text": ("text",),
    "refusal": ("refusal",),
    "reasoning": ("reasoning",),
    "thinking": ("thinking",),
    "tool_call_chunk": ("args",),
    "server_tool_call_chunk": ("args",),
    "input_json_delta": ("partial_json",),
    "function_call": ("arguments",),
}
#: Content block types whose structured arguments live under these keys.
JSON_KEYS: dict[str, tuple[str, ...]] = {
    "tool_call": ("args",),
    "server_tool_call": ("args",),
    "tool_use": ("input",),
    "server_tool_use": ("input",),
    "non_standard": ("value",),
}
#: Content block types that carry no text of their own and pass through unchanged.
OPAQUE_TYPES = frozenset(
    {
        "image",
        "image_url",
        "input_image",
        "file",
        "input_file",
        "audio",
        "input_audio",
        "video",
        "document",
        "redacted_thinking",
    }
)
#: ``additional_kwargs`` keys that providers send back to the model.
_SENT_KWARGS = ("tool_calls", "function_call", "reasoning_content")


def _same_list(old: list[Any], new: list[Any]) -> list[Any]:
    return old if all(a is b for a, b in zip(old, new, strict=True)) else new


def _text(value: str, fn: TextFn) -> str:
    return map_text(value, fn)


def map_json(value: Any, fn: TextFn, *, masking: bool = False) -> Any:
    """Apply ``fn`` to every string leaf of a JSON-like value (dict keys are kept)."""
    return map_leaves(value, fn, masking=masking)


def map_value(value: Any, fn: TextFn, *, masking: bool) -> Any:
    """Like :func:`map_json`, but also walks messages."""

    def messages(item: Any) -> Any:
        if isinstance(item, BaseMessage):
            return map_message(item, fn, masking=masking)
        return UNHANDLED

    return map_leaves(value, fn, masking=masking, special=messages)


def map_json_string(value: str, fn: TextFn) -> str:
    """Apply ``fn`` inside a JSON document (arguments); plain text if it does not parse."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return _text(value, fn)
    if not isinstance(parsed, dict | list):
        return _text(value, fn)
    new = map_json(parsed, fn)
    return value if new is parsed else json.dumps(new, ensure_ascii=False)


def _block(block: Any, fn: TextFn, masking: bool) -> Any:
    if isinstance(block, str):
        return _text(block, fn)
    if not isinstance(block, Mapping):
        raise UnsupportedContentError(
            f"content blocks must be strings or dicts, got {type(block).__name__}"
        )
    kind = block.get("type")
    update: dict[str, Any] = {}
    if kind in TEXT_KEYS:
        for key in TEXT_KEYS[kind]:
            if isinstance(block.get(key), str):
                whole_json = masking and key in ("args", "arguments")
                update[key] = (map_json_string if whole_json else _text)(block[key], fn)
        if kind == "reasoning" and isinstance(block.get("summary"), list):
            update["summary"] = map_content(block["summary"], fn, masking=masking)
    elif kind in JSON_KEYS:
        for key in JSON_KEYS[kind]:
            if key in block:
                update[key] = map_json(block[key], fn, masking=masking)
    elif kind == "tool_result":
        if "content" in block:
            update["content"] = map_content(block["content"], fn, masking=masking)
    elif kind in OPAQUE_TYPES:
        return block
    elif masking:
        # Unknown blocks might carry personal data we cannot see: refuse rather than leak.
        raise UnsupportedContentError(
            f"content block type {kind!r} is not supported; only text, reasoning, tool and "
            f"media blocks can be sent through chatveil"
        )
    else:
        return block
    if all(update[k] is block[k] for k in update):
        return block
    return {**block, **update}


def map_content(content: Any, fn: TextFn, *, masking: bool) -> Any:
    """Apply ``fn`` to the text of a message's ``content`` (a string or a list of blocks).

    Only text-bearing blocks change; images and other media pass through. When ``masking``,
    a block of unknown type raises :class:`UnsupportedContentError` (fail closed).
    """
    if isinstance(content, str):
        return _text(content, fn)
    if isinstance(content, list):
        return _same_list(content, [_block(b, fn, masking) for b in content])
    raise UnsupportedContentError(
        f"message content must be a string or a list of blocks, got {type(content).__name__}"
    )


def _sent_kwargs(kwargs: dict[str, Any], fn: TextFn) -> dict[str, Any]:
    """Mask the ``additional_kwargs`` that providers send back (raw tool calls, reasoning)."""
    update: dict[str, Any] = {}
    calls = kwargs.get("tool_calls")
    if isinstance(calls, list):
        new_calls = []
        for call in calls:
            func = call.get("function") if isinstance(call, Mapping) else None
            if isinstance(func, Mapping) and isinstance(func.get("arguments"), str):
                args = map_json_string(func["arguments"], fn)
                if args is not func["arguments"]:
                    call = {**call, "function": {**func, "arguments": args}}
            new_calls.append(call)
        update["tool_calls"] = _same_list(calls, new_calls)
    func_call = kwargs.get("function_call")
    if isinstance(func_call, Mapping) and isinstance(func_call.get("arguments"), str):
        args = map_json_string(func_call["arguments"], fn)
        if args is not func_call["arguments"]:
            update["function_call"] = {**func_call, "arguments": args}
    if isinstance(kwargs.get("reasoning_content"), str):
        update["reasoning_content"] = _text(kwargs["reasoning_content"], fn)
    changed = {k: v for k, v in update.items() if v is not kwargs.get(k)}
    return {**kwargs, **changed} if changed else kwargs


def map_message(message: BaseMessage, fn: TextFn, *, masking: bool) -> BaseMessage:
    """Apply ``fn`` to every text a message carries; ids, names and metadata are kept.

    Covers ``content``, AI ``tool_calls`` / ``invalid_tool_calls`` / ``tool_call_chunks``
    arguments and the raw tool calls and reasoning in ``additional_kwargs``. When restoring
    (``masking=False``), every string in ``additional_kwargs`` is restored.
    """
    if not isinstance(message, BaseMessage):
        raise UnsupportedContentError(f"expected a LangChain message, got {type(message).__name__}")
    if is_plain(message) and isinstance(message.content, str):  # the common case, made cheap
        text = fn(message.content)
        return message if text == message.content else message.model_copy(update={"content": text})
    update: dict[str, Any] = {}
    update["content"] = map_content(message.content, fn, masking=masking)
    if message.additional_kwargs:
        update["additional_kwargs"] = (
            _sent_kwargs(message.additional_kwargs, fn)
            if masking
            else map_json(message.additional_kwargs, fn, masking=False)
        )
    if isinstance(message, AIMessage):
        if message.tool_calls:
            update["tool_calls"] = _same_list(
                message.tool_calls,
                [_with(tc, "args", map_json(tc["args"], fn, masking=masking))
                 for tc in message.tool_calls],
            )
        if message.invalid_tool_calls:
            update["invalid_tool_calls"] = _same_list(
                message.invalid_tool_calls,
                [_json_arg(tc, fn) for tc in message.invalid_tool_calls],
            )
        if isinstance(message, AIMessageChunk) and message.tool_call_chunks:
            update["tool_call_chunks"] = _same_list(
                message.tool_call_chunks,
                [_json_arg(tc, fn) for tc in message.tool_call_chunks],
            )
    changed = {k: v for k, v in update.items() if v is not getattr(message, k)}
    return message.model_copy(update=changed) if changed else message


def is_plain(message: BaseMessage) -> bool:
    """True if a message's only text is its string ``content`` (no blocks, tools, kwargs)."""
    return (
        type(message.content) is str
        and not message.additional_kwargs
        and not (
            isinstance(message, AIMessage)
            and (
                message.tool_calls
                or message.invalid_tool_calls
                or isinstance(message, AIMessageChunk)
            )
        )
    )


def _with(d: Any, key: str, value: Any) -> Any:
    return d if d.get(key) is value else {**d, key: value}


def _json_arg(call: Any, fn: TextFn) -> Any:
    args = call.get("args")
    return call if not isinstance(args, str) else _with(call, "args", map_json_string(args, fn))


def texts_of(messages: list[BaseMessage]) -> list[str]:
    """Every text that would reach a model from ``messages`` (for leak checks)."""
    found: list[str] = []

    def keep(text: str) -> str:
        found.append(text)
        return text

    for message in messages:
        map_message(message, keep, masking=False)
        # Restore mode skips unknown blocks; a leak check reads them too.
        if isinstance(message.content, list):
            for block in message.content:
                if isinstance(block, Mapping) and (
                    block.get("type") not in TEXT_KEYS
                    and block.get("type") not in JSON_KEYS
                    and block.get("type") not in OPAQUE_TYPES
                ):
                    map_json(dict(block), keep)
    return found
