"""`archassist export` end to end, as a subprocess, for every format."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assistant.export import FORMATS, SUFFIXES

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", "--pack", str(ROOT / "tests/data/mini"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_each_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "sub" / f"plan{SUFFIXES[fmt]}"
    result = _run("export", "-a", "traffic=steady", "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.is_file() and out.stat().st_size > 0
    data = out.read_bytes()
    if fmt == "png":
        assert data.startswith(b"\x89PNG")
    elif fmt == "pdf":
        assert data.startswith(b"%PDF")
    elif fmt in ("svg", "drawio"):
        ET.fromstring(data)
    elif fmt == "mermaid":
        assert data.startswith(b"flowchart LR")
    # no temporary files left behind by the atomic write
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_export_options_and_errors(tmp_path: Path) -> None:
    out = tmp_path / "t.png"
    ok = _run(
        "export",
        "-a",
        "traffic=steady",
        "--format",
        "png",
        "--scale",
        "1",
        "--transparent",
        "-o",
        str(out),
    )
    assert ok.returncode == 0, ok.stderr
    bad = _run("export", "-a", "traffic=steady", "--format", "png", "--scale", "0", "-o", str(out))
    assert bad.returncode == 1
    assert "scale" in bad.stderr and "Traceback" not in bad.stderr
    blocked = tmp_path / "file"
    blocked.write_text("x")
    nowhere = _run(
        "export", "-a", "traffic=steady", "--format", "svg", "-o", str(blocked / "x.svg")
    )
    assert nowhere.returncode == 1
    assert "cannot write" in nowhere.stderr and "Traceback" not in nowhere.stderr
