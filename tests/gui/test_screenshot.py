"""render_screenshot: the window offscreen to PNG, without touching user settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from assistant.core.errors import UserInputError
from assistant.gui.screenshot import render_screenshot


def test_screenshot_of_plan(qapp: Any, mini_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("traffic: spiky\npayload_mb: 2\n", encoding="utf-8")
    out = render_screenshot(
        tmp_path / "shot.png", pack_dir=mini_dir, answers=answers, size=(1200, 800)
    )
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    assert QSettings().allKeys() == []  # nothing remembered from a screenshot


def test_screenshot_rejects_bad_answers(qapp: Any, mini_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("nope: 1\n", encoding="utf-8")
    with pytest.raises(UserInputError, match="nope"):
        render_screenshot(tmp_path / "shot.png", pack_dir=mini_dir, answers=answers)
    assert not (tmp_path / "shot.png").exists()
