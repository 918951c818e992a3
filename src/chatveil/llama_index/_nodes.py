"""Pseudonymize LlamaIndex nodes: after retrieval (postprocessor), before indexing (transform)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import (
    BaseNode,
    MetadataMode,
    NodeWithScore,
    QueryBundle,
    RelatedNodeInfo,
    TransformComponent,
)

from chatveil._guard import Guard
from chatveil._session import open_session
from chatveil._walk import TextFn, map_leaves, pseudonymize_leaves
from chatveil.errors import ConfigurationError

__all__ = ["PseudonymNodePostprocessor", "PseudonymizeTransform"]

N = TypeVar("N", bound=BaseNode)


def _map_metadata(
    metadata: dict[str, Any], fn: TextFn, keep: Callable[[str], bool], masking: bool
) -> dict[str, Any]:
    return {k: v if keep(k) else map_leaves(v, fn, masking=masking) for k, v in metadata.items()}


def _map_node(
    node: N, fn: TextFn, keep: Callable[[str], bool], *, masking: bool, relationships: bool = False
) -> N:
    """A copy of ``node`` with its text and metadata values mapped by ``fn``.

    Args:
        node: the node; never modified.
        fn: maps one text leaf.
        keep: metadata keys for which this returns True are left as they are.
        masking: pseudonymizing (a metadata value chatveil cannot read raises) or restoring.
        relationships: also map the metadata that relationships carry (e.g. the source
            document's, copied into every chunk by node parsers).
    """
    copy = node.model_copy()
    copy.metadata = _map_metadata(node.metadata, fn, keep, masking)
    resource = getattr(node, "text_resource", None)
    if resource is not None:  # Node / Document keep their text in a media resource
        if resource.text:
            copy.text_resource = resource.model_copy(  # type: ignore[attr-defined]
                update={"text": fn(resource.text)}
            )
    elif text := node.get_content(metadata_mode=MetadataMode.NONE):
        copy.set_content(fn(text))
    if relationships and node.relationships:
        copy.relationships = {
            rel: (
                [_map_related(i, fn, keep, masking) for i in info]
                if isinstance(info, list)
                else _map_related(info, fn, keep, masking)
            )
            for rel, info in node.relationships.items()
        }
    return copy


def _map_related(
    info: RelatedNodeInfo, fn: TextFn, keep: Callable[[str], bool], masking: bool
) -> Any:
    return info.model_copy(update={"metadata": _map_metadata(info.metadata, fn, keep, masking)})


def _map_scored(
    nodes: Sequence[NodeWithScore], fn: TextFn, *, masking: bool
) -> list[NodeWithScore]:
    """Copies of retrieved nodes with the text and metadata the LLM sees mapped by ``fn``."""
    out = []
    for scored in nodes:
        node = scored.node
        keep = set(node.excluded_llm_metadata_keys).__contains__
        mapped = _map_node(node, fn, keep, masking=masking)
        out.append(scored.model_copy(update={"node": mapped}))
    return out


class PseudonymNodePostprocessor(BaseNodePostprocessor):
    """Pseudonymizes retrieved nodes into the current session before they reach the LLM.

    The node text and every metadata value the LLM sees (keys not in
    ``excluded_llm_metadata_keys``) are pseudonymized on copies: the nodes in your docstore and
    vector store are never changed, and nothing is added to their metadata. Because the
    surrogates go into the same session vault as the :class:`GuardedLLM`'s, answers that quote
    the context come back with the originals.

    The session is ``session_id`` if given, else the one of the enclosing
    ``guard.session(...)`` block; async queries see their own task's session. Without either,
    the nodes are pseudonymized into a per-call session that is forgotten at once: the model
    still never sees the originals, but answers that quote them cannot be restored, so give
    the postprocessor and the :class:`GuardedLLM` one session.

    Args:
        guard: the guard shared with the :class:`GuardedLLM`.
        session_id: bind a session (as :meth:`GuardedLLM.for_session` does).

    Example:
        >>> engine = index.as_query_engine(
        ...     llm=GuardedLLM.wrap(llm, guard=guard),
        ...     node_postprocessors=[PseudonymNodePostprocessor(guard=guard)],
        ... )
        >>> with guard.session("user-42"):
        ...     print(engine.query("Who wrote the report?"))
    """

    session_id: str | None = Field(
        default=None, description="Bound session; the current guard.session(...) when None."
    )
    _guard: Guard = PrivateAttr()

    def __init__(self, guard: Guard, **kwargs: Any) -> None:
        if not isinstance(guard, Guard):
            raise TypeError(f"guard must be a chatveil Guard, not {type(guard).__name__}")
        super().__init__(**kwargs)
        self._guard = guard

    @classmethod
    def class_name(cls) -> str:
        return "PseudonymNodePostprocessor"

    @property
    def guard(self) -> Guard:
        """The guard holding the session vaults."""
        return self._guard

    def __repr__(self) -> str:
        return f"PseudonymNodePostprocessor(session_id={self.session_id!r}, guard={self._guard!r})"

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        nodes = list(nodes)
        with open_session(self._guard, self.session_id) as scope:
            return pseudonymize_leaves(
                self._guard, scope.session_id, partial(_map_scored, nodes, masking=True)
            )

    # The inherited async hook runs ``_postprocess_nodes`` in a worker thread, with a copy of
    # the caller's context, so the session of the calling task is used.

    def restore_nodes(
        self, nodes: Sequence[NodeWithScore], session_id: str | None = None
    ) -> list[NodeWithScore]:
        """Copies of pseudonymized nodes (e.g. ``response.source_nodes``) with originals back.

        Args:
            nodes: nodes this postprocessor returned.
            session_id: their session; the bound or current one if omitted.
        """
        sid = self._guard.resolve_session(session_id or self.session_id)
        restore = partial(self._guard.restore, session_id=sid)
        return _map_scored(nodes, restore, masking=False)


class PseudonymizeTransform(TransformComponent):
    """An ``IngestionPipeline`` step that pseudonymizes documents before they are embedded.

    Text and metadata values become surrogates recorded in the vault of ``session_id``, so
    neither the embedding model nor the vector store ever sees the originals. Export that vault
    with ``guard.export_session(session_id, key)`` and import it where queries run
    (``guard.import_session(...)``) to restore answers. Place it first in the pipeline (before
    the node parser and the embedding model); inputs are never modified, copies are returned.

    Args:
        guard: the guard whose vault receives the surrogates.
        session_id: the vault (session) name; the current session if omitted. Without
            either, each call uses a per-call session forgotten when it returns (the
            documents are pseudonymized for good: nothing can restore them).
        exclude_metadata_keys: metadata keys kept verbatim (e.g. ids used for filtering).
        show_progress: show a progress bar while detecting.

    Example:
        >>> pipeline = IngestionPipeline(transformations=[
        ...     PseudonymizeTransform(guard=guard, session_id="corpus"),
        ...     SentenceSplitter(),
        ...     embed_model,
        ... ])
    """

    session_id: str | None = Field(
        default=None, description="Vault (session) receiving the surrogates."
    )
    exclude_metadata_keys: list[str] = Field(
        default_factory=list, description="Metadata keys kept verbatim."
    )
    show_progress: bool = Field(default=False, description="Show a progress bar.")
    _guard: Guard = PrivateAttr()

    def __init__(self, guard: Guard, **kwargs: Any) -> None:
        if not isinstance(guard, Guard):
            raise TypeError(f"guard must be a chatveil Guard, not {type(guard).__name__}")
        super().__init__(**kwargs)
        self._guard = guard

    @classmethod
    def class_name(cls) -> str:
        return "PseudonymizeTransform"

    @property
    def guard(self) -> Guard:
        """The guard holding the vault."""
        return self._guard

    def __repr__(self) -> str:
        return f"PseudonymizeTransform(session_id={self.session_id!r}, guard={self._guard!r})"

    def __getstate__(self) -> Any:
        raise ConfigurationError(
            "PseudonymizeTransform keeps its vault in this process and cannot be sent to worker "
            "processes: run the IngestionPipeline with num_workers=1"
        )

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> list[BaseNode]:
        """Pseudonymized copies of ``nodes``.

        Raises:
            ConfigurationError: a node already has an embedding (computed from the originals).
        """
        nodes = list(nodes)
        if any(node.embedding is not None for node in nodes):
            raise ConfigurationError(
                "nodes already carry embeddings computed from the originals: place "
                "PseudonymizeTransform before the embedding model"
            )
        keep = set(self.exclude_metadata_keys).__contains__
        progress = bool(kwargs.get("show_progress", self.show_progress))
        with open_session(self._guard, self.session_id) as scope:
            return pseudonymize_leaves(
                self._guard,
                scope.session_id,
                lambda fn: [
                    _map_node(n, fn, keep, masking=True, relationships=True) for n in nodes
                ],
                progress=progress,
                documents=True,  # stored: their surrogates are recognised when retrieved
            )

    async def acall(self, nodes: Sequence[BaseNode], **kwargs: Any) -> list[BaseNode]:
        """Async :meth:`__call__`, run in a worker thread (detection is CPU-bound)."""
        return await asyncio.to_thread(self.__call__, nodes, **kwargs)
