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
    assert doc.rec.areas == ()  # an empty project decides nothing yet
    assert "No decision area applies yet" in window.plan.panel.toPlainText()
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
    assert "▸ Deployment option: Serverless endpoint ● changed (new)" in panel
    assert "Idle periods cost nothing when it scales to zero" in panel
    assert "The last answer changed: 1 decision, marked ●: Deployment option" in panel
    with qtbot.waitSignal(window.plan.recommendation_shown, timeout=1000):
        qtbot.mouseClick(_radio(window, "traffic", "steady"), Qt.MouseButton.LeftButton)
    panel = window.plan.panel.toPlainText()
    assert "▸ Deployment option: Real-time endpoint ● changed (was Serverless endpoint)" in panel
    assert "InitialInstanceCount" not in panel  # the details are folded ...
    window.plan.panel.anchorClicked.emit(QUrl("fold:deploy"))
    assert "InitialInstanceCount" in window.plan.panel.toPlainText()  # ... until opened


def test_number_typed_with_keyboard_rules_out_and_keeps_focus(window: Any, qtbot: Any) -> None:
    doc = window.document
    qtbot.mouseClick(_radio(window, "traffic", "spiky"), Qt.MouseButton.LeftButton)
    spin = window.plan.questionnaire.questions["payload_mb"]._number.edit
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
    assert doc.rec.areas == ()
    assert not _radio(window, "traffic", "spiky").isChecked()
    assert not window.isWindowModified()
    with qtbot.waitSignal(doc.recommendation_ready):
        window.redo_action.trigger()
    assert doc.answers == {"traffic": "spiky"}
    assert _radio(window, "traffic", "spiky").isChecked()


def test_rapid_numeric_edits_merge_into_one_undo_step(window: Any, qtbot: Any) -> None:
    field = window.plan.questionnaire.questions["payload_mb"]._number
    for value in ("1", "2", "3", "12"):
        field.edit.clear()
        qtbot.keyClicks(field.edit, value)
    doc = window.document
    assert doc.answers["payload_mb"] == 12
    assert doc.undo_stack.count() == 1
    window.undo_action.trigger()
    assert "payload_mb" not in doc.answers
    assert field.value() is None and field.edit.text() == ""  # shown as "not answered"


def test_relevant_questions_only(make_window: Any, shipped_pack: Any) -> None:
    w = make_window(shipped_pack)
    w.show()
    q = w.plan.questionnaire
    relevant = set(w.document.rec.relevant_questions)
    shown = {qid for qid, widget in q.questions.items() if not widget.isHidden()}
    assert shown == relevant
    assert len(shown) < len(shipped_pack.questions)


def _form(window: Any) -> list[tuple[str, list[tuple[str, bool, bool]]]]:
    """The questionnaire as laid out: per area box (shown?), its questions in order with
    (id, shown, open marker shown)."""
    from assistant.gui.questionnaire import QuestionWidget

    form = []
    for area_id, box in window.plan.questionnaire.area_boxes.items():
        rows = []
        layout = box.layout()
        for i in range(layout.count()):
            widget = layout.itemAt(i).widget()
            if isinstance(widget, QuestionWidget) and not widget.isHidden():
                rows.append((widget.question.id, True, not widget.open_marker.isHidden()))
        form.append((f"{area_id} shown={not box.isHidden()}", rows))
    return form


def test_questions_below_the_fold_follow_the_first_paint(
    make_window: Any, shipped_pack: Any, qtbot: Any
) -> None:
    from assistant.gui.questionnaire import FIRST_PAINT_QUESTIONS

    eager = make_window(shipped_pack)
    w = make_window(shipped_pack, defer_offscreen=True)
    q = w.plan.questionnaire
    relevant = w.document.rec.relevant_questions
    assert len(relevant) > FIRST_PAINT_QUESTIONS
    assert len(q.questions) == FIRST_PAINT_QUESTIONS  # the top of the form only
    first = next(rows for _area, rows in _form(eager) if rows)[0][0]
    assert first in q.questions  # the first question on screen is among them
    w.show()
    qtbot.waitUntil(lambda: set(relevant) <= set(q.questions))
    assert _form(w) == _form(eager)  # then the same form, in the same order
    for window in (eager, w):
        window.document.set_answer("task", "custom-prediction")
    assert _form(w) == _form(eager)


