"""The keep-verbatim instruction, and the one rule for where it goes.

When placeholders or tokens are in use (seed 004), the model is asked to copy them exactly. It
is appended to the first system message, or sent as a new first system message; a plain prompt
gets it in front. Adapters supply only how their message types are read and built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["KEEP_VERBATIM_INSTRUCTION", "with_instruction", "with_instruction_prompt"]

#: System instruction added when placeholders or tokens are in use (seed 004).
KEEP_VERBATIM_INSTRUCTION = (
    "Some values in this conversation are stand-ins such as <PERSON_1> or "
    "[PII_EMAIL_1a2b3c4d]. Copy them exactly as written, brackets, case and digits "
    "included, whenever you refer to them; never alter, translate or explain them."
)

M = TypeVar("M")


def with_instruction(
    messages: Sequence[M],
    instruction: str | None,
    *,
    is_system: Callable[[M], bool],
    has: Callable[[M, str], bool],
    append: Callable[[M, str], M],
    new_system: Callable[[str], M],
) -> list[M]:
    """``messages`` with ``instruction`` in the first system message (or a new one first).

    Args:
        messages: the (already pseudonymized) messages.
        instruction: the instruction, or ``None`` for none.
        is_system: whether a message is a system message.
        has: whether a message already carries the instruction (it is never added twice).
        append: a copy of a system message with the instruction appended.
        new_system: a new system message holding the instruction.
    """
    out = list(messages)
    if instruction is None:
        return out
    if out and is_system(out[0]):
        if has(out[0], instruction):
            return out
        return [append(out[0], instruction), *out[1:]]
    return [new_system(instruction), *out]


def with_instruction_prompt(prompt: str, instruction: str | None) -> str:
    """A plain-text prompt with the instruction in front."""
    return prompt if instruction is None else f"{instruction}\n\n{prompt}"
