"""``archassist screenshot --theme``: light or dark whatever the system says."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cli_runner import run as cli_run

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return cli_run("--pack", str(MINI), *args)


def test_dark_screenshot_from_the_command_line(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "dark.png"
    r = run("screenshot", "--theme", "dark", "--size", "800x600", "-o", str(out))
    assert r.returncode == 0, r.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 600)
    assert image.pixelColor(5, 5).lightness() < 100  # the menu bar of a dark window


def test_unknown_theme_exits_2(tmp_path: Path) -> None:
    r = run("screenshot", "--theme", "sepia", "-o", str(tmp_path / "x.png"))
    assert r.returncode == 2
    assert "--theme" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "x.png").exists()
