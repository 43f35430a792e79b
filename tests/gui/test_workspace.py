"""The workspaces the main window builds conform to the Workspace protocols it uses."""

from __future__ import annotations

from typing import Any

from assistant.gui.theme import DARK, LIGHT
from assistant.gui.workspace import ShowsOwnDiagram, Workspace


def test_plan_and_explore_are_workspaces(window: Any) -> None:
    plan, explore = window.workspace("plan"), window.workspace("explore")
    for widget in (plan, explore):
        assert isinstance(widget, Workspace), type(widget).__name__
        widget.set_theme(DARK)
        widget.set_theme(LIGHT)


def test_only_explore_offers_its_own_diagram_for_export(window: Any) -> None:
    assert isinstance(window.workspace("explore"), ShowsOwnDiagram)
    assert not isinstance(window.workspace("plan"), ShowsOwnDiagram)
