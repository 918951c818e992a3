"""PseudonymNodePostprocessor and PseudonymizeTransform: copies pseudonymized, inputs untouched."""

from __future__ import annotations

import asyncio
import json
import pickle
import warnings

import pytest
from llama_index.core import Document, VectorStoreIndex
from llama_index.core.embeddings import MockEmbedding
from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import NodeRelationship, NodeWithScore, TextNode
from llama_index.core.storage.docstore import SimpleDocumentStore

from chatveil import ConfigurationError, Guard
from chatveil.llama_index import PseudonymizeTransform, PseudonymNodePostprocessor

TEXT = "Jane Doe can be reached at jane.doe@acme.com or +1 415-555-0132."
ORIGINALS = ["Jane Doe", "jane.doe@acme.com", "+1 415-555-0132", "Bob Miller", "Carlos Ruiz"]


def make_nodes() -> list[NodeWithScore]:
    return [
        NodeWithScore(
            node=TextNode(
                id_="n1",
                text=TEXT,
                metadata={
                    "author": "Bob Miller",
                    "reviewers": ["Carlos Ruiz", "jane.doe@acme.com"],
                    "pages": 3,
                    "owner_email": "jane.doe@acme.com",
                },
                excluded_llm_metadata_keys=["owner_email"],
            ),
            score=0.9,
        ),
        NodeWithScore(node=Document(text="Carlos Ruiz wrote the summary.", id_="d1"), score=0.5),
    ]


def dump(nodes: list) -> list[dict]:
    return [n.model_dump() for n in nodes]


def test_postprocessor_pseudonymizes_what_the_llm_sees_on_copies(guard: Guard) -> None:
    nodes = make_nodes()
    before = dump(nodes)
    post = PseudonymNodePostprocessor(guard=guard)
    with guard.session("u1"):
        out = post.postprocess_nodes(nodes)

    assert dump(nodes) == before, "the retrieved (stored) nodes never change"
    assert [n.node_id for n in out] == ["n1", "d1"] and [n.score for n in out] == [0.9, 0.5]
    seen = "\n".join(n.node.get_content(metadata_mode="llm") for n in out)
    for original in ORIGINALS:
        assert original not in seen
    first = out[0].node
    assert set(first.metadata) == set(nodes[0].node.metadata), "no key is added"
    assert first.metadata["pages"] == 3
    assert first.metadata["owner_email"] == "jane.doe@acme.com", "excluded from the LLM: kept"
    assert first.text == guard.pseudonymize(TEXT, session_id="u1")
    assert guard.restore(first.text, session_id="u1") == TEXT
    assert [guard.restore(r, session_id="u1") for r in first.metadata["reviewers"]] == [
        "Carlos Ruiz",
        "jane.doe@acme.com",
    ]


def test_postprocessor_async_uses_the_task_session(guard: Guard) -> None:
    post = PseudonymNodePostprocessor(guard=guard)

    async def run(sid: str) -> list[NodeWithScore]:
        with guard.session(sid):
            return await post.apostprocess_nodes(make_nodes())

    async def main() -> list[list[NodeWithScore]]:
        return await asyncio.gather(run("a"), run("b"))

    a, b = asyncio.run(main())
    assert a[0].node.text == guard.pseudonymize(TEXT, session_id="a")
    assert b[0].node.text == guard.pseudonymize(TEXT, session_id="b")
    assert a[0].node.text != b[0].node.text
    assert not guard.has_session("default")


def test_restore_nodes_gives_back_the_originals(guard: Guard) -> None:
    nodes = make_nodes()
    post = PseudonymNodePostprocessor(guard=guard, session_id="u1")
    restored = post.restore_nodes(post.postprocess_nodes(nodes))
    assert dump(restored) == dump(nodes)


def test_postprocessor_repr_and_dict_carry_no_values(guard: Guard) -> None:
    post = PseudonymNodePostprocessor(guard=guard)
    with guard.session("u1"):
        post.postprocess_nodes(make_nodes())
    text = repr(post) + json.dumps(post.to_dict())
    assert not any(original in text for original in ORIGINALS)


# ---------------------------------------------------------------------- ingestion
DOCS = [
    Document(
        id_="cv-1",
        text=(
            "Jane Doe is a data engineer in Berlin. "
            "Email jane.doe@acme.com, phone +1 415-555-0132. She reports to Bob Miller."
        ),
        metadata={"candidate": "Jane Doe", "source": "cv-upload-17"},
    ),
    Document(id_="cv-2", text="Carlos Ruiz leads the platform team.", metadata={"source": "wiki"}),
]


