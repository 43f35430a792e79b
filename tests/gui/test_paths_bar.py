"""Inference paths in the Plan workspace: show, add, name, copy, remove - all undoable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.gui import paths_bar

EXAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "aws-ml" / "examples"


@pytest.fixture
def names(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names the next 'ask_name' dialogs answer, in order."""
    queue: list[str] = []
    monkeypatch.setattr(paths_bar, "ask_name", lambda *_a, **_k: queue.pop(0) if queue else None)
    return queue


def test_a_project_with_paths_shows_one_tab_each(make_window: Any, shipped_pack: Any) -> None:
    w = make_window(shipped_pack)
    w.show()
    assert w.open_path(EXAMPLES / "api-and-nightly-batch.archassist.yaml")
    bar = w.plan.paths_bar
    assert bar.path_names() == ["api", "nightly"]
    doc = w.document
    assert doc.current_path == 0 and doc.answers["latency"] == "interactive"
    assert doc.rec.chosen["deployment"] == "realtime"
    groups = {g.label for g in doc.rec.diagram.groups}
    assert {"Path: api", "Path: nightly"} <= groups  # the diagram draws both paths
    bar.tabs.setCurrentIndex(1)
    assert doc.current_path == 1 and doc.answers["latency"] == "offline"
    assert doc.rec.chosen["deployment"] == "batch"
    assert w.plan.questionnaire.questions["latency"] is not None


def test_add_copy_rename_remove_and_undo(window: Any, names: list[str]) -> None:
    doc, bar = window.document, window.plan.paths_bar
    doc.set_answer("traffic", "steady")
    assert bar.path_names() == [paths_bar.SHARED_TAB] and not bar.copy_action.isEnabled()
    names.append("nightly")
    bar.add_action.trigger()
    assert bar.path_names() == ["main", "nightly"] and doc.current_path == 1
    doc.set_answer("traffic", "spiky")  # goes to the path shown
    assert doc.paths[1].answers == {"traffic": "spiky"} and doc.project.answers == {
        "traffic": "steady"
    }
    assert doc.rec.area("deploy").chosen.id == "serverless"
    bar.tabs.setCurrentIndex(0)
    assert doc.answers["traffic"] == "steady" and doc.rec.area("deploy").chosen.id == "realtime"

    names.append("weekend")
    bar.copy(1)
    assert bar.path_names() == ["main", "nightly", "weekend"]
    assert doc.paths[2].answers == {"traffic": "spiky"}
    names.append("night")
    bar.rename(1)
    assert bar.path_names() == ["main", "night", "weekend"]
    bar.remove(2)
    assert bar.path_names() == ["main", "night"]
    doc.undo_stack.undo()
    assert bar.path_names() == ["main", "night", "weekend"]


def test_removing_down_to_one_path_makes_it_the_shared_answers(
    window: Any, names: list[str]
) -> None:
    doc, bar = window.document, window.plan.paths_bar
    doc.set_answer("traffic", "steady")
    names.append("nightly")
    bar.add()
    doc.set_answer("payload_mb", 2.5)
    bar.remove(0)  # remove "main": "nightly" is left and its answers become shared
    assert doc.paths == () and bar.path_names() == [paths_bar.SHARED_TAB]
    assert dict(doc.answers) == {"traffic": "steady", "payload_mb": 2.5}
    doc.undo_stack.undo()
    assert [p.name for p in doc.paths] == ["main", "nightly"]
    assert dict(doc.project.answers) == {"traffic": "steady"}


def test_a_taken_name_is_refused(window: Any, names: list[str], dialogs: Any) -> None:
    names.extend(["b", "b"])
    bar = window.plan.paths_bar
    bar.add()
    bar.rename(0)  # "main" -> "b", which exists
    assert bar.path_names() == ["main", "b"]
    assert dialogs.texts("information") == ["A path named 'b' exists."]