def test_node_click_shows_facts(window: Any, qtbot: Any) -> None:
    window.document.set_answer("traffic", "steady")
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
    assert set(window.workspaces) == {"plan"}  # start-up builds Plan only
    window.workspace_actions["explore"].trigger()
    assert window.current_workspace() == "explore"
    assert window.stack.currentWidget() is window.workspaces["explore"]
    window.set_workspace("plan")
    assert window.workspace_actions["plan"].isChecked()


# --- the workspace around the diagram: docks, Diagram Only, the summary panel ---


def test_diagram_takes_most_of_a_1400x900_window(make_window: Any, shipped_pack: Any) -> None:
    w = make_window(shipped_pack, persistent=False)
    w.resize(1400, 900)
    w.show()
    plan = w.plan
    assert plan.centralWidget() is plan.diagram_tabs
    assert all(not d.isHidden() for d in (plan.questions_dock, plan.recommendation_dock))
    share = plan.view.width() * plan.view.height() / (w.width() * w.height())
    assert share >= 0.6, f"the diagram has {share:.0%} of the window"


def test_docks_hide_float_and_come_back_from_the_view_menu(window: Any, qtbot: Any) -> None:
    plan = window.plan
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    toggle = plan.questions_dock.toggleViewAction()
    assert toggle in view_menu.actions() and toggle.isChecked()
    toggle.trigger()
    assert plan.questions_dock.isHidden() and not toggle.isChecked()
    toggle.trigger()
    qtbot.waitUntil(plan.questions_dock.isVisible)
    plan.facts_dock.setFloating(True)
    assert plan.facts_dock.isFloating() and plan.facts_dock.isWindow()


def test_dock_layout_is_remembered(qtbot: Any, mini_pack: Any) -> None:
    from PySide6.QtCore import QSettings

    from assistant.gui.mainwindow import MainWindow

    w = MainWindow(mini_pack)
    qtbot.addWidget(w)
    w.show()
    w.plan.questions_dock.toggleViewAction().trigger()
    w.plan.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, w.plan.facts_dock)
    w.close()
    assert QSettings().value("plan/layout") is not None
    again = MainWindow(mini_pack)
    qtbot.addWidget(again)
    again.show()
    assert again.plan.questions_dock.isHidden()
    area = again.plan.dockWidgetArea(again.plan.facts_dock)
    assert area == Qt.DockWidgetArea.RightDockWidgetArea
    # junk where the layout should be is ignored, not fatal
    QSettings().setValue("plan/layout", "not a layout")
    third = MainWindow(mini_pack)
    qtbot.addWidget(third)
    third.show()
    assert not third.plan.questions_dock.isHidden()


def test_diagram_only_hides_the_docks_and_brings_them_back(window: Any, qtbot: Any) -> None:
    plan = window.plan
    plan.facts_dock.toggleViewAction().trigger()  # hidden before: stays hidden after
    width = plan.view.width()
    plan.view.setFocus()
    qtbot.waitUntil(plan.view.hasFocus)
    with qtbot.waitSignal(plan.diagram_only_changed) as sig:
        qtbot.keyClick(plan.view, Qt.Key.Key_F11)
    assert sig.args == [True]
    assert all(d.isHidden() for d in plan.docks())
    qtbot.waitUntil(lambda: plan.view.width() > width)
    assert plan.diagram_only_action.isChecked()
    # the layout to remember is the one from before, not the empty one
    with qtbot.waitSignal(plan.diagram_only_changed) as sig:
        plan.diagram_only_action.trigger()  # the toolbar button
    assert sig.args == [False]
    assert not plan.questions_dock.isHidden() and not plan.recommendation_dock.isHidden()
    assert plan.facts_dock.isHidden()


