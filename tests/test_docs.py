"""The documentation site builds cleanly and its example configuration is valid."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from chatveil import GuardConfig

ROOT = Path(__file__).resolve().parents[1]


def _nav_files(items: list) -> list[str]:
    files: list[str] = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += _nav_files(value) if isinstance(value, list) else [value]
    return files


def test_every_nav_page_exists() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    missing = [f for f in _nav_files(config["nav"]) if not (ROOT / "docs" / f).is_file()]
    assert missing == []


def test_example_configuration_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHATVEIL_SECRET_KEY", "a-test-secret-of-32-characters!!")
    config = GuardConfig.from_yaml(ROOT / "docs" / "examples" / "chatveil.yaml")
    assert config.strategies == {"CREDIT_CARD": "token", "US_SSN": "redact"}
    assert config.secret_key == b"a-test-secret-of-32-characters!!"
    # the file names every option that YAML can set
    options = set(yaml.safe_load((ROOT / "docs/examples/chatveil.yaml").read_text()))
    settable = set(GuardConfig.__dataclass_fields__) - {"custom_recognizers"}
    assert options == settable


def test_configuration_page_documents_every_option() -> None:
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    undocumented = [f for f in GuardConfig.__dataclass_fields__ if f"| `{f}` |" not in page]
    assert undocumented == []


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert (tmp_path / "site" / "api" / "index.html").is_file()
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert "pseudonymize_record" in api and "GuardedChatModel" in api
