"""The resume flow: a pseudonymized record goes to the model; the result comes back restored."""

from __future__ import annotations

import json
import re

import pytest
from langchain_core.messages import BaseMessage

from career_coach import ResumeResult, analyze_resumes, resume_chain, session_for
from career_coach.tests.conftest import assert_never_sent
from chatveil import Guard
from chatveil.demo import ScriptedChatModel, tool_call_message

RESUMES = [
    {
        "profile_id": "c-001",
        "name": "Maria Lopez",
        "contact": {"email": "maria.lopez@example.org", "phone": "+1 415 555 0132"},
        "headline": "Data analyst moving into product management",
        "experience": [
            {
                "title": "Data Analyst",
                "years": 6,
                "summary": "Led dashboard projects for the sales team.",
            }
        ],
        "skills": ["SQL", "Python", "user interviews"],
    },
    {
        "profile_id": "c-002",
        "name": "Jonas Becker",
        "contact": {"email": "jonas.becker@example.com", "phone": "+49 30 901820"},
        "headline": "Backend engineer",
        "experience": [
            {"title": "Software Engineer", "years": 9, "summary": "Built payment services."}
        ],
        "skills": ["Go", "Kafka"],
    },
    {
        "profile_id": "c-003",
        "name": "Priya Raman",
        "contact": {"email": "priya.raman@example.net", "phone": "+44 20 7946 0958"},
        "headline": "UX researcher",
        "experience": [
            {
                "title": "UX Researcher",
                "years": 3,
                "summary": "Ran usability studies for mobile apps.",
            }
        ],
        "skills": ["interviews", "survey design"],
    },
]
ORIGINALS = [v for r in RESUMES for v in (r["name"], *r["contact"].values())]


def _record_in(messages: list[BaseMessage]) -> dict:
    text = messages[-1].text
    return json.loads(text[text.index("{") : text.rindex("}") + 1])


def analyst(messages: list[BaseMessage]):
    """A fake model that answers from the record it received, naming the candidate."""
    record = _record_in(messages)
    name = record["name"]
    first = name.split()[0]
    years = record["experience"][0]["years"]
    return tool_call_message(
        "ResumeAnalysis",
        {
            "summary": f"{name} has {years} years as {record['experience'][0]['title']}.",
            "skills": record["skills"],
            "seniority": "senior" if years >= 6 else "mid",
            "suggested_roles": ["Product Analyst"],
            "outreach": f"Hi {first}, could we talk? Reply to {record['contact']['email']}.",
        },
    )


def expected_summary(r: dict) -> str:
    e = r["experience"][0]
    return f"{r['name']} has {e['years']} years as {e['title']}."


def expected_outreach(r: dict) -> str:
    return f"Hi {r['name'].split()[0]}, could we talk? Reply to {r['contact']['email']}."


def test_one_resume_is_pseudonymized_analysed_and_restored(guard: Guard) -> None:
    model = ScriptedChatModel(responses=[analyst])
    record = RESUMES[0]
    result = resume_chain(model, guard).invoke(
        record, config={"configurable": {"session_id": session_for(record)}}
    )
    assert isinstance(result, ResumeResult)
    assert result.profile_id == "c-001"
    assert result.analysis.summary == expected_summary(record)
    assert result.analysis.outreach == expected_outreach(record)
    assert result.analysis.skills == record["skills"]
    # the model saw the pseudonymized record, and exactly that record
    assert model.calls == 1
    assert _record_in(model.received[0]) == result.pseudonymized_record
    assert_never_sent(model.texts_received(), ORIGINALS)
    masked = result.pseudonymized_record
    assert masked["name"] != record["name"] and masked["skills"] == record["skills"]
    assert re.fullmatch(r"[\w.+-]+@example\.(com|org|net)", masked["contact"]["email"])
    # the user-facing result carries the originals, the model's answer did not
    assert guard.restore_record(masked, session_id="resume-c-001") == record


def test_retry_recovers_from_a_transient_failure(guard: Guard) -> None:
    def flaky(messages):
        raise ConnectionError("provider hiccup")

    model = ScriptedChatModel(responses=[flaky, analyst])
    record = RESUMES[1]
    result = resume_chain(model, guard, retries=1).invoke(
        record, config={"configurable": {"session_id": session_for(record)}}
    )
    assert model.calls == 2
    assert result.analysis.summary == expected_summary(record)
    # both attempts received the same pseudonymized record
    assert _record_in(model.received[0]) == _record_in(model.received[1])
    assert_never_sent(model.texts_received(), ORIGINALS)


def test_fallback_model_takes_over_when_retries_are_exhausted(guard: Guard) -> None:
    def down(messages):
        raise ConnectionError("provider down")

    primary = ScriptedChatModel(responses=[down], cycle=True)
    backup = ScriptedChatModel(responses=[analyst])
    record = RESUMES[2]
    result = resume_chain(primary, guard, fallback=backup, retries=2).invoke(
        record, config={"configurable": {"session_id": session_for(record)}}
    )
    assert (primary.calls, backup.calls) == (3, 1)
    assert result.analysis.outreach == expected_outreach(record)
    assert_never_sent(primary.texts_received() + backup.texts_received(), ORIGINALS)


def test_batch_with_progress_bar_keeps_order_and_isolates_sessions(
    guard: Guard, capsys: pytest.CaptureFixture[str]
) -> None:
    failures = {"c-002": 1}  # the second resume fails once, then succeeds on retry

    def sometimes_flaky(messages):
        pid = _record_in(messages)["profile_id"]
        if failures.get(pid):
            failures[pid] -= 1
            raise TimeoutError("slow provider")
        return analyst(messages)

    model = ScriptedChatModel(responses=[sometimes_flaky], cycle=True)
    results = analyze_resumes(RESUMES, model, guard, retries=1, max_concurrency=2)
    assert [r.profile_id for r in results] == ["c-001", "c-002", "c-003"]
    assert [r.analysis.summary for r in results] == [expected_summary(r) for r in RESUMES]
    assert [r.analysis.outreach for r in results] == [expected_outreach(r) for r in RESUMES]
    assert model.calls == 4
    assert_never_sent(model.texts_received(), ORIGINALS)
    assert "resumes: 100%" in capsys.readouterr().err  # the tqdm bar
    # one vault per candidate: a session restores only its own candidate
    masked_name = results[0].pseudonymized_record["name"]
    assert guard.restore(masked_name, session_id="resume-c-001") == "Maria Lopez"
    assert guard.restore(masked_name, session_id="resume-c-002") == masked_name


def test_batch_returns_the_error_of_a_resume_that_keeps_failing(guard: Guard) -> None:
    def broken_for_c003(messages):
        if _record_in(messages)["profile_id"] == "c-003":
            raise ValueError("cannot parse")
        return analyst(messages)

    model = ScriptedChatModel(responses=[broken_for_c003], cycle=True)
    results = analyze_resumes(RESUMES, model, guard, retries=1, progress=False)
    assert isinstance(results[2], ValueError)
    assert [r.analysis.summary for r in results[:2]] == [expected_summary(r) for r in RESUMES[:2]]