def test_docks_belong_to_the_plan_workspace(window: Any, qtbot: Any) -> None:
    plan = window.plan
    plan.facts_dock.setFloating(True)
    plan.facts_dock.show()
    qtbot.waitUntil(plan.facts_dock.isVisible)
    window.set_workspace("explore")
    assert not plan.facts_dock.isVisible()  # a floating Plan panel does not hang over Explore
    assert not plan.diagram_only_action.isEnabled()
    assert not plan.questions_dock.toggleViewAction().isEnabled()
    window.set_workspace("plan")
    qtbot.waitUntil(plan.facts_dock.isVisible)
    assert plan.diagram_only_action.isEnabled()


def test_summary_marks_what_the_last_answer_changed(window: Any, qtbot: Any) -> None:
    from assistant.gui.theme import current_theme

    panel = window.plan.panel
    assert "The last answer changed" not in panel.toPlainText()  # nothing answered yet
    with qtbot.waitSignal(window.plan.recommendation_shown):
        window.document.set_answer("traffic", "spiky")
    assert panel.changed is not None and [c.area for c in panel.changed] == ["deploy"]
    assert current_theme().changed_bg in panel.toHtml().upper() or "changed" in panel.toHtml()
    with qtbot.waitSignal(window.plan.recommendation_shown):
        window.document.set_answer("gpu", False)  # changes no decision
    assert "The last answer changed no decision." in panel.toPlainText()
    assert "● changed" not in panel.toPlainText()
    with qtbot.waitSignal(window.plan.recommendation_shown):
        window.document.pin("model", 10.0, 10.0)  # not an answer: the marks stay
    assert "The last answer changed no decision." in panel.toPlainText()
    with qtbot.waitSignal(window.plan.recommendation_shown):
        window.new_project()  # a new project has no last answer
    assert panel.changed is None and "The last answer" not in panel.toPlainText()


def test_details_fold_and_links_open_them(window: Any, qtbot: Any) -> None:
    plan = window.plan
    panel = plan.panel
    with qtbot.waitSignal(plan.recommendation_shown):
        window.document.set_answer("traffic", "steady")
    areas = [a.id for a in window.document.rec.areas]
    assert areas
    assert panel.expanded == set()
    panel.anchorClicked.emit(QUrl("fold:*all"))
    assert panel.expanded == set(areas)
    assert "Alternatives" in panel.toPlainText()
    panel.anchorClicked.emit(QUrl("fold:*none"))
    assert "Alternatives" not in panel.toPlainText()
    plan.set_diagram_only(True)
    window.show_option("deploy.serverless")  # from Explore: opens the area, shows the panel
    assert panel.expanded == {"deploy"} and not plan.recommendation_dock.isHidden()
    assert "Alternatives" in panel.toPlainText()
    panel.anchorClicked.emit(QUrl("fold:deploy"))
    assert panel.expanded == set()


def test_panel_follows_the_theme(window: Any) -> None:
    from assistant.gui.theme import DARK, LIGHT

    window.plan.set_theme(DARK)
    assert DARK.text.lower() in window.plan.panel.toHtml().lower()
    window.plan.set_theme(LIGHT)
    assert LIGHT.text.lower() in window.plan.panel.toHtml().lower()


def test_a_node_shows_its_facts_and_an_answer_the_recommendation(window: Any) -> None:
    from PySide6.QtWidgets import QTabBar

    plan = window.plan
    window.document.set_answer("traffic", "steady")

    def front_tab() -> str:
        bars = [b for b in plan.findChildren(QTabBar) if b.count() and b.isVisible()]
        titles = {b.tabText(i) for b in bars for i in range(b.count())}
        assert {"Recommendation", "Facts"} <= titles
        bar = next(b for b in bars if "Facts" in {b.tabText(i) for i in range(b.count())})
        return bar.tabText(bar.currentIndex())

    assert front_tab() == "Recommendation"
    plan.show_node("model")
    assert front_tab() == "Facts"
    plan.questionnaire.answer_edited.emit("gpu", True)
    assert window.document.answers["gpu"] is True
    assert front_tab() == "Recommendation"
