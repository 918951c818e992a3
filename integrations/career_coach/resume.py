"""The resume flow of seed 000: pseudonymize a candidate record, analyse it, restore the result.

Here the record itself goes through the guard's record API: every string leaf of the JSON is
pseudonymized (NER runs in one batch), the model analyses the pseudonymized JSON, and the
structured result is restored leaf by leaf. Because the record is masked before the prompt is
built, the model in this chain need not be wrapped; the pseudonymized record is also kept, as the
"anonymized data store" copy the seed describes.

A batch over many resumes runs with a progress bar, and with LangChain's own ``with_retry`` and
``with_fallbacks`` around the model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda, RunnablePassthrough
from tqdm import tqdm

from career_coach.profile import ResumeAnalysis
from chatveil import Guard

__all__ = ["ResumeResult", "analyze_resumes", "resume_chain", "session_for"]

_PROMPT = ChatPromptTemplate.from_messages(
    [
        ("system", "You are a recruiter's assistant. Work only from the candidate record given."),
        (
            "human",
            (
                "Candidate record (JSON):\n{record_json}\n\nSummarise the candidate, list their "
                "skills, judge their seniority, suggest roles, and write a short first message "
                "to them that uses their name."
            ),
        ),
    ]
)


@dataclass(frozen=True)
class ResumeResult:
    """One analysed resume."""

    profile_id: str
    analysis: ResumeAnalysis  # restored: carries the candidate's real name
    pseudonymized_record: dict[str, Any]  # what the model saw; safe to store for audits

    def __repr__(self) -> str:
        return f"ResumeResult(profile_id={self.profile_id!r})"


def session_for(record: dict[str, Any]) -> str:
    """The session of one candidate: every resume gets its own vault."""
    return f"resume-{record['profile_id']}"


def _model_step(llm: BaseChatModel, fallback: BaseChatModel | None, retries: int) -> Runnable:
    step: Runnable = llm.with_structured_output(ResumeAnalysis)
    if retries:
        step = step.with_retry(stop_after_attempt=retries + 1, wait_exponential_jitter=False)
    if fallback is not None:
        step = step.with_fallbacks([fallback.with_structured_output(ResumeAnalysis)])
    return step


def resume_chain(
    llm: BaseChatModel, guard: Guard, *, fallback: BaseChatModel | None = None, retries: int = 2
) -> Runnable:
    """candidate record (dict) -> :class:`ResumeResult`.

    Args:
        llm: any chat model that supports structured output.
        guard: the guard that pseudonymizes and restores the record.
        fallback: a second model used when ``llm`` still fails after its retries.
        retries: extra attempts on ``llm`` before falling back.

    The session comes from ``config["configurable"]["session_id"]`` (see :func:`session_for`).
    """

    def pseudonymize(record: dict[str, Any], config: RunnableConfig) -> dict[str, Any]:
        sid = config.get("configurable", {}).get("session_id")
        masked = guard.pseudonymize_record(record, session_id=sid)
        return {
            "profile_id": str(record.get("profile_id", "")),
            "masked": masked,
            "record_json": json.dumps(masked, ensure_ascii=False, indent=1),
        }

    def restore(x: dict[str, Any], config: RunnableConfig) -> ResumeResult:
        sid = config.get("configurable", {}).get("session_id")
        restored = guard.restore_record(x["analysis"].model_dump(), session_id=sid)
        return ResumeResult(x["profile_id"], ResumeAnalysis(**restored), x["masked"])

    return (
        RunnableLambda(pseudonymize, name="pseudonymize_record")
        | RunnablePassthrough.assign(analysis=_PROMPT | _model_step(llm, fallback, retries))
        | RunnableLambda(restore, name="restore_record")
    )


def analyze_resumes(
    records: list[dict[str, Any]],
    llm: BaseChatModel,
    guard: Guard,
    *,
    fallback: BaseChatModel | None = None,
    retries: int = 2,
    max_concurrency: int = 4,
    progress: bool = True,
) -> list[ResumeResult | Exception]:
    """Analyse many resumes, each in its own session, with a progress bar.

    Returns results in input order; a resume that failed even after retries and the fallback
    is returned as its exception (the others are not lost).
    """
    chain = resume_chain(llm, guard, fallback=fallback, retries=retries)
    configs: list[RunnableConfig] = [
        {"configurable": {"session_id": session_for(r)}, "max_concurrency": max_concurrency}
        for r in records
    ]
    results: list[Any] = [None] * len(records)
    with tqdm(total=len(records), desc="resumes", unit="resume", disable=not progress) as bar:
        for i, out in chain.batch_as_completed(records, config=configs, return_exceptions=True):
            results[i] = out
            bar.update(1)
    return results
