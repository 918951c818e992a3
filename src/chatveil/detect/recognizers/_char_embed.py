"""A thinc layer that embeds the first and last UTF-8 bytes of each token, byte by byte.

Used by the embedding layer of the shipped names-and-places pipeline (``trained_ner.py``).
Built on public APIs only: ``thinc.api.Model``, the model's ops and spaCy's
``Doc.to_utf8_array``.

For a token, ``Doc.to_utf8_array(nr_char=nC)`` gives ``nC`` byte codes taken alternately from
its start and its end (``b[0], b[-1], b[1], b[-2], ...``, padded with 255 when the token is
shorter). Each position ``j`` has its own table of 256 vectors of width ``nM``, stored together
as the parameter ``E`` of shape ``(nC, 256, nM)``; the token's output is the concatenation of
``E[j, code_j]`` for ``j = 0 .. nC-1``, i.e. a row of width ``nO = nC * nM``. The gradient of
a token's output is added back into the rows it was read from, summed over every token (and
doc) of the batch that has the same byte at the same position.

The layer's name (``"charembed"``), its dims (``nM``, ``nC``, ``nO``, ``nV``) and its parameter
(``E``) are those the shipped weights were saved with; thinc restores a model's weights by
matching nodes in order by name and parameter, so they must not change.

Importing this module imports thinc (not spaCy); ``trained_ner`` imports it lazily.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy
from thinc.api import Model, Ops
from thinc.types import Floats2d, Ints1d

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["LAYER_NAME", "N_BYTE_VALUES", "char_embed"]

#: The layer's name, as stored with the shipped weights.
LAYER_NAME = "charembed"

#: Rows of each position's table: one per byte value.
N_BYTE_VALUES = 256


def char_embed(nM: int, nC: int) -> Model[list[Doc], list[Floats2d]]:
    """The layer: ``nM`` dims for each of the ``nC`` byte positions of a token.

    ``E`` starts at zero (the layers after it learn to use it as it is trained).
    """
    if nM < 1 or nC < 1:
        raise ValueError(f"nM and nC must be positive, got nM={nM}, nC={nC}")
    return Model(
        LAYER_NAME,
        _forward,
        init=_init,
        dims={"nM": nM, "nC": nC, "nO": nM * nC, "nV": N_BYTE_VALUES},
        params={"E": None},
    )


def _rows(ops: Ops, docs: list[Doc], nC: int) -> Ints1d:
    """For all tokens of ``docs`` in order, their rows of ``E`` seen as a ``(nC * 256, nM)`` table.

    The byte code ``c`` at position ``j`` of a token is in row ``j * 256 + c``; the result is
    flat, ``nC`` rows per token.
    """
    if not docs:
        return ops.alloc1i(0)
    codes = ops.asarray2i(ops.xp.concatenate([doc.to_utf8_array(nr_char=nC) for doc in docs]),
                          dtype="int32")
    codes += ops.xp.arange(nC, dtype="int32") * N_BYTE_VALUES
    return ops.reshape1i(ops.as_contig(codes), codes.size)


def _init(model: Model[list[Doc], list[Floats2d]], X: Any = None, Y: Any = None) -> None:
    model.set_param("E", model.ops.alloc3f(model.get_dim("nC"), model.get_dim("nV"),
                                          model.get_dim("nM")))


def _forward(model: Model[list[Doc], list[Floats2d]], docs: list[Doc], is_train: bool
             ) -> tuple[list[Floats2d], Callable[[list[Floats2d]], list[Doc]]]:
    ops = model.ops
    nC, nV, nM, nO = (model.get_dim(d) for d in ("nC", "nV", "nM", "nO"))
    E = model.get_param("E")
    table = ops.reshape2f(E, nC * nV, nM)
    rows = _rows(ops, docs, nC)
    # One gather for the whole batch: nC vectors per token, laid side by side.
    vectors = ops.reshape2f(table[rows], rows.shape[0] // nC, nO)
    ends = numpy.cumsum([len(doc) for doc in docs]).tolist()
    starts = [0, *ends][:-1]
    output: list[Floats2d] = [vectors[s:e] for s, e in zip(starts, ends, strict=True)]

    def backprop(d_output: list[Floats2d]) -> list[Doc]:
        d_table = ops.alloc2f(nC * nV, nM)
        if rows.shape[0]:
            d_vectors = ops.as_contig(ops.reshape2f(ops.flatten(d_output), rows.shape[0], nM),
                                      dtype="float32")
            # Sums the gradients of all tokens that share a byte at a position.
            ops.scatter_add(d_table, rows, d_vectors)
        model.inc_grad("E", ops.reshape3f(d_table, nC, nV, nM))
        return []

    return output, backprop
