"""The Plan workspace: answers update recommendation and diagram at once; undo; keyboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QRadioButton


def _radio(window: Any, qid: str, value: object) -> QRadioButton:
    button = window.plan.questionnaire.questions[qid]._buttons[value]
    assert isinstance(button, QRadioButton)
    return button


def test_answer_updates_recommendation_and_diagram(window: Any, qtbot: Any) -> None:
    doc = window.document
    assert doc.rec.area("deploy").chosen.id == "realtime"
    with qtbot.waitSignal(doc.recommendation_ready, timeout=1000):
        qtbot.mouseClick(_radio(window, "traffic", "spiky"), Qt.MouseButton.LeftButton)
    assert doc.answers == {"traffic": "spiky"}
    assert doc.rec.area("deploy").chosen.id == "serverless"
    # the diagram is updated synchronously ...
    items = window.plan.view.diagram_scene().node_items
    assert items["model"].node.label == "Serverless model (2048 MB)"
    assert "Serverless model (2048 MB)" in window.plan.diagram_text.toPlainText()
    assert window.isWindowModified()
    # ... and the panel in the same event-loop turn
    with qtbot.waitSignal(window.plan.recommendation_shown, timeout=1000):
        pass
    # a summary row per area: area, choice, the deciding reason; the change is marked
    panel = window.plan.panel.toPlainText()
    assert "Deployment option\nServerless endpoint ● changed (was Real-time endpoint)" in panel
    assert "Idle periods cost nothing when it scales to zero\n" in panel
    assert "The last answer changed: Deployment option: Real-time endpoint → Serverless" in panel
    assert "MemorySizeInMB" not in panel  # the details are folded ...
    window.plan.panel.anchorClicked.emit(QUrl("fold:deploy"))
    assert "MemorySizeInMB" in window.plan.panel.toPlainText()  # ... until opened


def test_number_typed_with_keyboard_rules_out_and_keeps_focus(window: Any, qtbot: Any) -> None:
    doc = window.document
    qtbot.mouseClick(_radio(window, "traffic", "spiky"), Qt.MouseButton.LeftButton)
    spin = window.plan.questionnaire.questions["payload_mb"]._spin
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.selectAll()
    with qtbot.waitSignal(window.plan.recommendation_shown):
        qtbot.keyClicks(spin, "5")
    assert doc.answers["payload_mb"] == 5
    deploy = doc.rec.area("deploy")
    assert deploy.chosen.id == "realtime"
    ruled = {a.id: a for a in deploy.alternatives}["serverless"]
    assert ruled.status == "ruled_out"
    assert "4 MB" in ruled.reasons[0].text
    window.plan.panel.set_expanded("deploy", True)
    assert "ruled out" in window.plan.panel.toPlainText()
    assert QApplication.focusWidget() is spin  # the form was not rebuilt


def test_keyboard_only_radio_answer(window: Any, qtbot: Any) -> None:
    button = _radio(window, "gpu", True)
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    with qtbot.waitSignal(window.document.recommendation_ready):
        qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.document.answers["gpu"] is True


def test_open_question_marker_and_clear(window: Any, qtbot: Any) -> None:
    q = window.plan.questionnaire.questions["traffic"]
    assert not q.open_marker.isHidden()  # unanswered and could change the result
    qtbot.mouseClick(_radio(window, "traffic", "steady"), Qt.MouseButton.LeftButton)
    assert q.open_marker.isHidden()
    with qtbot.waitSignal(window.document.recommendation_ready):
        qtbot.mouseClick(q.clear_button, Qt.MouseButton.LeftButton)
    assert "traffic" not in window.document.answers
    assert not _radio(window, "traffic", "steady").isChecked()


def test_undo_redo_answers(window: Any, qtbot: Any) -> None:
    doc = window.document
    qtbot.mouseClick(_radio(window, "traffic", "spiky"), Qt.MouseButton.LeftButton)
    assert doc.rec.area("deploy").chosen.id == "serverless"
    with qtbot.waitSignal(doc.recommendation_ready):
        window.undo_action.trigger()
    assert doc.answers == {}
    assert doc.rec.area("deploy").chosen.id == "realtime"
    assert not _radio(window, "traffic", "spiky").isChecked()
    assert not window.isWindowModified()
    with qtbot.waitSignal(doc.recommendation_ready):
        window.redo_action.trigger()
    assert doc.answers == {"traffic": "spiky"}
    assert _radio(window, "traffic", "spiky").isChecked()


def test_rapid_numeric_edits_merge_into_one_undo_step(window: Any, qtbot: Any) -> None:
    spin = window.plan.questionnaire.questions["payload_mb"]._spin
    for value in (1, 2, 3, 12):
        spin.setValue(value)
    doc = window.document
    assert doc.answers["payload_mb"] == 12
    assert doc.undo_stack.count() == 1
    window.undo_action.trigger()
    assert "payload_mb" not in doc.answers
    assert spin.value() == spin.minimum()  # shown as "not answered"


def test_relevant_questions_only(make_window: Any, shipped_pack: Any) -> None:
    w = make_window(shipped_pack)
    w.show()
    q = w.plan.questionnaire
    relevant = set(w.document.rec.relevant_questions)
    shown = {qid for qid, widget in q.questions.items() if not widget.isHidden()}
    assert shown == relevant
    assert len(shown) < len(shipped_pack.questions)


def test_node_click_shows_facts(window: Any, qtbot: Any) -> None:
    view = window.plan.view
    with qtbot.waitSignal(view.node_clicked) as blocker:
        view.diagram_scene().node_moved.disconnect()  # a click must not pin
        item = view.diagram_scene().node_items["model"]
        pos = view.mapFromScene(item.sceneBoundingRect().center())
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["model"]
    details = window.plan.details.toPlainText()
    assert "Real-time hosting" in details
    assert "2 to 15 containers" in details
    assert "Exam notes differ" in details


def test_question_link_moves_focus(window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import QUrl

    window.plan._on_link(QUrl("question:traffic"))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is _radio(window, "traffic", "steady"))


def test_about_lists_versions_and_licences(window: Any, dialogs: Any) -> None:
    window.about_action.trigger()
    (text,) = dialogs.texts("about")
    for word in ("PySide6", "Qt", "LGPL", "networkx", "PyYAML", "MIT", "Mini test pack"):
        assert word in text


def test_status_bar_shows_pack(window: Any) -> None:
    assert window.pack_label.text() == "Mini test pack 0.1.0 · knowledge as of 2026-11-28"


def test_standard_shortcuts(window: Any) -> None:
    from PySide6.QtGui import QKeySequence

    sk = QKeySequence.StandardKey
    for action, key in (
        (window.new_action, sk.New),
        (window.open_action, sk.Open),
        (window.save_action, sk.Save),
        (window.undo_action, sk.Undo),
        (window.redo_action, sk.Redo),
        (window.zoom_in_action, sk.ZoomIn),
        (window.quit_action, sk.Quit),
    ):
        assert action.shortcuts() == QKeySequence.keyBindings(key)


def test_other_workspaces_are_built_on_first_use(window: Any) -> None:
    import pytest

    assert set(window.workspaces) == {"plan"}  # start-up builds Plan only
    if "explore" not in window.available_workspaces():
        pytest.skip("the Explore workspace is not there yet")
    window.workspace_actions["explore"].trigger()
    assert window.current_workspace() == "explore"
    assert window.stack.currentWidget() is window.workspaces["explore"]
    window.set_workspace("plan")
    assert window.workspace_actions["plan"].isChecked()
