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
    out = tmp_path / f"plan{SUFFIXES[fmt]}"
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
        assert data.startswith((b"flowchart LR", b"flowchart TB"))  # as the layout chose
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
    assert bad.returncode == 2  # refused by the parser (cli_args), a usage error
    assert "scale" in bad.stderr and "Traceback" not in bad.stderr
    blocked = tmp_path / "file"
    blocked.write_text("x")
    nowhere = _run(
        "export", "-a", "traffic=steady", "--format", "svg", "-o", str(blocked / "x.svg")
    )
    assert nowhere.returncode == 2  # the output's folder is checked by the parser
    assert str(blocked) in nowhere.stderr and "Traceback" not in nowhere.stderr


def test_direction_page_and_width_options(tmp_path: Path) -> None:
    example = ROOT / "knowledge/aws-ml/examples/nightly-churn-batch.archassist.yaml"
    shipped = ("--pack", str(ROOT / "knowledge/aws-ml"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return _run(*shipped, "export", "--answers", str(example), *args)

    sizes = {}
    for direction in ("auto", "lr"):
        out = tmp_path / f"{direction}.svg"
        assert run("--format", "svg", "--direction", direction, "-o", str(out)).returncode == 0
        root = ET.parse(out).getroot()
        sizes[direction] = float(root.get("width", "0")) / float(root.get("height", "1"))
    assert sizes["lr"] > 2.5 >= sizes["auto"]  # one long row, or rows that fit a page
    png = tmp_path / "w.png"
    assert run("--format", "png", "--width", "640", "-o", str(png)).returncode == 0
    assert int.from_bytes(png.read_bytes()[16:20], "big") == 640  # IHDR width
    pdf = tmp_path / "a4.pdf"
    assert run("--format", "pdf", "--page", "A4", "-o", str(pdf)).returncode == 0
    assert b"/MediaBox [0 0 842" in pdf.read_bytes() or b"/MediaBox [0 0 595" in pdf.read_bytes()
    bad = run("--format", "pdf", "--page", "b9", "-o", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "--page" in bad.stderr


def test_the_widest_png_of_a_small_plan(tmp_path: Path) -> None:
    # --width 8192 (the most --help allows) of a plan a few hundred px wide is a scale well
    # past 16: the PNG's bound is its pixel count, not its scale
    png = tmp_path / "wide.png"
    result = _run("export", "--format", "png", "--width", "8192", "-o", str(png))
    assert result.returncode == 0, result.stderr
    assert int.from_bytes(png.read_bytes()[16:20], "big") == 8192  # IHDR width
