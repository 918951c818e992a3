"""Restore streamed message chunks as they arrive.

Each stream of text inside the chunks (the string content, one content block's text, one
tool call's arguments...) is a *lane* with its own :class:`~chatveil.StreamRestorer`, so a
surrogate split across chunks is restored exactly and held-back text comes out in the block it
belongs to when the stream ends.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    BaseMessageChunk,
)

from chatveil.langchain._content import (
    JSON_KEYS,
    TEXT_KEYS,
    TextFn,
    map_json,
    map_message,
)
from chatveil.output import AnswerStream

__all__ = ["PROSE_TYPES", "ChunkRestorer", "as_chunk"]

#: Content block types whose text is the answer's prose (what ``output_pii`` screens).
PROSE_TYPES = frozenset({"text", "output_text", "summary_text", "refusal", "reasoning",
                         "thinking"})

# How to rebuild a flushed lane: (where, index, key, block type, nested index)
_Template = tuple[str, Any, str, Any, Any]


def as_chunk(message: BaseMessage | str) -> AIMessageChunk:
    """An ``AIMessageChunk`` for whatever a model stream yields (strings, whole messages)."""
    if isinstance(message, AIMessageChunk):
        return message
    if isinstance(message, str):
        return AIMessageChunk(content=message)
    fields: dict[str, Any] = {
        "content": message.content,
        "additional_kwargs": message.additional_kwargs,
        "response_metadata": message.response_metadata,
        "id": message.id,
        "name": message.name,
    }
    if isinstance(message, AIMessage):
        fields.update(
            tool_calls=message.tool_calls,
            invalid_tool_calls=message.invalid_tool_calls,
            usage_metadata=message.usage_metadata,
        )
    return AIMessageChunk(**fields)


class ChunkRestorer:
    """Restores the chunks of one streamed answer, lane by lane.

    Args:
        new_lane: builds a fresh stream restorer for the call's session; told whether the
            lane is the answer's prose (text, reasoning) rather than tool arguments.
        restore: restores a complete text at once (for whole values inside chunks).
    """

    def __init__(self, new_lane: Callable[[bool], AnswerStream], restore: TextFn) -> None:
        self._new_lane = new_lane
        self._restore = restore
        self._lanes: dict[Hashable, AnswerStream] = {}
        self._templates: dict[Hashable, _Template] = {}
        self._last_id: str | None = None

    # ------------------------------------------------------------------ lanes
    def _feed(self, lane: Hashable, text: str, template: _Template) -> str:
        restorer = self._lanes.get(lane)
        if restorer is None:
            where, _, _, kind, _ = template
            prose = where in ("str", "content", "content-str", "summary") or (
                where == "block" and kind in PROSE_TYPES)
            restorer = self._lanes[lane] = self._new_lane(prose)
            self._templates[lane] = template
        return restorer.feed(text)

    def text(self, chunk: str) -> str:
        """Restore one chunk of a plain string stream."""
        return self._feed(("str",), chunk, ("str", None, "", None, None))

    # ------------------------------------------------------------------ messages
    def message(self, chunk: BaseMessageChunk) -> BaseMessageChunk:
        """Restore one message chunk; what could still be a surrogate is held back."""
        self._last_id = chunk.id or self._last_id
        content = chunk.content
        if isinstance(content, str):
            content = self._feed(("content",), content, ("content", None, "", None, None))
        else:
            content = [self._content_block(i, b) for i, b in enumerate(content)]
        fields = {
            name: getattr(chunk, name)
            for name in type(chunk).model_fields
            if name not in ("tool_calls", "invalid_tool_calls")
        }
        fields["content"] = content
        if chunk.additional_kwargs:
            fields["additional_kwargs"] = self._kwargs(chunk.additional_kwargs)
        if isinstance(chunk, AIMessageChunk):
            if chunk.tool_call_chunks:
                fields["tool_call_chunks"] = [
                    self._tool_chunk(i, tc) for i, tc in enumerate(chunk.tool_call_chunks)
                ]
            else:  # validators rebuild nothing: keep the restored whole calls
                restored = map_message(chunk, self._restore, masking=False)
                fields["tool_calls"] = restored.tool_calls  # type: ignore[attr-defined]
                fields["invalid_tool_calls"] = restored.invalid_tool_calls  # type: ignore[attr-defined]
        return type(chunk)(**fields)

    def _content_block(self, position: int, block: Any) -> Any:
        if isinstance(block, str):
            return self._feed(
                ("content-str", position), block, ("content-str", position, "", None, None)
            )
        if not isinstance(block, Mapping):
            return block
        kind = str(block.get("type"))
        index = block.get("index", position)
        update: dict[str, Any] = {}
        for key in TEXT_KEYS.get(kind, ()):
            if isinstance(block.get(key), str):
                update[key] = self._feed(
                    ("block", index, key), block[key], ("block", index, key, kind, None)
                )
        if kind == "reasoning" and isinstance(block.get("summary"), list):
            update["summary"] = [
                self._summary_part(index, j, part) for j, part in enumerate(block["summary"])
            ]
        for key in JSON_KEYS.get(kind, ()):
            if key in block:
                update[key] = map_json(block[key], self._restore)
        return {**block, **update} if update else block

    def _summary_part(self, index: Any, position: int, part: Any) -> Any:
        if not (isinstance(part, Mapping) and isinstance(part.get("text"), str)):
            return part
        sub = part.get("index", position)
        text = self._feed(
            ("summary", index, sub),
            part["text"],
            ("summary", index, "text", part.get("type", "summary_text"), sub),
        )
        return {**part, "text": text}

    def _tool_chunk(self, position: int, call: Any) -> Any:
        if not isinstance(call.get("args"), str):
            return call
        index = call.get("index")
        lane_index = position if index is None else index
        args = self._feed(("tool", lane_index), call["args"], ("tool", index, "", None, None))
        return {**call, "args": args}

    def _kwargs(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        out = dict(kwargs)
        for key, value in kwargs.items():
            if key == "tool_calls" and isinstance(value, list):
                out[key] = [self._raw_tool_call(i, c) for i, c in enumerate(value)]
            elif key == "reasoning_content" and isinstance(value, str):
                out[key] = self._feed(
                    ("kw-reasoning",), value, ("kw-reasoning", None, "", None, None)
                )
            elif (
                key == "function_call"
                and isinstance(value, Mapping)
                and isinstance(value.get("arguments"), str)
            ):
                args = self._feed(
                    ("kw-function",), value["arguments"], ("kw-function", None, "", None, None)
                )
                out[key] = {**value, "arguments": args}
            else:
                out[key] = map_json(value, self._restore)
        return out

    def _raw_tool_call(self, position: int, call: Any) -> Any:
        func = call.get("function") if isinstance(call, Mapping) else None
        if not (isinstance(func, Mapping) and isinstance(func.get("arguments"), str)):
            return map_json(call, self._restore)
        index = call.get("index", position)
        args = self._feed(("kw-tool", index), func["arguments"], ("kw-tool", index, "", None, None))
        return {**call, "function": {**func, "arguments": args}}

    # ------------------------------------------------------------------ end of stream
    def flush_text(self) -> str:
        """Whatever a plain string stream still holds back."""
        restorer = self._lanes.pop(("str",), None)
        return restorer.flush() if restorer is not None else ""

    def flush(self) -> AIMessageChunk | None:
        """A last chunk with every lane's held-back text, or ``None`` if nothing is pending."""
        content: str | list[Any] = ""
        blocks: list[dict[str, Any]] = []
        tool_chunks: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {}
        pending = False
        for lane, restorer in self._lanes.items():
            text = restorer.flush()
            if not text:
                continue
            pending = True
            where, index, key, kind, sub = self._templates[lane]
            if where in ("content", "str"):
                content = text
            elif where == "content-str":
                blocks.append({"type": "text", "text": text})
            elif where == "block":
                blocks.append({"type": kind, key: text, "index": index})
            elif where == "summary":
                part = {"type": kind, "text": text, "index": sub}
                blocks.append({"type": "reasoning", "summary": [part], "index": index})
            elif where == "tool":
                tool_chunks.append(
                    {
                        "type": "tool_call_chunk",
                        "name": None,
                        "args": text,
                        "id": None,
                        "index": index,
                    }
                )
            elif where == "kw-tool":
                kwargs.setdefault("tool_calls", []).append(
                    {"index": index, "function": {"arguments": text}}
                )
            elif where == "kw-function":
                kwargs["function_call"] = {"arguments": text}
            elif where == "kw-reasoning":
                kwargs["reasoning_content"] = text
        self._lanes.clear()
        if not pending:
            return None
        if blocks:
            content = [content, *blocks] if content else blocks
        return AIMessageChunk(
            content=content,
            additional_kwargs=kwargs,
            tool_call_chunks=tool_chunks,  # type: ignore[arg-type]  # ToolCallChunk dicts
            id=self._last_id,
        )
