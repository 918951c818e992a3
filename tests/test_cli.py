"""The ``chatveil`` command: ``scan`` and ``demo``."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chatveil.cli import main

TEXT = "Hi, I'm Maria Lopez, reach me at maria.lopez@example.org or +1 415 555 0132."
ORIGINALS = ("Maria Lopez", "maria.lopez@example.org", "+1 415 555 0132")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


# ---------------------------------------------------------------------- scan
def test_scan_text_lists_detections_and_pseudonymized_text() -> None:
    code, out = run(["scan", TEXT])
    assert code == 0
    assert "3 detection(s)" in out
    rows = re.findall(r"^  (\w+)\s+([\d.]+)\s+(\d+)\s+(\d+)  (.+)$", out, re.MULTILINE)
    assert [(t, int(a), int(b), v) for t, _, a, b, v in rows] == [
        ("PERSON", 8, 19, "Maria Lopez"),
        ("EMAIL_ADDRESS", 33, 56, "maria.lopez@example.org"),
        ("PHONE_NUMBER", 60, 75, "+1 415 555 0132"),
    ]
    masked = out.split("pseudonymized:\n", 1)[1].strip()
    assert masked.startswith("Hi, I'm ")
    for original in ORIGINALS:
        assert original not in masked


def test_scan_json_from_file_with_placeholders(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out = run(["scan", str(path), "--json", "--strategy", "placeholder"])
    assert code == 0
    data = json.loads(out)
    assert data["pseudonymized"] == "Hi, I'm <PERSON_1>, reach me at <EMAIL_1> or <PHONE_1>."
    assert [(d["entity_type"], d["start"], d["end"], d["text"]) for d in data["detections"]] == [
        ("PERSON", 8, 19, "Maria Lopez"),
        ("EMAIL_ADDRESS", 33, 56, "maria.lopez@example.org"),
        ("PHONE_NUMBER", 60, 75, "+1 415 555 0132"),
    ]
    assert all(0 < d["score"] <= 1 for d in data["detections"])


def test_scan_stdin() -> None:
    code, out = run(
        ["scan", "-", "--json", "--strategy", "placeholder"],
        stdin="Write to maria.lopez@example.org today.\n",
    )
    assert code == 0
    assert json.loads(out)["pseudonymized"] == "Write to <EMAIL_1> today.\n"


def test_scan_with_yaml_config(tmp_path: Path) -> None:
    config = tmp_path / "guard.yaml"
    config.write_text("strategy: placeholder\nentities: [EMAIL_ADDRESS]\n", encoding="utf-8")
    code, out = run(["scan", TEXT, "--json", "--config", str(config)])
    assert code == 0
    data = json.loads(out)
    assert [d["entity_type"] for d in data["detections"]] == ["EMAIL_ADDRESS"]
    assert data["pseudonymized"] == TEXT.replace("maria.lopez@example.org", "<EMAIL_1>")


def test_scan_nothing_found() -> None:
    code, out = run(["scan", "--text", "hello"])
    assert code == 0
    assert out == "no personal data detected\n\npseudonymized:\nhello\n"


def test_scan_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["scan", "no/such/resume.txt"])
    assert code == 2
    assert out == ""
    err = capsys.readouterr().err
    assert "no such file" in err and "no/such/resume.txt" in err


def test_scan_directory_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(["scan", str(tmp_path)])
    assert (code, out) == (1, "")
    assert "cannot read" in capsys.readouterr().err


def test_scan_bad_config_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "guard.yaml"
    config.write_text("stratgy: faker\n", encoding="utf-8")
    code, _ = run(["scan", TEXT, "--config", str(config)])
    assert code == 1
    assert "unknown configuration option(s): stratgy" in capsys.readouterr().err


# ---------------------------------------------------------------------- the console script
@pytest.mark.slow
def test_console_script_runs_scan() -> None:
    script = Path(sys.executable).with_name("chatveil")
    if not script.exists():
        pytest.skip("the chatveil console script is not installed next to this interpreter")
    proc = subprocess.run(
        [str(script), "scan", "--json", "--strategy", "placeholder", "-"],
        input="Mail maria.lopez@example.org",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["pseudonymized"] == "Mail <EMAIL_1>"


# ---------------------------------------------------------------------- demo
pytest.importorskip("langchain_core")

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage  # noqa: E402

from chatveil.demo import OFFLINE_NOTICE, OfflineCoachModel  # noqa: E402
from chatveil.demo._conversation import (  # noqa: E402
    SCRIPT,
    SYSTEM_PROMPT,
    choose_model,
    run_demo,
)

DEMO_ORIGINALS = (
    "Maria Lopez",
    "maria.lopez@example.org",
    "+1 415 555 0132",
    "Berlin",
    "John Carter",
)
LABELS = ("you wrote", "model received", "you got back", "model answered")


@pytest.fixture
def no_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OLLAMA_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def columns(output: str) -> list[dict[str, str]]:
    """Per turn, the text of each labelled row (wrapped lines joined back with spaces)."""
    turns: list[dict[str, str]] = []
    label = None
    for line in output.splitlines():
        if line.startswith("\u2500\u2500\u2500 turn"):
            turns.append({})
            label = None
            continue
        if not turns or "\u2502" not in line:
            continue
        head, _, body = line.partition("\u2502 ")
        if head.strip() or body.startswith("(along with"):
            label = head.strip() or "context"
            turns[-1][label] = body
        elif label is not None:
            turns[-1][label] += ("\n" if not body else " ") + body
    return turns


def test_demo_shows_surrogates_to_the_model_and_originals_to_the_user(no_provider: None) -> None:
    code, out = run(["demo", "--offline", "--strategy", "placeholder"])
    assert code == 0
    assert not ANSI.search(out)  # not a terminal: no colour
    turns = columns(out)
    assert len(turns) == len(SCRIPT)
    assert all(set(t) == {*LABELS, "context"} for t in turns)
    assert (
        turns[1]["context"]
        == "(along with the system prompt and 2 earlier message(s), all pseudonymized)"
    )
    first = turns[0]
    assert first["you wrote"] == SCRIPT[0]
    assert first["model received"] == (
        "Hi! I'm <PERSON_1>. You can reach me at <EMAIL_1> or <PHONE_1>."
    )
    assert first["model answered"] == (
        f"{OFFLINE_NOTICE} Nice to meet you, <PERSON_1>! I've noted <EMAIL_1> and <PHONE_1> as "
        "your contact details. What do you do today, and where would you like to go next?"
    )
    assert first["you got back"] == (
        f"{OFFLINE_NOTICE} Nice to meet you, Maria Lopez! I've noted maria.lopez@example.org and "
        "+1 415 555 0132 as your contact details. What do you do today, and where would you "
        "like to go next?"
    )
    assert turns[2]["model received"].endswith("mentor <PERSON_2> asking for advice?")
    for turn in turns:
        for original in DEMO_ORIGINALS:
            assert original not in turn["model received"]
            assert original not in turn["model answered"]
        assert "<" not in turn["you got back"]  # every placeholder was restored
    assert "\u2713 none of the 5 personal values you typed reached the model (5 call(s))" in out


def test_demo_turns_and_colour(no_provider: None) -> None:
    code, out = run(["demo", "--offline", "--turns", "2", "--colour"])
    assert code == 0
    assert ANSI.search(out)
    assert len(columns(ANSI.sub("", out))) == 2


@pytest.mark.parametrize("turns", ["0", "6"])
def test_demo_rejects_turns_out_of_range(turns: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--turns", turns])
    assert exc.value.code == 2
    assert "--turns must be between 1 and 5" in capsys.readouterr().err


def test_demo_streams_and_restores_exactly_what_the_stand_in_would_say(no_provider: None) -> None:
    """With realistic fakes, the restored answer equals the stand-in's answer to the originals."""
    played = run_demo(out=io.StringIO(), offline=True, secret_key=b"demo-test-key-0123456789abcdef")
    stand_in = OfflineCoachModel()
    history = [SystemMessage(SYSTEM_PROMPT)]
    for turn, text in zip(played, SCRIPT, strict=True):
        history.append(HumanMessage(text))
        assert turn.answer == stand_in.reply(history)
        assert turn.answer != turn.answer_raw
        assert len(turn.chunks) > 1 and "".join(turn.chunks) == turn.answer
        assert turn.history_size == len(history)
        for original in DEMO_ORIGINALS:
            assert original not in turn.received and original not in turn.answer_raw
        history.append(AIMessage(turn.answer))
    assert "Maria" in played[0].answer and "Maria" not in played[0].answer_raw


