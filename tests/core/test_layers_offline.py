"""Layering (light import, no framework in the core) and offline operation."""

from __future__ import annotations

import ast
import json
import pathlib
import subprocess
import sys

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "chatveil"
# Adapter layer: may import the frameworks. `chatveil.demo` (the offline stand-in chat model
# and the demo conversation) is built on LangChain like `chatveil.langchain`; the core never
# imports it and `import chatveil` does not load it (pinned below).
ADAPTER_PARTS = {"langchain", "llama_index", "demo", "cli.py"}
FRAMEWORKS = ("langchain", "langchain_core", "langgraph", "llama_index")


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_import_chatveil_loads_no_framework_and_no_spacy() -> None:
    out = _run(
        "import sys, json, chatveil\n"
        "mods = [m for m in sys.modules if m.split('.')[0] in "
        "('spacy','presidio_analyzer','langchain_core','llama_index','faker','thinc','torch')]\n"
        "print(json.dumps(mods))"
    )
    assert json.loads(out) == []


def test_core_modules_never_import_frameworks() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] in ADAPTER_PARTS:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{rel}: {n}" for n in names if n.split(".")[0] in FRAMEWORKS]
    assert offenders == []


OFFLINE_SCRIPT = r"""
import json, logging, socket, io
attempts = []
def refuse(self, address, *a, **k):
    attempts.append(str(address[0]) if isinstance(address, tuple) else "unix")
    raise OSError("network disabled in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = lambda *a, **k: refuse(None, ("create_connection",))
logs = io.StringIO()
logging.basicConfig(stream=logs, level=logging.WARNING)
from chatveil import Guard, GuardConfig
from chatveil.config import DEFAULT_ENTITIES
g = Guard(GuardConfig(entities=DEFAULT_ENTITIES + ("URL",)))
text = ("Hi, I'm John Smith, mail john.smith@acme-corp.co.uk, see https://www.acme-corp.co.uk/team "
        "or call +44 20 7946 0958.")
masked = g.pseudonymize(text, session_id="s")
ok = g.restore(masked, session_id="s") == text
print(json.dumps({"attempts": attempts, "ok": ok, "leaked": "john.smith@" in masked,
                  "logs": logs.getvalue()}))
"""


def test_whole_pipeline_runs_with_sockets_blocked() -> None:
    out = json.loads(_run(OFFLINE_SCRIPT).strip().splitlines()[-1])
    assert out["attempts"] == []
    assert out["ok"] is True and out["leaked"] is False
    assert "suffix" not in out["logs"].lower() and "error" not in out["logs"].lower(), out["logs"]
