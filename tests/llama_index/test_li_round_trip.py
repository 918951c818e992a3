"""Documents pseudonymized for storage come back through the guarded LLM as originals."""

from __future__ import annotations

from llama_index.core import Document
from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.node_parser import SentenceSplitter

from chatveil import Guard
from chatveil.llama_index import GuardedLLM, PseudonymizeTransform
from fakes import fake_guard

DOC = ("Maria Kowalski (maria@kowalski.org) leads the Berlin office. Call Peter Novak on "
       "+1 415-555-0132 for invoices. " * 3)


def test_ingested_chunks_in_a_prompt_restore_in_another_process(make_echo) -> None:
    ingestion = fake_guard()
    pipeline = IngestionPipeline(transformations=[
        PseudonymizeTransform(guard=ingestion, session_id="corpus"),
        SentenceSplitter(chunk_size=40, chunk_overlap=0),
    ])
    nodes = pipeline.run(documents=[Document(text=DOC)])
    assert len(nodes) > 1 and not any("Kowalski" in n.text for n in nodes)
    key = Guard.generate_key()
    queries = fake_guard()  # the query service: only the exported vault is shared
    queries.import_session("u1", ingestion.export_session("corpus", key), key)
    echo = make_echo()
    llm = GuardedLLM.wrap(echo, guard=queries).for_session("u1")
    context = "\n---\n".join(n.text for n in nodes)
    answer = llm.complete(f"{context}\nWho leads Berlin, Maria Kowalski?").text
    expected = "\n---\n".join(queries.restore(n.text, session_id="u1") for n in nodes)
    assert answer == f"{expected}\nWho leads Berlin, Maria Kowalski?"
    assert "Maria Kowalski (maria@kowalski.org)" in answer
    assert not any(v in echo.received[0] for v in ("Kowalski", "maria@", "Novak", "555-0132"))