def test_demo_model_selection() -> None:
    model, description = choose_model(env={})
    assert isinstance(model, OfflineCoachModel) and "offline stand-in" in description
    model, _ = choose_model(env={"OPENAI_API_KEY": "sk-test"}, offline=True)
    assert isinstance(model, OfflineCoachModel)
    pytest.importorskip("langchain_openai")
    # built, never called: no request is made
    model, description = choose_model(
        env={"OPENAI_API_KEY": "sk-test", "CHATVEIL_DEMO_MODEL": "gpt-test"}
    )
    assert type(model).__name__ == "ChatOpenAI" and model.model_name == "gpt-test"
    assert description == "gpt-test via OpenAI"
    model, description = choose_model(env={"OLLAMA_BASE_URL": "http://127.0.0.1:11434/"})
    assert model.openai_api_base == "http://127.0.0.1:11434/v1"
    assert description == "llama3.2 via Ollama at http://127.0.0.1:11434/v1"


@pytest.mark.slow
def test_console_script_runs_demo() -> None:
    script = Path(sys.executable).with_name("chatveil")
    if not script.exists():
        pytest.skip("the chatveil console script is not installed next to this interpreter")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OLLAMA_BASE_URL")
    }
    proc = subprocess.run(
        [str(script), "demo", "--turns", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert not ANSI.search(proc.stdout)
    turn = columns(proc.stdout)[0]
    assert turn["you got back"].startswith(f"{OFFLINE_NOTICE} Nice to meet you, Maria!")
    assert "Maria" not in turn["model received"] and "Maria" not in turn["model answered"]
