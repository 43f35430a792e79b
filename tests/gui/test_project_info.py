"""Project title and notes in the GUI: edit, undo, save, reopen, autosave, exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog


def test_edit_undo_save_reopen(
    window: Any, make_window: Any, qtbot: Any, tmp_path: Path, save_to: Any
) -> None:
    doc, info = window.document, window.plan.project_info
    window.project_info_action.trigger()
    assert window.plan.diagram_tabs.currentWidget() is info
    with qtbot.waitSignal(doc.recommendation_ready):
        qtbot.keyClicks(info.title_edit, "Fraud scoring")
    assert doc.title == "Fraud scoring"
    assert doc.rec.diagram.title == "Fraud scoring"  # the diagram's (and the exports') title
    assert window.windowTitle().startswith("Fraud scoring[*]")
    assert window.isWindowModified()
    with qtbot.waitSignal(doc.info_changed):
        qtbot.keyClicks(info.notes_edit, "Ask the data team")
    assert doc.notes == "Ask the data team"
    assert doc.undo_stack.count() == 2  # one step per field, not one per key

    window.undo_action.trigger()
    assert doc.notes == "" and info.notes_edit.toPlainText() == ""
    with qtbot.waitSignal(doc.recommendation_ready):
        window.undo_action.trigger()
    assert doc.title == "" and info.title_edit.text() == "" and doc.rec.diagram.title == ""
    assert not window.isWindowModified()
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert info.title_edit.text() == "Fraud scoring"
    assert info.notes_edit.toPlainText() == "Ask the data team"

    save_to(tmp_path / "fraud")
    assert window.save()
    saved = tmp_path / "fraud.archassist.yaml"
    text = saved.read_text(encoding="utf-8")
    assert "Fraud scoring" in text and "Ask the data team" in text
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("Fraud scoring (fraud.archassist.yaml)[*]")

    other = make_window()
    assert other.open_path(saved)
    assert other.plan.project_info.title_edit.text() == "Fraud scoring"
    assert other.plan.project_info.notes_edit.toPlainText() == "Ask the data team"
    assert other.document.rec.diagram.title == "Fraud scoring"
    assert not other.isWindowModified()


def test_typing_and_erasing_leaves_the_document_clean(window: Any, qtbot: Any) -> None:
    title = window.plan.project_info.title_edit
    qtbot.keyClicks(title, "abc")
    assert window.isWindowModified()
    for _ in range(3):
        qtbot.keyClick(title, Qt.Key.Key_Backspace)
    assert window.document.title == ""
    assert window.document.undo_stack.count() == 0
    assert not window.isWindowModified()


def test_ctrl_z_in_the_title_field_is_the_documents_undo(window: Any, qtbot: Any) -> None:
    doc = window.document
    doc.set_answer("traffic", "spiky")
    title = window.plan.project_info.title_edit
    qtbot.keyClicks(title, "Plan A")
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.title == "" and title.text() == ""
    assert doc.answers == {"traffic": "spiky"}  # one step back, the answer is still there
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.answers == {}


def test_notes_are_autosaved(window: Any, qtbot: Any) -> None:
    window.plan.project_info.notes_edit.setPlainText("remember the VPC")
    assert window.document.notes == "remember the VPC"
    qtbot.waitUntil(window.autosave.project_file.is_file, timeout=5000)
    assert "remember the VPC" in window.autosave.project_file.read_text(encoding="utf-8")


def test_title_and_notes_reach_the_exports(
    window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.document.set_title("Fraud: A/B test")
    window.document.set_notes("Keep it in one region.")
    names: list[str] = []

    def ask(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        names.append(Path(start).name)
        return (str(tmp_path / Path(start).name), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    assert window.export_dialog("svg")
    assert window.export_dialog("md")
    assert names == ["fraud-a-b-test.svg", "fraud-a-b-test.md"]  # a file name from the title
    assert "Fraud: A/B test" in (tmp_path / names[0]).read_text(encoding="utf-8")
    report = (tmp_path / names[1]).read_text(encoding="utf-8")
    assert "Fraud: A/B test" in report and "Keep it in one region." in report


def test_new_project_clears_the_fields(window: Any) -> None:
    window.document.set_title("Old")
    window.document.set_notes("old notes")
    window.new_project()  # the dialogs fixture answers "Discard"
    info = window.plan.project_info
    assert info.title_edit.text() == "" and info.notes_edit.toPlainText() == ""
    assert window.windowTitle().startswith("Untitled[*]")
