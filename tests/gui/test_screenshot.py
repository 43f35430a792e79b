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


def test_screenshot_of_study_never_opens_the_users_progress(
    qapp: Any, mini_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Study workspace in a screenshot keeps its progress in memory, mid-session."""
    import assistant.gui.study as study

    def forbidden() -> Path:
        raise AssertionError("the screenshot asked for the user's progress file")

    monkeypatch.setattr(study, "default_progress_path", forbidden)
    answered: list[tuple[str, bool]] = []
    init = study.StudyWorkspace.__init__

    def spy(self: study.StudyWorkspace, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.answered.connect(lambda item_id, ok: answered.append((item_id, ok)))

    monkeypatch.setattr(study.StudyWorkspace, "__init__", spy)
    out = render_screenshot(tmp_path / "s.png", pack_dir=mini_dir, workspace="study")
    assert QImage(str(out)).width() == 1400
    # a question answered wrongly is on screen, after two answered ones feed the chart
    assert [ok for _, ok in answered] == [True, True, False]
    assert QSettings().allKeys() == []


def test_screenshot_in_dark_mode(qapp: Any, mini_dir: Path, tmp_path: Path) -> None:
    """``--theme dark`` draws the dark palette (the offscreen platform has no OS scheme),
    and the application's own scheme is back afterwards."""
    from assistant.gui.theme import DARK, LIGHT, chosen_scheme

    shots = {}
    for theme in ("light", "dark"):
        out = render_screenshot(tmp_path / f"{theme}.png", pack_dir=mini_dir, theme=theme)
        shots[theme] = QImage(str(out))
    # a corner of the diagram canvas (right of the docks, below the tab bar)
    for theme, expected in (("light", LIGHT.canvas), ("dark", DARK.canvas)):
        image = shots[theme]
        pixel = image.pixelColor(image.width() - 40, image.height() // 2)
        assert pixel.name().upper() == expected.upper(), theme
    assert chosen_scheme(qapp) == "system"
    with pytest.raises(UserInputError, match="sepia"):
        render_screenshot(tmp_path / "x.png", pack_dir=mini_dir, theme="sepia")
