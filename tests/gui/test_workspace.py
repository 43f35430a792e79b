"""The workspaces the main window builds conform to the Workspace protocols it uses."""

from __future__ import annotations

from typing import Any

from assistant.gui.theme import DARK, LIGHT
from assistant.gui.workspace import ShowsOwnDiagram, Workspace


def test_plan_explore_and_study_are_workspaces(window: Any) -> None:
    widgets = [window.workspace(k) for k in ("plan", "explore", "study")]
    for widget in widgets:
        assert isinstance(widget, Workspace), type(widget).__name__
        widget.set_theme(DARK)
        widget.set_theme(LIGHT)


def test_only_explore_offers_its_own_diagram_for_export(window: Any) -> None:
    assert isinstance(window.workspace("explore"), ShowsOwnDiagram)
    assert not isinstance(window.workspace("plan"), ShowsOwnDiagram)


def test_study_recolours_its_feedback_and_badge(window: Any, qtbot: Any) -> None:
    study = window.workspace("study")
    study.set_theme(LIGHT)
    study.set_source("single")
    study.length_spin.setValue(1)
    with qtbot.waitSignal(study.question_shown, timeout=3000):
        study.start(seed=1)
    item = study.current_item()
    with qtbot.waitSignal(study.answered, timeout=3000):
        study.answer((item.correct(study.mode) + 1) % len(item.choices))  # wrong on purpose
    assert LIGHT.ruled_out.lower() in study.feedback.toHtml().lower()
    study.set_theme(DARK)
    html = study.feedback.toHtml().lower()
    assert DARK.ruled_out.lower() in html and LIGHT.ruled_out.lower() not in html
    assert DARK.warning in study.mode_badge.styleSheet()
