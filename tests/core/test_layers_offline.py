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


#: Layers, bottom up. A module may import modules of its own layer or below, never above;
#: the only exception is the lazy dispatch inside ``chatveil.guarded()`` (a function-level
#: import of the adapters). Imports under ``if TYPE_CHECKING:`` are not imports at run time.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("chatveil.errors", "chatveil.spans", "chatveil.config", "chatveil._words",
                    "chatveil._checksums", "chatveil._version")),
    ("state", ("chatveil.state",)),
    ("core", ("chatveil.index", "chatveil.strategies", "chatveil.detect", "chatveil.pseudonymize",
              "chatveil.restore", "chatveil._walk", "chatveil._instruction")),
    ("facade", ("chatveil._guard", "chatveil._session", "chatveil")),
    ("adapters", ("chatveil.langchain", "chatveil.llama_index", "chatveil.demo", "chatveil.cli")),
)


def _module_name(path: pathlib.Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int:
    best, level = -1, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, level = len(prefix), i
    assert level >= 0, f"{module} is in no layer: add it to LAYERS"
    return level


def _imports(path: pathlib.Path) -> list[tuple[str, bool]]:
    """(imported chatveil module, at module level) for every import in a file."""
    tree = ast.parse(path.read_text())
    found: list[tuple[str, bool]] = []
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            inner = top and not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((a.name, top) for a in child.names if a.name.startswith("chatveil"))
            elif isinstance(child, ast.ImportFrom):
                module = child.module or ""
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    module = ".".join([*base, module] if module else base)
                if module.startswith("chatveil"):
                    found.append((module, top))
            visit(child, inner)

    visit(tree, True)
    return found


def test_no_module_imports_a_layer_above_its_own() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        module = _module_name(path)
        for imported, top in _imports(path):
            if module == "chatveil" and not top:
                continue  # guarded(): the lazy dispatch to the adapters
            if _layer(imported) > _layer(module):
                offenders.append(f"{module} ({LAYERS[_layer(module)][0]}) imports {imported} "
                                 f"({LAYERS[_layer(imported)][0]})")
    assert offenders == []


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        graph[_module_name(path)] = {m for m, top in _imports(path) if top}
    cycles: list[list[str]] = []

    def walk(node: str, stack: list[str], done: set[str]) -> None:
        if node in stack:
            cycles.append([*stack[stack.index(node):], node])
            return
        if node in done:
            return
        for nxt in sorted(graph.get(node, ())):
            walk(nxt, [*stack, node], done)
        done.add(node)

    done: set[str] = set()
    for module in sorted(graph):
        walk(module, [], done)
    assert cycles == []


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