def test_transform_returns_pseudonymized_copies_into_the_named_vault(guard: Guard) -> None:
    before = dump(DOCS)
    step = PseudonymizeTransform(guard=guard, session_id="corpus", exclude_metadata_keys=["source"])
    out = step(DOCS)
    assert dump(DOCS) == before
    assert [d.id_ for d in out] == ["cv-1", "cv-2"]
    assert [d.metadata["source"] for d in out] == ["cv-upload-17", "wiki"]
    for doc, original in zip(out, DOCS, strict=True):
        content = doc.get_content(metadata_mode="all")
        assert not any(value in content for value in ORIGINALS)
        assert guard.restore(doc.text, session_id="corpus") == original.text
    assert guard.restore(out[0].metadata["candidate"], session_id="corpus") == "Jane Doe"
    assert not guard.has_session("default")


def test_transform_after_a_splitter_also_covers_relationship_metadata(guard: Guard) -> None:
    chunks = SentenceSplitter(chunk_size=64, chunk_overlap=0)(DOCS)
    out = PseudonymizeTransform(guard=guard, session_id="corpus")(chunks)
    source = out[0].relationships[NodeRelationship.SOURCE]
    assert source.node_id == "cv-1"
    assert guard.restore(source.metadata["candidate"], session_id="corpus") == "Jane Doe"
    assert not any(value in json.dumps([n.to_dict() for n in out]) for value in ORIGINALS)


def test_pipeline_stores_no_pii_and_an_exported_vault_restores_elsewhere(guard: Guard) -> None:
    pipeline = IngestionPipeline(
        transformations=[
            PseudonymizeTransform(guard=guard, session_id="corpus"),
            SentenceSplitter(chunk_size=128, chunk_overlap=0),
            MockEmbedding(embed_dim=8),
        ]
    )
    nodes = pipeline.run(documents=DOCS)
    index = VectorStoreIndex(nodes, embed_model=MockEmbedding(embed_dim=8))
    stored = json.dumps(index.storage_context.to_dict())
    assert not any(value in stored for value in ORIGINALS)

    key = Guard.generate_key()
    blob = guard.export_session("corpus", key)
    elsewhere = Guard()  # another process: only the exported vault is shared
    elsewhere.import_session("user-1", blob, key)
    texts = sorted(elsewhere.restore(n.text, session_id="user-1") for n in nodes)
    assert texts == sorted(d.text for d in DOCS)
    # a question pseudonymized in that session names the very surrogate the index holds
    surrogate = guard.pseudonymize("Jane Doe", session_id="corpus")
    question = elsewhere.pseudonymize("How do I email Jane Doe?", session_id="user-1")
    assert question == f"How do I email {surrogate}?"
    assert surrogate in nodes[0].text


def test_pipeline_docstore_keeps_only_hashes_with_store_doc_text_false(guard: Guard) -> None:
    docstore = SimpleDocumentStore()
    pipeline = IngestionPipeline(
        transformations=[PseudonymizeTransform(guard=guard, session_id="corpus")],
        docstore=docstore,
    )
    with warnings.catch_warnings():  # without a vector store LlamaIndex warns about upserts
        warnings.simplefilter("ignore", UserWarning)
        pipeline.run(documents=DOCS, store_doc_text=False)
    dumped = json.dumps(docstore.to_dict())
    assert "cv-1" in dumped and not any(value in dumped for value in ORIGINALS)


def test_pipeline_async_run(guard: Guard) -> None:
    pipeline = IngestionPipeline(
        transformations=[PseudonymizeTransform(guard=guard, session_id="corpus")]
    )
    nodes = asyncio.run(pipeline.arun(documents=DOCS))
    assert [guard.restore(n.text, session_id="corpus") for n in nodes] == [d.text for d in DOCS]
    assert not any(value in n.text for n in nodes for value in ORIGINALS)


def test_transform_refuses_nodes_embedded_from_originals(guard: Guard) -> None:
    embedded = MockEmbedding(embed_dim=4)([TextNode(text=TEXT)])
    with pytest.raises(ConfigurationError, match="before the embedding model"):
        PseudonymizeTransform(guard=guard, session_id="corpus")(embedded)


def test_transform_cannot_be_sent_to_worker_processes(guard: Guard) -> None:
    with pytest.raises(ConfigurationError, match="num_workers=1"):
        pickle.dumps(PseudonymizeTransform(guard=guard, session_id="corpus"))
